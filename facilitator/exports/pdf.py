"""Minutes as PDF, in pure Python (fpdf2) with the bundled DejaVu Sans font.

The font is embedded (subset), so ä, ö, å, dashes and quotation marks print the same on any
machine; no network and no system fonts are used. Headings become PDF outline entries.

Lines are measured and wrapped here (word by word, with the font's glyph widths) and placed with
fpdf2's low-level ``text``: fpdf2's own ``multi_cell`` and ``table`` measure character by
character and took over ten seconds for the appendix of a 5,000-note workshop.

A figure's SVG is drawn as vector graphics by fpdf2 with the bundled font (its words stay text
that can be searched and copied), with its text alternative on the image; its data table follows.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from fpdf import FPDF

from facilitator.summaries import figure as figures
from facilitator.summaries.blocks import (
    Block,
    BulletList,
    Facts,
    Figure,
    Heading,
    Minutes,
    Notice,
    Paragraph,
    Quote,
    Table,
    renderer_for,
)

MEDIA_TYPE = "application/pdf"
EXTENSION = "pdf"

FONT = "DejaVu"
_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
_SIZES = {1: 20.0, 2: 15.0, 3: 12.5}
_SHADE = {"automatic": (255, 248, 219), "warning": (253, 238, 238), "info": (234, 244, 251)}
_BORDER = {"automatic": (138, 109, 0), "warning": (170, 51, 51), "info": (31, 95, 139)}
_BODY = 10.5
_TABLE = 9.0
_LEADING = 1.32  # line height as a multiple of the font size
_PAD = 1.2  # table cell padding (mm)
# A fixed creation date keeps the file the same for the same minutes.
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _font_path(name: str) -> str:
    return str(resources.files("facilitator").joinpath("fonts", name))


_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f\ud800-\udfff]")


def _clean(text: str) -> str:
    """Text the font can show: control characters out, tabs as spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


class _Document(FPDF):
    """A4 portrait with page numbers at the foot of every page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._widths: dict[tuple[str, float, str], float] = {}

    def footer(self) -> None:
        """Page number at the foot of every page."""
        self.set_y(-12)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, f"{self.page_no()} / {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    # --- measuring and placing text ------------------------------------------------------

    def use(self, style: str, size: float) -> None:
        """Switch font style and size (cheap when nothing changes)."""
        if self.font_style != style or self.font_size_pt != size:
            self.set_font(FONT, style, size)

    def line_height(self) -> float:
        """Height of one line of the current font, in mm."""
        return self.font_size * _LEADING

    def measure(self, text: str) -> float:
        """Width of ``text`` in the current font, in mm (words are measured once per style)."""
        key = (self.font_style, self.font_size_pt, text)
        width = self._widths.get(key)
        if width is None:
            widths = self.current_font.cw  # type: ignore[union-attr]
            width = sum(widths[ord(c)] for c in text) * self.font_size_pt * 0.001 / self.k
            self._widths[key] = width
        return width

    def wrap(self, text: str, width: float) -> list[str]:
        """``text`` broken into lines no wider than ``width`` (newlines kept, long words split)."""
        lines: list[str] = []
        space = self.measure(" ")
        for paragraph in _clean(text).split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                size = self.measure(word)
                if size > width:
                    # A word longer than the line (a URL, a long code): split it by characters.
                    if line:
                        lines.append(line)
                    line, used = "", 0.0
                    for ch in word:
                        w = self.measure(ch)
                        if used + w > width and line:
                            lines.append(line)
                            line, used = "", 0.0
                        line, used = line + ch, used + w
                    continue
                if not line:
                    line, used = word, size
                elif used + space + size <= width:
                    line, used = f"{line} {word}", used + space + size
                else:
                    lines.append(line)
                    line, used = word, size
            lines.append(line)
        return lines

    def room_left(self) -> float:
        """Vertical space left on this page before the automatic page break, in mm."""
        return self.page_break_trigger - self.y

    def put(self, x: float, y: float, text: str) -> None:
        """Place one line whose box starts at (x, y)."""
        if text:
            self.text(x, y + 0.5 * self.line_height() + 0.3 * self.font_size, text)

    def lines(self, lines: list[str], *, indent: float = 0.0) -> None:
        """Place lines one under another from the current position, breaking pages as needed."""
        height = self.line_height()
        for line in lines:
            if self.room_left() < height:
                self.add_page()
            self.put(self.l_margin + indent, self.y, line)
            self.y += height

    def paragraph(self, text: str, *, style: str = "", size: float = _BODY, indent: float = 0.0):
        """Wrapped text at the left margin (plus ``indent``)."""
        self.use(style, size)
        self.lines(self.wrap(text, self.epw - indent), indent=indent)


def _heading(pdf: _Document, block: Heading) -> None:
    level = min(max(block.level, 1), 3)
    size = _SIZES[level]
    # Keep a heading with at least a few lines of what follows it.
    if pdf.room_left() < size * 0.6 + 3 * _BODY * 0.35 * _LEADING + 6:
        pdf.add_page()
    if level > 1 and pdf.y > pdf.t_margin + 1:
        pdf.y += 4
    pdf.start_section(_clean(block.text).replace("\n", " ")[:120], level=level - 1)
    pdf.paragraph(block.text, style="B", size=size)
    pdf.y += 1.5


def _paragraph(pdf: _Document, block: Paragraph) -> None:
    pdf.paragraph(block.text)
    pdf.y += 2


def _bullets(pdf: _Document, block: BulletList) -> None:
    pdf.use("", _BODY)
    for item in block.items:
        lines = pdf.wrap(item, pdf.epw - 6)
        if pdf.room_left() < pdf.line_height():
            pdf.add_page()
        pdf.put(pdf.l_margin + 2, pdf.y, "•")
        pdf.lines(lines, indent=6)
    pdf.y += 2


def _column_widths(
    pdf: _Document,
    columns: list[str],
    weights: list[int],
    sample: list[list[str]] | None = None,
) -> list[float]:
    """Widths shared by weight, but never so narrow that a header word or a short value (a
    number, a median) has to break."""
    pdf.use("", _TABLE)
    rows = sample or []
    short_values = [
        max(
            (pdf.measure(v.strip()) for r in rows for v in r[n : n + 1] if len(v.strip()) <= 8),
            default=0.0,
        )
        for n in range(len(columns))
    ]
    pdf.use("B", _TABLE)
    least = [
        max([*(pdf.measure(word) for word in _clean(c).split()), short_values[n]], default=0.0)
        + 2 * _PAD
        + 0.5
        for n, c in enumerate(columns)
    ]
    if sum(least) >= pdf.epw:
        return [pdf.epw * w / sum(least) for w in least]
    widths = [pdf.epw * w / sum(weights) for w in weights]
    short = [n for n, w in enumerate(widths) if w < least[n]]
    if short:
        fixed = sum(least[n] for n in short)
        rest = [n for n in range(len(widths)) if n not in short]
        rest_weight = sum(weights[n] for n in rest) or 1
        for n in short:
            widths[n] = least[n]
        for n in rest:
            widths[n] = max((pdf.epw - fixed) * weights[n] / rest_weight, least[n])
        scale = pdf.epw / sum(widths)
        widths = [w * scale for w in widths]
    return widths


def _table(pdf: _Document, block: Table) -> None:
    width = max([len(block.columns)] + [len(r) for r in block.rows]) or 1
    columns = list(block.columns) + [""] * (width - len(block.columns))
    rows = [list(r[:width]) + [""] * (width - len(r[:width])) for r in block.rows]
    # Wider columns for longer text, measured on a sample of rows.
    sample = [columns, *rows[:200]]
    weights = [min(max(max(len(r[n]) for r in sample), 4), 60) for n in range(width)]
    widths = _column_widths(pdf, columns, weights, rows[:200])
    pdf.use("", _TABLE)
    height = pdf.line_height()

    def draw(cells: list[list[str]], first: int, count: int, *, header: bool) -> None:
        box = count * height + 2 * _PAD
        x = pdf.l_margin
        pdf.use("B" if header else "", _TABLE)
        for lines, w in zip(cells, widths, strict=True):
            pdf.rect(x, pdf.y, w, box, style="DF" if header else "D")
            for n, line in enumerate(lines[first : first + count]):
                pdf.put(x + _PAD, pdf.y + _PAD + n * height, line)
            x += w
        pdf.y += box

    def wrapped(values: list[str], style: str) -> list[list[str]]:
        pdf.use(style, _TABLE)
        return [pdf.wrap(v, w - 2 * _PAD) for v, w in zip(values, widths, strict=True)]

    pdf.set_fill_color(235, 235, 235)
    pdf.set_line_width(0.2)
    head = wrapped(columns, "B")
    head_lines = max(len(c) for c in head)

    def header() -> None:
        draw(head, 0, head_lines, header=True)

    caption: list[str] = []
    if block.caption:
        pdf.use("I", 9.5)
        caption = pdf.wrap(block.caption, pdf.epw)
        caption_height = len(caption) * pdf.line_height()
        pdf.use("", _TABLE)
    else:
        caption_height = 0.0
    # The caption stays with the header and the first row.
    if pdf.room_left() < caption_height + (head_lines + 1) * height + 4 * _PAD:
        pdf.add_page()
    if caption:
        pdf.use("I", 9.5)
        pdf.lines(caption)
    header()
    for values in rows:
        cells = wrapped(values, "")
        total_lines, done = max(len(c) for c in cells), 0
        while done < total_lines:
            fits = int((pdf.room_left() - 2 * _PAD) // height)
            if fits < 1:
                pdf.add_page()
                header()
                continue
            take = min(fits, total_lines - done)
            draw(cells, done, take, header=False)
            done += take
    pdf.y += 3


def _quote(pdf: _Document, block: Quote) -> None:
    pdf.paragraph(block.text, style="I", indent=8)
    if block.attribution:
        pdf.set_text_color(70, 70, 70)
        pdf.paragraph("— " + block.attribution, size=9.5, indent=8)
        pdf.set_text_color(0, 0, 0)
    pdf.y += 2


def _facts(pdf: _Document, block: Facts) -> None:
    pdf.use("B", _BODY)
    labels = [_clean(label).replace("\n", " ") + ": " for label, _value in block.pairs]
    label_width = min(max((pdf.measure(t) for t in labels), default=0) + 1, pdf.epw / 3)
    for label, (_label, value) in zip(labels, block.pairs, strict=True):
        pdf.use("", _BODY)
        lines = pdf.wrap(value, pdf.epw - label_width)
        if pdf.room_left() < pdf.line_height():
            pdf.add_page()
        pdf.use("B", _BODY)
        pdf.put(pdf.l_margin, pdf.y, label)
        pdf.use("", _BODY)
        pdf.lines(lines, indent=label_width)
    pdf.y += 3


def _notice(pdf: _Document, block: Notice) -> None:
    pad = 2.5
    pdf.use("", _BODY)
    lines = pdf.wrap(block.text, pdf.epw - 2 * pad)
    height = pdf.line_height()
    box = len(lines) * height + 2 * pad
    if box < pdf.page_break_trigger - pdf.t_margin and pdf.room_left() < box:
        pdf.add_page()
    if pdf.room_left() >= box:
        pdf.set_fill_color(*_SHADE.get(block.kind, _SHADE["info"]))
        pdf.set_draw_color(*_BORDER.get(block.kind, _BORDER["info"]))
        pdf.set_line_width(0.5)
        pdf.rect(pdf.l_margin, pdf.y, pdf.epw, box, style="DF")
        pdf.set_line_width(0.2)
        pdf.set_draw_color(0, 0, 0)
        for n, line in enumerate(lines):
            pdf.put(pdf.l_margin + pad, pdf.y + pad + n * height, line)
        pdf.y += box
    else:
        # Longer than a page: plain lines rather than a box that cannot fit.
        pdf.lines(lines, indent=pad)
    pdf.y += 3


def _figure(pdf: _Document, block: Figure) -> None:
    width_px, height_px = figures.size_of(block.svg)
    width = min(pdf.epw, width_px * 25.4 / 96)
    height = width * height_px / width_px
    page = pdf.page_break_trigger - pdf.t_margin - 12
    if height > page:  # taller than a page: shrink to fit one
        width, height = width * page / height, page
    pdf.use("B", _BODY)
    caption = pdf.wrap(block.caption, pdf.epw) if block.caption else []
    if pdf.room_left() < height + len(caption) * pdf.line_height() + 2:
        pdf.add_page()
    if caption:
        pdf.lines(caption)
        pdf.y += 1
    svg = figures.with_font(block.svg, FONT).encode("utf-8")
    pdf.image(io.BytesIO(svg), x=pdf.l_margin, y=pdf.y, w=width, h=height, alt_text=block.alt)
    pdf.y += height + 2
    if block.table.columns or block.table.rows:
        _table(pdf, block.table)
    else:
        pdf.y += 1


_RENDER: dict[type, Callable[[Any, Any], None]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    BulletList: _bullets,
    Table: _table,
    Quote: _quote,
    Facts: _facts,
    Notice: _notice,
    Figure: _figure,
}


def add_block(pdf: Any, block: Block) -> None:
    """Append one block to the document."""
    renderer_for(_RENDER, block, "PDF")(pdf, block)


def render(minutes: Minutes) -> bytes:
    """The registered renderer: a PDF file as bytes."""
    pdf = _Document(orientation="portrait", unit="mm", format="A4")
    for style, name in _FILES.items():
        pdf.add_font(FONT, style, _font_path(name))
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(_clean(minutes.title))
    pdf.set_lang(minutes.locale or "fi")
    pdf.set_creator("Facilitator")
    pdf.set_creation_date(_EPOCH)
    try:
        pdf.add_page()
        for block in minutes.blocks:
            add_block(pdf, block)
        if minutes.footer:
            pdf.y += 4
            pdf.set_text_color(70, 70, 70)
            pdf.paragraph(minutes.footer, size=8)
            pdf.set_text_color(0, 0, 0)
        return bytes(pdf.output())
    finally:
        # fontTools reads the font files lazily and keeps them open until closed.
        for font in pdf.fonts.values():
            ttfont = getattr(font, "ttfont", None)
            if ttfont is not None:
                ttfont.close()
