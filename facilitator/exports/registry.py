"""The table of export formats: minutes renderers and whole-workshop exporters.

A minutes renderer takes ``Minutes`` (blocks) and returns bytes; a workshop exporter takes the
export dict from ``workshop_json.export_workshop``. Adding a format is one module and one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


def filename(title: str, workshop_id: int | None, fmt: str) -> str:
    """A safe download name such as ``minutes-12-kokeiluhetki.docx``."""
    import re
    import unicodedata

    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:40]
    stem = "workshop" if not FORMATS[fmt].minutes else "minutes"
    parts = [stem, str(workshop_id) if workshop_id is not None else "", slug]
    return "-".join(p for p in parts if p) + "." + FORMATS[fmt].extension
