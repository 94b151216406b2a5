"""Personal data in free text: phone numbers, e-mail addresses and Finnish personal identity
codes (henkilötunnus, with its check character validated), found before export and redacted on
request. Pure functions; the caller decides what to show and what to replace.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

Kind = Literal["hetu", "email", "phone"]
KINDS: tuple[Kind, ...] = ("hetu", "email", "phone")

_HETU = re.compile(
    r"(?<![\w-])(\d{2})(\d{2})(\d{2})([-+ABCDEFUVWXY])(\d{3})([0-9A-Y])(?![\w])", re.IGNORECASE
)
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_CENTURY = {"+": 1800, "-": 1900, "U": 1900, "V": 1900, "W": 1900, "X": 1900, "Y": 1900}
_CENTURY.update({c: 2000 for c in "ABCDEF"})

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])",
    re.UNICODE,
)
# A run of digits with spaces, hyphens or brackets, starting with +, 00 or 0 (national format).
_PHONE = re.compile(r"(?<![\w+])(?:\+|\(0|0)[\d\s\-()]{5,20}\d(?![\w])")


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: what kind, where in the text, and the text itself."""

    kind: Kind
    start: int
    end: int
    text: str


def valid_hetu(code: str) -> bool:
    """True for a Finnish personal identity code with a real date and the right check char."""
    match = _HETU.fullmatch(code.strip())
    if not match:
        return False
    dd, mm, yy, sep, number, check = match.groups()
    try:
        date(_CENTURY[sep.upper()] + int(yy), int(mm), int(dd))
    except ValueError:
        return False
    if int(number) < 2:
        return False
    return _HETU_CHECK[int(dd + mm + yy + number) % 31] == check.upper()


def _phone_ok(candidate: str) -> bool:
    """Plausible phone number: 7–11 digits nationally (0…), 8–15 with a country code."""
    if "\n" in candidate:
        return False
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith("+") or digits.startswith("00"):
        return 8 <= len(digits) <= 15
    # National numbers start with a zero: 040 123 4567, 09 123 4567, (09) 1234 567.
    return digits.startswith("0") and 7 <= len(digits) <= 11 and not digits.startswith("00")


def find(text: str) -> list[Finding]:
    """Every piece of personal data in ``text``, in order, without overlaps."""
    found: list[Finding] = []
    for match in _HETU.finditer(text):
        if valid_hetu(match.group(0)):
            found.append(Finding("hetu", match.start(), match.end(), match.group(0)))
    for match in _EMAIL.finditer(text):
        found.append(Finding("email", match.start(), match.end(), match.group(0)))
    for match in _PHONE.finditer(text):
        raw = match.group(0)
        trimmed = raw.rstrip(" -(")
        if _phone_ok(trimmed):
            found.append(Finding("phone", match.start(), match.start() + len(trimmed), trimmed))
    found.sort(key=lambda f: (f.start, KINDS.index(f.kind)))
    kept: list[Finding] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def redact(text: str, label: Callable[[Kind], str] | None = None) -> str:
    """``text`` with every finding replaced by ``label(kind)`` (default ``[phone]`` etc.)."""
    name = label or (lambda kind: f"[{kind}]")
    out: list[str] = []
    position = 0
    for item in find(text):
        out.append(text[position : item.start])
        out.append(name(item.kind))
        position = item.end
    out.append(text[position:])
    return "".join(out)


def mask(value: str) -> str:
    """A finding shown in a warning without repeating it whole: ``040 *** **67``."""
    if len(value) <= 4:
        return "*" * len(value)
    keep = 3 if len(value) > 8 else 1
    middle = "".join("*" if ch.isalnum() else ch for ch in value[keep:-2])
    return value[:keep] + middle + value[-2:]


@dataclass(frozen=True)
class Located:
    """A finding in a workshop export: which contribution (or field) it is in."""

    where: str
    finding: Finding


def scan_export(export: dict[str, Any]) -> list[Located]:
    """Personal data in the free text of a workshop export (titles, names, notes)."""
    located: list[Located] = []
    workshop = export.get("workshop", {})
    for key in ("title", "place"):
        located.extend(Located(f"workshop.{key}", f) for f in find(workshop.get(key) or ""))
    for person in export.get("participants", []):
        where = f"participant {person.get('number')}"
        located.extend(Located(where, f) for f in find(person.get("name") or ""))
    for item in export.get("contributions", []):
        if item.get("deleted"):
            continue
        located.extend(Located(f"contribution {item['id']}", f) for f in find(item.get("body", "")))
    return located


def redact_export(
    export: dict[str, Any], label: Callable[[Kind], str] | None = None
) -> dict[str, Any]:
    """A copy of the export with personal data replaced in every free-text field."""
    workshop = dict(export.get("workshop", {}))
    for key in ("title", "place"):
        if workshop.get(key):
            workshop[key] = redact(workshop[key], label)
    return {
        **export,
        "workshop": workshop,
        "participants": [
            {**p, "name": redact(p.get("name") or "", label)}
            for p in export.get("participants", [])
        ],
        "contributions": [
            {**c, "body": redact(c.get("body") or "", label)}
            for c in export.get("contributions", [])
        ],
    }


def count_by_kind(findings: Iterable[Finding]) -> dict[str, int]:
    """How many of each kind, in the fixed order hetu, email, phone (zeros left out)."""
    counts = {kind: 0 for kind in KINDS}
    for item in findings:
        counts[item.kind] += 1
    return {k: v for k, v in counts.items() if v}
