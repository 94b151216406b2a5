"""The minutes evaluation set: workshops of phone-style notes with a human grouping into themes.

``load()`` reads ``workshops.yaml``; ``export_of(workshop)`` turns one into a workshop export
(the format of facilitator/exports/workshop_json.py) with brainstorm phases, writers with stated
roles and +1s, in a written order that mixes the themes (as people write: not theme by theme).
``bench/bench_minutes_quality.py`` measures the minutes against it (docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.summaries.factories import ExportBuilder

DATA = Path(__file__).parent / "workshops.yaml"
#: Stated roles of the eight writers of every workshop (cycled).
ROLES = ("client", "professional", "expert", "client", "professional", "ngo", "client", "expert")


@dataclass(frozen=True)
class Note:
    """One note of the set, with its human theme."""

    text: str
    theme: str
    plus: int


@dataclass(frozen=True)
class Theme:
    """A human theme: its name and the stems that show a summary caught it."""

    name: str
    stems: tuple[str, ...]


@dataclass(frozen=True)
class Phase:
    """One question of a workshop: its notes in written order and its themes."""

    key: str
    question: str
    themes: tuple[Theme, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Workshop:
    """One workshop of the set."""

    id: str
    seed: str
    title: str
    held_out: bool
    phases: tuple[Phase, ...]


def _order(text: str) -> str:
    """A fixed pseudo-random written order (themes interleave as they would in a room)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load(path: Path = DATA) -> list[Workshop]:
    """Every workshop of the set."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    workshops = []
    for item in raw:
        phases = []
        for phase in item["phases"]:
            themes, notes = [], []
            for theme in phase["themes"]:
                themes.append(Theme(theme["name"], tuple(theme["stems"])))
                for note in theme["notes"]:
                    if isinstance(note, str):
                        text, plus = note, 0
                    else:
                        text, plus = note["text"], note["plus"]
                    notes.append(Note(text, theme["name"], int(plus)))
            notes.sort(key=lambda n: _order(n.text))
            phases.append(Phase(phase["key"], phase["question"], tuple(themes), tuple(notes)))
        workshops.append(
            Workshop(item["id"], item["seed"], item["title"], bool(item["held_out"]), tuple(phases))
        )
    return workshops


def export_of(workshop: Workshop) -> tuple[dict[str, Any], dict[int, str]]:
    """The workshop as an export, and the human theme of every note id."""
    b = ExportBuilder(workshop.title, "")
    people = [b.person(role) for role in ROLES]
    theme_of: dict[int, str] = {}
    for number, phase in enumerate(workshop.phases, start=1):
        key = b.phase(
            phase.key,
            "brainstorm",
            {"fi": f"Kysymys {number}"},
            {"fi": phase.question},
            {"allow_plus": True},
        )
        ids = []
        for index, note in enumerate(phase.notes):
            nid = b.add(key, "note", people[index % len(people)], note.text, seconds=30)
            theme_of[nid] = note.theme
            ids.append((nid, index, note.plus))
        for nid, index, plus in ids:
            for k in range(plus):
                b.add(key, "plus", people[(index + 1 + k) % len(people)], parent=nid, seconds=2)
    return b.finish(), theme_of
