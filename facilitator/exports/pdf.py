"""Minutes as PDF, in pure Python (fpdf2) with the bundled DejaVu Sans font.

The font is embedded (subset), so ä, ö, å, dashes and quotation marks print the same on any
machine; no network and no system fonts are used. Headings become PDF outline entries.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from facilitator.summaries.blocks import (
    Block,
    BulletList,
    Facts,
    Heading,
    Minutes,
    Notice,
    Paragraph,
    Quote,
    Table,
)

MEDIA_TYPE = "application/pdf"
EXTENSION = "pdf"

FONT = "DejaVu"
_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
_SIZES = {1: 20, 2: 15, 3: 12.5}
_SHADE = {"automatic": (255, 248, 219), "warning": (253, 238, 238), "info": (234, 244, 251)}
_BORDER = {"automatic": (138, 109, 0), "warning": (170, 51, 51), "info": (31, 95, 139)}
_BODY = 10.5
_LINE = 5.2
# A fixed creation date keeps the file the same for the same minutes.
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _font_path(name: str) -> str:
    return str(resources.files("facilitator").joinpath("fonts", name))


def _clean(text: str) -> str:
    """Text the font can show: control characters out, tabs as spaces."""
    text = text.replace("\r\n", "\n").replace("\t", "    ")
    return "".join(ch for ch in text if ch == "\n" or ord(ch) >= 32)


class _Document(FPDF):
    """A4 portrait with page numbers and the minutes' footer line at the bottom."""

    footer_text = ""

    def footer(self) -> None:
        """Page number (and the analyser line) at the foot of every page."""
        self.set_y(-12)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, f"{self.page_no()} / {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def _text(pdf: _Document, text: str, *, style: str = "", size: float = _BODY, indent: float = 0):
    pdf.set_font(FONT, style, size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(
        pdf.epw - indent,
        _LINE * size / _BODY,
        _clean(text),
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _heading(pdf: _Document, block: Heading) -> None:
    level = min(max(block.level, 1), 3)
    size = _SIZES[level]
    # Keep a heading with at least a few lines of what follows it.
    if pdf.will_page_break(size * 0.6 + 3 * _LINE + 6):
        pdf.add_page()
    pdf.ln(4 if level > 1 else 0)
    pdf.start_section(_clean(block.text).replace("\n", " ")[:120], level=level - 1)
    _text(pdf, block.text, style="B", size=size)
    pdf.ln(1.5)


def _paragraph(pdf: _Document, block: Paragraph) -> None:
    _text(pdf, block.text)
    pdf.ln(2)


def _bullets(pdf: _Document, block: BulletList) -> None:
    for item in block.items:
        pdf.set_font(FONT, "", _BODY)
        y = pdf.get_y()
        if pdf.will_page_break(_LINE):
            pdf.add_page()
            y = pdf.get_y()
        pdf.set_xy(pdf.l_margin + 2, y)
        pdf.cell(4, _LINE, "•")
        _text(pdf, item, indent=6)
    pdf.ln(2)


def _table(pdf: _Document, block: Table) -> None:
    width = max([len(block.columns)] + [len(r) for r in block.rows]) or 1
    if block.caption:
        _text(pdf, block.caption, style="I", size=9.5)
    pdf.set_font(FONT, "", 9)
    columns = [_clean(c) for c in list(block.columns) + [""] * (width - len(block.columns))]
    # Wider columns for longer text, measured on a sample of rows.
    sample = [columns, *[list(r) for r in block.rows[:200]]]
    weights = []
    for n in range(width):
        longest = max((len(r[n]) if n < len(r) else 0) for r in sample)
        weights.append(min(max(longest, 4), 60))
    with pdf.table(
        col_widths=tuple(weights),
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
        line_height=4.6,
        text_align="LEFT",
        repeat_headings=1,
        padding=1,
    ) as table:
        table.row(columns)
        for values in block.rows:
            cells = [_clean(v) for v in values[:width]]
            table.row(cells + [""] * (width - len(cells)))
    pdf.ln(3)


def _quote(pdf: _Document, block: Quote) -> None:
    _text(pdf, block.text, style="I", indent=8)
    if block.attribution:
        pdf.set_text_color(70, 70, 70)
        _text(pdf, "— " + block.attribution, size=9.5, indent=8)
        pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def _facts(pdf: _Document, block: Facts) -> None:
    for label, value in block.pairs:
        pdf.set_font(FONT, "B", _BODY)
        label_text = _clean(label) + ": "
        # Label and value share a line; a long value wraps under itself.
        label_width = min(pdf.get_string_width(label_text) + 1, pdf.epw / 3)
        y = pdf.get_y()
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(label_width, _LINE, label_text, align="L", new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.set_xy(pdf.l_margin + label_width, y)
        pdf.set_font(FONT, "", _BODY)
        pdf.multi_cell(
            pdf.epw - label_width,
            _LINE,
            _clean(value),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    pdf.ln(3)


def _notice(pdf: _Document, block: Notice) -> None:
    pdf.set_fill_color(*_SHADE.get(block.kind, _SHADE["info"]))
    pdf.set_draw_color(*_BORDER.get(block.kind, _BORDER["info"]))
    pdf.set_line_width(0.5)
    pdf.set_font(FONT, "", _BODY)
    pdf.multi_cell(
        pdf.epw,
        _LINE,
        _clean(block.text),
        border=1,
        fill=True,
        align="L",
        padding=2.5,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0, 0, 0)
    pdf.ln(3)


_RENDER: dict[type, Callable[[Any, Any], None]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    BulletList: _bullets,
    Table: _table,
    Quote: _quote,
    Facts: _facts,
    Notice: _notice,
}


def add_block(pdf: Any, block: Block) -> None:
    """Append one block to the document."""
    try:
        fn = _RENDER[type(block)]
    except KeyError:
        raise TypeError(f"no PDF rendering for {type(block).__name__}") from None
    fn(pdf, block)


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
            pdf.ln(4)
            pdf.set_text_color(70, 70, 70)
            _text(pdf, minutes.footer, size=8)
            pdf.set_text_color(0, 0, 0)
        return bytes(pdf.output())
    finally:
        # fontTools reads the font files lazily and keeps them open until closed.
        for font in pdf.fonts.values():
            ttfont = getattr(font, "ttfont", None)
            if ttfont is not None:
                ttfont.close()
