"""The table of export formats: minutes renderers and whole-workshop exporters.

A minutes renderer takes ``Minutes`` (blocks) and returns bytes; a workshop exporter takes the
export dict from ``workshop_json.export_workshop``. Adding a format is one module and one line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from facilitator.exports import csv_export, docx, html, markdown, pdf, workshop_json
from facilitator.summaries.blocks import Minutes


@dataclass(frozen=True)
class Format:
    """One downloadable format."""

    key: str
    extension: str
    media_type: str
    render: Callable[[Any], bytes]
    minutes: bool  # True: renders Minutes; False: renders the workshop export dict


RENDERERS: dict[str, Callable[[Minutes], bytes]] = {
    "md": markdown.render,
    "html": html.render,
    "docx": docx.render,
    "pdf": pdf.render,
}
WORKSHOP_EXPORTERS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "csv": csv_export.render,
    "json": workshop_json.render,
}
FORMATS: dict[str, Format] = {
    "md": Format("md", markdown.EXTENSION, markdown.MEDIA_TYPE, markdown.render, True),
    "html": Format("html", html.EXTENSION, html.MEDIA_TYPE, html.render, True),
    "docx": Format("docx", docx.EXTENSION, docx.MEDIA_TYPE, docx.render, True),
    "pdf": Format("pdf", pdf.EXTENSION, pdf.MEDIA_TYPE, pdf.render, True),
    "csv": Format("csv", csv_export.EXTENSION, csv_export.MEDIA_TYPE, csv_export.render, False),
    "json": Format(
        "json", workshop_json.EXTENSION, workshop_json.MEDIA_TYPE, workshop_json.render, False
    ),
}


def render(minutes: Minutes, fmt: str) -> bytes:
    """Minutes in one of the minutes formats (md, html, docx, pdf)."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        known = sorted(RENDERERS)
        raise ValueError(f"unknown minutes format {fmt!r}; use one of {known}") from None
    return renderer(minutes)


def export(data: dict[str, Any], fmt: str) -> bytes:
    """The whole workshop in one of the workshop formats (csv, json)."""
    try:
        exporter = WORKSHOP_EXPORTERS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown workshop format {fmt!r}; use one of {sorted(WORKSHOP_EXPORTERS)}"
        ) from None
    return exporter(data)


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_TRAILING = " .-–—_,;"


def _cut(text: str, limit: int, separator: str) -> str:
    """``text`` at most ``limit`` characters, cut at the last ``separator`` when it is too long."""
    if len(text) > limit:
        text = text[:limit]
        if separator in text:
            text = text.rsplit(separator, 1)[0]
    return text.rstrip(_TRAILING)


def filename(title: str, workshop_id: int | None, fmt: str) -> str:
    """The file name of a download, from the workshop's title: ``Kokeiluhetki.pdf``, and for the
    workshop's data ``Kokeiluhetki (data).json``. Characters that file systems refuse are
    dropped; a long title is cut at a word and never ends in a dash or a dot."""
    clean = " ".join(_UNSAFE.sub(" ", unicodedata.normalize("NFC", title)).split())
    stem = _cut(clean.strip(_TRAILING), 80, " ") or (
        f"workshop-{workshop_id}" if workshop_id is not None else "workshop"
    )
    if not FORMATS[fmt].minutes:
        stem += " (data)"
    return f"{stem}.{FORMATS[fmt].extension}"


def ascii_filename(name: str) -> str:
    """An ASCII stand-in for ``name`` (for the plain ``filename=`` of a download)."""
    stem, _, extension = name.rpartition(".")
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = _cut(re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower(), 60, "-") or "download"
    return f"{slug}.{extension}"


def content_disposition(name: str) -> str:
    """``attachment`` with the name twice: ASCII for old clients, UTF-8 (RFC 6266) for others."""
    return f"attachment; filename=\"{ascii_filename(name)}\"; filename*=UTF-8''{quote(name)}"
