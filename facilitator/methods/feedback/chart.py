"""The distribution chart of the minutes: one horizontal stacked bar per statement.

Drawn from the tallies with the core's SVG writer; no Flask. Segments run from "strongly
disagree" to "strongly agree" left to right, "can't say" apart after a gap with a dashed edge.
Colour never carries the meaning alone: the order is fixed, the legend names every colour, each
wide enough segment shows its count, and the data table under the figure has every number. The
palette is ColorBrewer's BrBG (readable with the common colour-vision deficiencies); segment
counts are white or near-black, whichever has the higher contrast (at least 4.5:1).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from facilitator.methods.feedback.logic import SCALE, Tally
from facilitator.summaries.figure import Svg, ellipsize, text_width, wrap

#: Fill of each answer: 1..5, then 0 ("can't say").
COLOURS = {1: "#8c510a", 2: "#d8b365", 3: "#e6e6e6", 4: "#5ab4ac", 5: "#01665e", 0: "#ffffff"}
#: Text on each fill (white on the dark ends).
INK = {1: "#ffffff", 2: "#1a1a1a", 3: "#1a1a1a", 4: "#1a1a1a", 5: "#ffffff", 0: "#1a1a1a"}
TEXT = "#1a1a1a"
MUTED = "#4d4d4d"
EDGE = "#595959"

WIDTH = 680
PAD = 8
LABEL_SIZE = 15
LABEL_LINE = 20
SMALL = 13
BAR = 28
SIDE = 150  # the column for median and n
GAP = 8  # between the scale and "can't say"
ROW_GAP = 18
SWATCH = 14


def _legend(svg: Svg | None, labels: Sequence[str], y: float, cant_say: bool) -> float:
    """Place (or, with svg None, measure) the legend from ``y``; returns the y below it."""
    x = PAD
    line = 20
    keys = [*SCALE, 0] if cant_say else list(SCALE)
    for key in keys:
        label = labels[key]
        width = SWATCH + 6 + text_width(label, SMALL) + 18
        if x > PAD and x + width > WIDTH - PAD:
            x, y = PAD, y + line
        if svg is not None:
            dashed = "3 2" if key == 0 else None
            svg.add(
                "rect",
                x=x,
                y=y + 3,
                width=SWATCH,
                height=SWATCH,
                fill=COLOURS[key],
                stroke=EDGE,
                stroke_width=1,
                stroke_dasharray=dashed,
            )
            svg.text(x + SWATCH + 6, y + 15, label, font_size=SMALL, fill=TEXT)
        x += width
    return y + line


def distribution_chart(
    rows: Sequence[tuple[str, Tally]],
    *,
    labels: Sequence[str],
    median_text: Callable[[float], str],
    n_text: Callable[[int], str],
    label: str,
    lang: str,
    cant_say: bool = True,
) -> str:
    """The SVG: a legend, then per statement its wrapped text, a bar and "median · n".

    ``labels``: the answers' names, index 0 "can't say", 1..5 the scale."""
    bar_width = WIDTH - 2 * PAD - SIDE
    height = _legend(None, labels, PAD, cant_say) + 10
    wrapped = [wrap(text, WIDTH - 2 * PAD, LABEL_SIZE, bold=True) for text, _t in rows]
    for lines in wrapped:
        height += len(lines) * LABEL_LINE + 4 + BAR + ROW_GAP
    svg = Svg(WIDTH, height, label=label, lang=lang)
    y = _legend(svg, labels, PAD, cant_say) + 10
    for (_text, counts), lines in zip(rows, wrapped, strict=True):
        for line in lines:
            svg.text(PAD, y + 15, line, font_size=LABEL_SIZE, font_weight="bold", fill=TEXT)
            y += LABEL_LINE
        y += 4
        _bar(svg, counts, PAD, y, bar_width)
        side = PAD + bar_width + 12
        room = SIDE - 12
        if counts.median is not None:
            svg.text(
                side,
                y + 12,
                ellipsize(median_text(counts.median), room, SMALL, bold=True),
                font_size=SMALL,
                font_weight="bold",
                fill=TEXT,
            )
        svg.text(
            side, y + 27, ellipsize(n_text(counts.n), room, SMALL), font_size=SMALL, fill=MUTED
        )
        y += BAR + ROW_GAP
    return svg.render()


def _bar(svg: Svg, counts: Tally, x: float, y: float, width: float) -> None:
    """One statement's stacked bar: the scale answers, then "can't say" after a gap."""
    if counts.n == 0:
        svg.add("rect", x=x, y=y, width=width, height=BAR, fill="#ffffff", stroke=EDGE)
        return
    cant = counts.counts[0]
    usable = width - (GAP if cant and counts.rated else 0)
    scale_width = usable * counts.rated / counts.n
    left = x
    for key in SCALE:
        left = _segment(
            svg, key, counts.counts[key], left, y, usable * counts.counts[key] / counts.n
        )
    if counts.rated:
        svg.add(
            "rect",
            x=x,
            y=y,
            width=scale_width,
            height=BAR,
            fill="none",
            stroke=EDGE,
            stroke_width=1,
        )
    if cant:
        start = x + scale_width + (GAP if counts.rated else 0)
        _segment(svg, 0, cant, start, y, usable * cant / counts.n)


def _segment(svg: Svg, key: int, count: int, x: float, y: float, width: float) -> float:
    """One coloured segment with its count when the count fits; returns where the next starts."""
    if count <= 0 or width <= 0:
        return x
    dashed = "4 3" if key == 0 else None
    stroke = EDGE if key == 0 else "#ffffff"
    svg.add(
        "rect",
        x=x,
        y=y,
        width=width,
        height=BAR,
        fill=COLOURS[key],
        stroke=stroke,
        stroke_width=1,
        stroke_dasharray=dashed,
    )
    text = str(count)
    if text_width(text, SMALL, bold=True) + 6 <= width:
        svg.text(
            x + width / 2,
            y + BAR / 2 + 5,
            text,
            font_size=SMALL,
            font_weight="bold",
            fill=INK[key],
            text_anchor="middle",
        )
    return x + width
