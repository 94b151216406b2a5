"""Personal data in free text: phone numbers, e-mail addresses and Finnish personal identity
codes (henkilötunnus), found before export and redacted on request. Pure functions; the caller
decides what to show and what to replace.

Well-kept libraries do the judging: ``phonenumbers`` (Google's libphonenumber) finds Finnish
numbers written nationally and numbers of any country written with +/00, and knows which
number ranges exist; ``python-stdnum`` validates a henkilötunnus (date, century sign including
the 2023 ones, individual number, check character). Only the candidates for an identity code
and the e-mail addresses are found with patterns (neither library scans text for those).
Measured on a labelled set of notes: docs/benchmarks.md ("Personal-data check").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import phonenumbers
from stdnum.fi import hetu as stdnum_hetu

Kind = Literal["hetu", "email", "phone"]
KINDS: tuple[Kind, ...] = ("hetu", "email", "phone")

_HETU = re.compile(
    r"(?<![\w-])(\d{2})(\d{2})(\d{2})([-+ABCDEFUVWXY])(\d{3})([0-9A-Y])(?![\w])", re.IGNORECASE
)

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])",
    re.UNICODE,
)
#: Numbers written without a country code are read as Finnish ones.
REGION = "FI"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: what kind, where in the text, and the text itself."""

    kind: Kind
    start: int
    end: int
    text: str


def valid_hetu(code: str) -> bool:
    """True for a Finnish personal identity code with a real date and the right check
    character (temporary codes, individual numbers 900–999, included: people carry them)."""
    return _HETU.fullmatch(code.strip()) is not None and stdnum_hetu.is_valid(
        code.strip().upper(), allow_temporary=True
    )


def phones(text: str) -> Iterable[Finding]:
    """Phone numbers that exist (libphonenumber's VALID leniency: the number's length and
    range are real for its country), with or without a country code."""
    for match in phonenumbers.PhoneNumberMatcher(text, REGION, phonenumbers.Leniency.VALID):
        yield Finding("phone", match.start, match.end, match.raw_string)


def find(text: str) -> list[Finding]:
    """Every piece of personal data in ``text``, in order, without overlaps."""
    found: list[Finding] = []
    for match in _HETU.finditer(text):
        if valid_hetu(match.group(0)):
            found.append(Finding("hetu", match.start(), match.end(), match.group(0)))
    for match in _EMAIL.finditer(text):
        found.append(Finding("email", match.start(), match.end(), match.group(0)))
    found.extend(phones(text))
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
