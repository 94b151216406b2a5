"""The workshop's contributions as CSV: a .zip with one table per phase.

Each file is UTF-8 with a byte-order mark and semicolons between fields, so a double click opens
it in Excel with Finnish regional settings and ä, ö and å intact. A text that starts like a
formula (=, +, -, @) gets a leading apostrophe so a spreadsheet shows it instead of running it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

MEDIA_TYPE = "application/zip"
EXTENSION = "zip"
COLUMNS = (
    "id",
    "phase",
    "kind",
    "text",
    "value",
    "parent",
    "stated role",
    "created_at",
    "hidden",
)
DELIMITER = ";"
# The same date on every entry keeps the archive identical for the same workshop.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str) -> str:
    """Neutralise spreadsheet formulas at the start of a cell."""
    return "'" + text if text.startswith(_FORMULA) else text


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:40] or "phase"


def phase_rows(export: dict[str, Any], key: str) -> list[tuple[str, ...]]:
    """Rows of one phase (deleted contributions left out), in id order."""
    roles = {p["number"]: p.get("role") or "" for p in export.get("participants", [])}
    rows = []
    for c in export.get("contributions", []):
        if c["phase"] != key or c.get("deleted"):
            continue
        rows.append(
            (
                str(c["id"]),
                key,
                c["kind"],
                _safe(c.get("body") or ""),
                str(c.get("value") or 0),
                "" if c.get("parent") is None else str(c["parent"]),
                roles.get(c.get("participant"), ""),
                c.get("created_at") or "",
                "yes" if c.get("hidden") else "no",
            )
        )
    return rows


def phase_csv(export: dict[str, Any], key: str) -> bytes:
    """One phase as CSV bytes (BOM, semicolons, CRLF)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(phase_rows(export, key))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render(export: dict[str, Any]) -> bytes:
    """The registered workshop exporter: a zip with ``NN-<phase>.csv`` per phase."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for n, phase in enumerate(export.get("phases", []), start=1):
            info = zipfile.ZipInfo(f"{n:02d}-{_slug(phase['key'])}.csv", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, phase_csv(export, phase["key"]))
    return buffer.getvalue()
