"""Summary blocks: the format-neutral building blocks of the minutes.

All text in a block is already localized plain text (no markup). Renderers in
``facilitator.exports`` turn a :class:`Minutes` into Markdown, HTML, Word or PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar

R = TypeVar("R")


@dataclass(frozen=True)
class Heading:
    """A heading: 1 = document title, 2 = section, 3 = subsection."""

    level: int
    text: str


# Bold ("strong") or italic ("em") over text[start:end]: the formatting a facilitator gave their
# own text in the minutes editor. Generated blocks have none; a renderer that ignores marks still
# shows every word.
Mark = tuple[int, int, Literal["strong", "em"]]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text (``marks``: bold or italic ranges of it)."""

    text: str
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class BulletList:
    """An unordered list of plain-text items (``marks``: per item, as in Paragraph)."""

    items: tuple[str, ...]
    marks: tuple[tuple[Mark, ...], ...] = ()

    def marks_of(self, index: int) -> tuple[Mark, ...]:
        """The marks of item ``index`` (none when not given)."""
        return self.marks[index] if index < len(self.marks) else ()


@dataclass(frozen=True)
class Table:
    """A table with a header row and plain-text cells."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Quote:
    """A participant's words verbatim; attribution is a stated-role label or ""."""

    text: str
    attribution: str = ""


@dataclass(frozen=True)
class Facts:
    """Label → value pairs (title, date, place, …)."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Notice:
    """A marked note: automatic findings to check, a warning, or information."""

    text: str
    kind: Literal["automatic", "warning", "info"]


Block = Heading | Paragraph | BulletList | Table | Quote | Facts | Notice
BLOCK_TYPES = (Heading, Paragraph, BulletList, Table, Quote, Facts, Notice)


@dataclass(frozen=True)
class Minutes:
    """The minutes of one workshop in one locale, ready to render."""

    title: str
    locale: str
    blocks: tuple[Block, ...]
    footer: str
    # The workshop's date (ISO 8601, "2026-03-04"), written into the files' metadata; "" if unknown.
    date: str = ""


def renderer_for(table: Mapping[type, R], block: object, fmt: str) -> R:
    """The format's function for this block type; a TypeError naming the format if it has none."""
    try:
        return table[type(block)]
    except KeyError:
        raise TypeError(f"no {fmt} rendering for {type(block).__name__}") from None
