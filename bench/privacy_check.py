"""The personal-data check measured on a small labelled set of notes: found, missed, false alarms.

``bench/data/privacy_notes.json`` holds 69 short notes in the style participants write, each
with the phone numbers, e-mail addresses and identity codes a careful reader would mark
(expected findings, kind and exact text), and notes with dates, sums, times, postcodes, account
and business numbers, invalid identity codes and emergency numbers that must not be marked.

Compares the check as it is (``facilitator.privacy``: phonenumbers and python-stdnum) with the
hand-written patterns it replaced (``PATTERNS`` below, the previous version kept for this
comparison only). A finding counts as found when kind and text match exactly.

    .venv/bin/python -m bench.privacy_check          # table for docs/benchmarks.md
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from facilitator import privacy

DATA = Path(__file__).resolve().parent / "data" / "privacy_notes.json"


# --------------------------------------------------------------------------- the previous check

_HETU = privacy._HETU
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_CENTURY = {"+": 1800, "-": 1900, "U": 1900, "V": 1900, "W": 1900, "X": 1900, "Y": 1900}
_CENTURY.update({c: 2000 for c in "ABCDEF"})
_PHONE = re.compile(r"(?<![\w+])(?:\+|\(0|0)[\d\s\-()]{5,20}\d(?![\w])")


def _pattern_hetu(code: str) -> bool:
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


def _pattern_phone_ok(candidate: str) -> bool:
    if "\n" in candidate:
        return False
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith("+") or digits.startswith("00"):
        return 8 <= len(digits) <= 15
    return digits.startswith("0") and 7 <= len(digits) <= 11 and not digits.startswith("00")


def patterns(text: str) -> list[privacy.Finding]:
    """The hand-written check as it was before the libraries (regular expressions only)."""
    found: list[privacy.Finding] = []
    for match in _HETU.finditer(text):
        if _pattern_hetu(match.group(0)):
            found.append(privacy.Finding("hetu", match.start(), match.end(), match.group(0)))
    for match in privacy._EMAIL.finditer(text):
        found.append(privacy.Finding("email", match.start(), match.end(), match.group(0)))
    for match in _PHONE.finditer(text):
        trimmed = match.group(0).rstrip(" -(")
        if _pattern_phone_ok(trimmed):
            end = match.start() + len(trimmed)
            found.append(privacy.Finding("phone", match.start(), end, trimmed))
    found.sort(key=lambda f: (f.start, privacy.KINDS.index(f.kind)))
    kept: list[privacy.Finding] = []
    for item in found:
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


# --------------------------------------------------------------------------- measuring


def measure(check: Callable[[str], Iterable[privacy.Finding]], notes: list[dict]) -> dict:
    """Found / missed / false alarms per kind, and the notes where the check erred."""
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in privacy.KINDS}
    errors: list[str] = []
    for note in notes:
        expected = Counter((kind, text) for kind, text in note["expect"])
        got = Counter((f.kind, f.text) for f in check(note["text"]))
        for (kind, _), n in (expected & got).items():
            counts[kind]["found"] += n
        for (kind, text), n in (expected - got).items():
            counts[kind]["missed"] += n
            errors.append(f"missed {kind} {text!r} in {note['text']!r}")
        for (kind, text), n in (got - expected).items():
            counts[kind]["false alarms"] += n
            errors.append(f"false alarm {kind} {text!r} in {note['text']!r}")
        for kind in privacy.KINDS:
            counts[kind]["expected"] += sum(n for (k, _), n in expected.items() if k == kind)
    return {"counts": counts, "errors": errors}


def table(results: dict[str, dict]) -> str:
    """A Markdown table: one row per check and kind."""
    rows = [
        "| check | kind | expected | found | missed | false alarms |",
        "|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        for kind in privacy.KINDS:
            c = result["counts"][kind]
            rows.append(
                f"| {name} | {kind} | {c['expected']} | {c['found']} | {c['missed']} "
                f"| {c['false alarms']} |"
            )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Print the table and every error of each check."""
    del argv
    notes = json.loads(DATA.read_text(encoding="utf-8"))
    results = {
        "libraries (phonenumbers, python-stdnum)": measure(privacy.find, notes),
        "patterns (before)": measure(patterns, notes),
    }
    print(f"{len(notes)} notes\n")
    print(table(results))
    for name, result in results.items():
        print(f"\n{name}:")
        for line in result["errors"] or ["(no errors)"]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
