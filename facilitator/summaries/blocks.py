"""Summary blocks: the format-neutral building blocks of the minutes.

All text in a block is already localized plain text (no markup); a :class:`Figure` also holds a
clean SVG drawn from data. Renderers in ``facilitator.exports`` turn a :class:`Minutes` into
Markdown, HTML, Word or PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar

from facilitator.summaries.figure import clean_svg, digest

R = TypeVar("R")


@dataclass(frozen=True)
class Heading:
    """A heading: 1 = document title, 2 = section, 3 = subsection."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text."""

    text: str


@dataclass(frozen=True)
class BulletList:
    """An unordered list of plain-text items."""

    items: tuple[str, ...]


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


@dataclass(frozen=True)
class Figure:
    """A chart: an SVG drawn from data, its text alternative, a caption and its data table.

    The SVG is cleaned when the block is made (``facilitator.summaries.figure.clean_svg``), so a
    figure read back from stored minutes can hold nothing but a drawing; every renderer shows the
    text alternative to screen readers and the table with the numbers."""

    svg: str
    alt: str
    table: Table
    caption: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "svg", clean_svg(self.svg))

    @property
    def key(self) -> str:
        """The figure's stable name (a hash of its SVG): stored minutes refer to it by this."""
        return digest(self.svg)


Block = Heading | Paragraph | BulletList | Table | Quote | Facts | Notice | Figure
BLOCK_TYPES = (Heading, Paragraph, BulletList, Table, Quote, Facts, Notice, Figure)


@dataclass(frozen=True)
class Minutes:
    """The minutes of one workshop in one locale, ready to render."""

    title: str
    locale: str
    blocks: tuple[Block, ...]
    footer: str


def renderer_for(table: Mapping[type, R], block: object, fmt: str) -> R:
    """The format's function for this block type; a TypeError naming the format if it has none."""
    try:
        return table[type(block)]
    except KeyError:
        raise TypeError(f"no {fmt} rendering for {type(block).__name__}") from None
