"""Minutes as a Word document (.docx) with real heading styles, bullet lists and tables.

python-docx's default template provides the styles (Heading 1–3, List Bullet, Table Grid, Caption),
so the file opens with a navigable outline in Word and LibreOffice. Participants' words are
indented italic paragraphs; automatic findings are shaded, bordered paragraphs.

A figure is a PNG drawn from its SVG by resvg (python-docx embeds raster images only) with the
bundled DejaVu Sans, so it looks the same on every machine; its text alternative is the
picture's description (what screen readers read), and its data table follows it.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import resvg_py
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt, RGBColor
from lxml import etree

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
    rich_split,
    rich_strip,
    spans_of,
)

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSION = "docx"

_LANG = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}
_SHADE = {"automatic": "FFF8DB", "warning": "FDEEEE", "info": "EAF4FB"}
_BORDER = {"automatic": "8A6D00", "warning": "AA3333", "info": "1F5F8B"}
_W_TR, _W_TC, _W_P, _W_R, _W_T, _W_BR = (qn(f"w:{t}") for t in ("tr", "tc", "p", "r", "t", "br"))
_W_RPR, _W_B, _W_I = (qn(f"w:{t}") for t in ("rPr", "b", "i"))
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# A fixed timestamp keeps the file the same for the same minutes.
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


# Characters XML 1.0 (and so Word) cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text Word accepts: no control characters except newline and tab."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _dated(day: str) -> datetime:
    """The workshop's day (noon UTC, so no time zone moves it) or the fixed stand-in."""
    try:
        return datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC) if day else _EPOCH
    except ValueError:
        return _EPOCH


def _set_language(document: Any, locale: str) -> None:
    """Mark the text language on the default style, so spelling and hyphenation fit."""
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), _LANG.get(locale, "fi-FI"))
    rpr.append(lang)


def _runs(paragraph: Any, text: str, *, italic: bool = False) -> None:
    """Add text as runs, keeping the bold and italics of edited minutes."""
    for span in spans_of(text):
        run = paragraph.add_run(_clean(span.text))
        if span.bold:
            run.bold = True
        if span.italic or italic:
            run.italic = True


def _styled(document: Any, text: str, style: str) -> Any:
    """A paragraph in a named style. Style ids are looked up once per document: python-docx's
    lookup by name scans every style each time and took seconds for a long appendix."""
    ids: dict[str, str] = document.__dict__.setdefault("_style_ids", {})
    if not ids:
        ids.update({s.name: s.style_id for s in document.styles if s.name})
    paragraph = document.add_paragraph()
    paragraph._p.style = ids[style]
    if text:
        _runs(paragraph, text)
    return paragraph


def _heading(document: Any, block: Heading) -> None:
    level = min(max(block.level, 1), 9)
    _styled(document, _clean(block.text).replace("\n", " "), f"Heading {level}")


def _paragraph(document: Any, block: Paragraph) -> None:
    for part in rich_split(block.text, "\n\n"):
        _runs(document.add_paragraph(), rich_strip(part))


def _bullets(document: Any, block: BulletList) -> None:
    for item in block.items:
        _styled(document, item, "List Bullet")


def _repeat_header(row: Any) -> None:
    """Mark a table row as the header that repeats on each page."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


_CELL_MARGINS = int(0.2 * 914400)  # Word's default left and right cell margins, with a little air
_PX = 9525  # EMU per CSS pixel


def _share_width(document: Any, table: Any, columns: list[str], rows: Any) -> None:
    """Column widths by content, measured on a sample of rows: every column is at least as wide
    as its longest header word and its longest short value (numbers never break), and the rest
    of the line goes to the columns with more text. (Equal widths squeezed a statement beside
    eight number columns into one word per line.) Widths are measured with DejaVu Sans, wider
    than Word's and LibreOffice's default fonts."""
    section = document.sections[-1]
    room = int(section.page_width - section.left_margin - section.right_margin)
    sample = [list(r) for r in rows[:200]]
    size = 15.0  # 11 pt in CSS pixels

    def least(n: int) -> float:
        words = [(w, True) for w in columns[n].split()]
        words += [(v, False) for r in sample if n < len(r) for v in [r[n].strip()] if len(v) <= 8]
        widest = max((figures.text_width(w, size, bold=b) for w, b in words), default=0.0)
        return min(widest * _PX + _CELL_MARGINS, room * 0.4)

    floors = [least(n) for n in range(len(columns))]
    weights = [
        min(max(max((len(r[n]) for r in sample if n < len(r)), default=0), 1), 60)
        for n in range(len(columns))
    ]
    spare = room - sum(floors)
    if spare < 0:
        widths = [room * f / sum(floors) for f in floors]
    else:
        widths = [f + spare * w / sum(weights) for f, w in zip(floors, weights, strict=True)]
    table.autofit = False
    for column, cell, value in zip(table.columns, table.rows[0].cells, widths, strict=True):
        column.width = Emu(int(value))
        cell.width = Emu(int(value))


def _table(document: Any, block: Table) -> None:
    width = max([len(block.columns)] + [len(r) for r in block.rows]) or 1
    if block.caption:
        _styled(document, _clean(block.caption), "Caption").paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=width)
    table.style = "Table Grid"
    columns = list(block.columns) + [""] * (width - len(block.columns))
    header = table.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, columns, strict=True):
        run = cell.paragraphs[0].add_run(_clean(text))
        run.bold = True
    _share_width(document, table, columns, block.rows)
    # Body rows are written as XML directly: python-docx's cell objects take seconds for the
    # appendix of a large workshop. Each cell copies the header cell's properties (its width).
    widths = [cell._tc.tcPr for cell in header.cells]
    tbl = table._tbl
    for values in block.rows:
        row = etree.SubElement(tbl, _W_TR)
        cells = list(values[:width]) + [""] * (width - len(values[:width]))
        for text, props in zip(cells, widths, strict=True):
            cell = etree.SubElement(row, _W_TC)
            if props is not None:
                cell.append(copy.deepcopy(props))
            paragraph = etree.SubElement(cell, _W_P)
            for span in spans_of(text):
                run = etree.SubElement(paragraph, _W_R)
                if span.bold or span.italic:
                    props = etree.SubElement(run, _W_RPR)
                    if span.bold:
                        etree.SubElement(props, _W_B)
                    if span.italic:
                        etree.SubElement(props, _W_I)
                for n, part in enumerate(_clean(span.text).split("\n")):
                    if n:
                        etree.SubElement(run, _W_BR)
                    node = etree.SubElement(run, _W_T)
                    node.text = part
                    node.set(_XML_SPACE, "preserve")
    document.add_paragraph()


def _quote(document: Any, block: Quote) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Pt(24)
    paragraph.paragraph_format.space_after = Pt(2) if block.attribution else Pt(8)
    _runs(paragraph, block.text, italic=True)
    if block.attribution:
        cite = document.add_paragraph()
        cite.paragraph_format.left_indent = Pt(24)
        run = cite.add_run("— " + _clean(block.attribution))
        run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)


def _facts(document: Any, block: Facts) -> None:
    for label, value in block.pairs:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(_clean(label) + ": ").bold = True
        _runs(paragraph, value)
    document.add_paragraph()


def _notice(document: Any, block: Notice) -> None:
    paragraph = document.add_paragraph()
    _runs(paragraph, block.text)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "12")
        edge.set(qn("w:space"), "4")
        edge.set(qn("w:color"), _BORDER.get(block.kind, "1F5F8B"))
        borders.append(edge)
    ppr.append(borders)
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), _SHADE.get(block.kind, "EAF4FB"))
    ppr.append(shade)


_FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
_EMU_PER_PX = 9525  # 914400 EMU per inch, 96 CSS pixels per inch


def figure_png(svg: str) -> bytes:
    """A figure's SVG as a PNG at twice its size, drawn with the bundled fonts only."""
    folder = resources.files("facilitator").joinpath("fonts")
    with resources.as_file(folder) as path:
        png = resvg_py.svg_to_bytes(
            svg_string=figures.with_font(svg, "DejaVu Sans"),
            skip_system_fonts=True,
            font_files=[str(path / name) for name in _FONTS],
            zoom=2,
            background="#ffffff",
        )
    return bytes(png)


def _figure(document: Any, block: Figure) -> None:
    if block.caption:
        _styled(document, _clean(block.caption), "Caption").paragraph_format.keep_with_next = True
    section = document.sections[-1]
    room = int(section.page_width - section.left_margin - section.right_margin)
    width_px, _height = figures.size_of(block.svg)
    width = Emu(min(room, int(width_px * _EMU_PER_PX)))
    paragraph = document.add_paragraph()
    shape = paragraph.add_run().add_picture(io.BytesIO(figure_png(block.svg)), width=width)
    # The text alternative: Word reads the description ("alt text"), LibreOffice the title.
    alt = " ".join(_clean(block.alt).split())
    shape._inline.docPr.set("descr", alt)
    shape._inline.docPr.set("title", alt)
    if block.table.columns or block.table.rows:
        _table(document, block.table)


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


def add_block(document: Any, block: Block) -> None:
    """Append one block to a python-docx document."""
    renderer_for(_RENDER, block, "Word")(document, block)


def render(minutes: Minutes) -> bytes:
    """The registered renderer: a .docx file as bytes."""
    document = Document()
    _set_language(document, minutes.locale)
    props = document.core_properties
    props.title = _clean(minutes.title)
    props.language = _LANG.get(minutes.locale, "fi-FI")
    props.author = "Facilitator"
    props.created = props.modified = _dated(minutes.date)
    props.last_modified_by = ""
    for block in minutes.blocks:
        add_block(document, block)
    if minutes.footer:
        footer = document.sections[0].footer.paragraphs[0]
        footer.text = _clean(minutes.footer)
        footer.alignment = WD_ALIGN_PARAGRAPH.LEFT
        for run in footer.runs:
            run.font.size = Pt(8)
    out = io.BytesIO()
    document.save(out)
    return _fixed_times(out.getvalue())


_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _fixed_times(content: bytes) -> bytes:
    """The same .docx with every zip entry dated 1980-01-01: python-docx stamps entries with
    the clock, so the same minutes gave different bytes a second apart."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = entry.external_attr
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
