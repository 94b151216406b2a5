"""Summary blocks: the format-neutral building blocks of the minutes.

All text in a block is already localized plain text (no markup); a :class:`Figure` also holds a
clean SVG drawn from data. Renderers in ``facilitator.exports`` turn a :class:`Minutes` into
Markdown, HTML, Word or PDF.

Text read back from edited minutes may carry the facilitator's inline **bold** and *italics*:
it is then a :class:`RichText`, a ``str`` (the plain text, so everything that reads text keeps
working) that also remembers its :class:`Span` runs. Renderers ask :func:`spans_of` for the runs
and keep the emphasis; generated minutes never contain any.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from facilitator.summaries.figure import clean_svg, digest

R = TypeVar("R")


@dataclass(frozen=True)
class Span:
    """A run of text with its inline emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


class RichText(str):
    """Plain text that remembers inline bold and italic runs (see the module docstring)."""

    spans: tuple[Span, ...]

    def __new__(cls, spans: Iterable[Span]) -> RichText:
        """The text of ``spans``, keeping them (empty runs dropped, equal neighbours merged)."""
        merged: list[Span] = []
        for span in spans:
            if not span.text:
                continue
            if merged and (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic):
                merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic)
            else:
                merged.append(span)
        value = super().__new__(cls, "".join(s.text for s in merged))
        value.spans = tuple(merged)
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        """Copy and pickle with the runs."""
        return (RichText, (self.spans,))


def spans_of(text: str) -> tuple[Span, ...]:
    """The runs of a text: its own for :class:`RichText`, else one plain run."""
    if isinstance(text, RichText):
        return text.spans
    return (Span(text),) if text else ()


def rich(spans: Iterable[Span]) -> str:
    """RichText when any run is emphasised, else the plain string."""
    found = tuple(s for s in spans if s.text)
    if any(s.bold or s.italic for s in found):
        return RichText(found)
    return "".join(s.text for s in found)


def rich_split(text: str, separator: str) -> list[str]:
    """``text.split(separator)`` that keeps the runs of each piece."""
    pieces: list[list[Span]] = [[]]
    for span in spans_of(text):
        parts = span.text.split(separator)
        for n, part in enumerate(parts):
            if n:
                pieces.append([])
            pieces[-1].append(Span(part, span.bold, span.italic))
    return [rich(p) for p in pieces]


def rich_strip(text: str) -> str:
    """``text.strip()`` that keeps the runs."""
    runs = list(spans_of(text))
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if not runs:
        return ""
    first, last = runs[0], runs[-1]
    runs[0] = Span(first.text.lstrip(), first.bold, first.italic)
    last = runs[-1]
    runs[-1] = Span(last.text.rstrip(), last.bold, last.italic)
    return rich(runs)


def rich_join(separator: str, pieces: Iterable[str]) -> str:
    """``separator.join(pieces)`` that keeps the runs."""
    runs: list[Span] = []
    for n, piece in enumerate(pieces):
        if n:
            runs.append(Span(separator))
        runs.extend(spans_of(piece))
    return rich(runs)


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
    # The workshop's date (ISO 8601, "2026-03-04"), written into the files' metadata; "" if unknown.
    date: str = ""


def renderer_for(table: Mapping[type, R], block: object, fmt: str) -> R:
    """The format's function for this block type; a TypeError naming the format if it has none."""
    try:
        return table[type(block)]
    except KeyError:
        raise TypeError(f"no {fmt} rendering for {type(block).__name__}") from None
