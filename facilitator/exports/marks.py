"""Bold and italic ranges of a text (``Mark``): cut the text into pieces that each have one set of
styles, so every format can write its own tags, runs or delimiters around them."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from facilitator.summaries.blocks import Mark

STYLES = ("strong", "em")


def tidy(text: str, marks: Iterable[Mark]) -> tuple[Mark, ...]:
    """Marks inside the text, without surrounding spaces, sorted, overlapping ones of a style
    merged (the same marks always give the same output)."""
    out: list[Mark] = []
    for style in STYLES:
        ranges = sorted(
            (max(0, start), min(len(text), end)) for start, end, kind in marks if kind == style
        )
        merged: list[list[int]] = []
        for start, end in ranges:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            elif start < end:
                merged.append([start, end])
        for start, end in merged:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                out.append((start, end, style))  # type: ignore[arg-type]
    return tuple(sorted(out))


def pieces(text: str, marks: Iterable[Mark]) -> list[tuple[str, frozenset[str]]]:
    """``text`` cut at every mark boundary: (piece, styles on it), in order."""
    kept = tidy(text, marks)
    if not kept:
        return [(text, frozenset())] if text else []
    cuts = sorted({0, len(text), *(m[0] for m in kept), *(m[1] for m in kept)})
    out = []
    for start, end in itertools.pairwise(cuts):
        styles = frozenset(kind for a, b, kind in kept if a <= start and end <= b)
        out.append((text[start:end], styles))
    return out


def nested(marks: tuple[Mark, ...]) -> tuple[Mark, ...]:
    """Marks that never cross: a range that starts inside another and ends after it is cut
    short at the other's end (Markdown cannot write crossing emphasis)."""
    out: list[Mark] = []
    for start, end, kind in sorted(marks, key=lambda m: (m[0], -m[1])):
        for other_start, other_end, _other in out:
            if other_start < start < other_end < end:
                end = other_end
        if start < end:
            out.append((start, end, kind))
    return tuple(sorted(out))
