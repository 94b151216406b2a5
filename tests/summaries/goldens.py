"""The golden minutes: which locale and analyser each file was written with, and how."""

from __future__ import annotations

from pathlib import Path

from facilitator.exports.markdown import render
from facilitator.summaries import build_minutes
from tests.summaries.factories import load_fixture

GOLDEN_DIR = Path(__file__).parent / "golden"
DECISIONS = [
    "Nettiajanvaraus otetaan kokeiluun nuorten palveluissa keväällä.",
    "Jokaiselle nuorelle nimetään vastuuhenkilö siirtymävaiheeseen.",
]
NEXT_STEPS = [
    "Sanna kokoaa muistion ja lähettää sen osallistujille viikon sisällä.",
    "Seuraava työpaja kesäkuussa: kokeilun ensimmäiset kokemukset.",
]
#: file name → (minutes locale, text analyser). The fixture's notes are Finnish.
GOLDENS = {
    "minutes.fi.md": ("fi", "voikko"),
    "minutes.sv.md": ("sv", "voikko"),
    "minutes.en.md": ("en", "voikko"),
    "minutes.fi.snowball.md": ("fi", "snowball"),
}


def golden_path(name: str) -> Path:
    """Where a golden file lives."""
    return GOLDEN_DIR / name


def render_golden(locale: str, analyser: str) -> bytes:
    """The fixture's minutes as Markdown bytes."""
    minutes = build_minutes(
        load_fixture(), locale, decisions=DECISIONS, next_steps=NEXT_STEPS, analyser=analyser
    )
    return render(minutes)
