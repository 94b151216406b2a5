"""Edited minutes keep the facilitator's inline bold and italics in every format."""

from __future__ import annotations

import copy
import io
import pickle
import subprocess
from pathlib import Path

from docx import Document

from facilitator.exports import docx, html, markdown, pdf
from facilitator.summaries.blocks import (
    BulletList,
    Notice,
    Paragraph,
    Quote,
    RichText,
    Span,
    Table,
    spans_of,
)
from tests.exports.tools import require

EDITED = """# Muistio

Tämä on **tärkeä** ja *tarkistettava* asia.

- kohta **lihavoitu**

> ⚙ Avainsanat: *kela* (3)

> lainaus **painokas**

| Ajatus | Huom |
|---|---|
| **bussilippu** | *kallis* |
"""


def _edited() -> markdown.Minutes:
    return markdown.parse(EDITED, title="Muistio", locale="fi")


def test_edited_markdown_reads_back_with_its_bold_and_italics() -> None:
    blocks = _edited().blocks
    paragraph = next(b for b in blocks if isinstance(b, Paragraph))
    assert isinstance(paragraph.text, RichText)
    assert paragraph.text == "Tämä on tärkeä ja tarkistettava asia."  # still the plain text
    assert Span("tärkeä", bold=True) in paragraph.text.spans
    assert Span("tarkistettava", italic=True) in paragraph.text.spans
    bullets = next(b for b in blocks if isinstance(b, BulletList))
    assert Span("lihavoitu", bold=True) in spans_of(bullets.items[0])
    notice = next(b for b in blocks if isinstance(b, Notice))
    assert notice.kind == "automatic" and Span("kela", italic=True) in spans_of(notice.text)
    quote = next(b for b in blocks if isinstance(b, Quote))
    assert Span("painokas", bold=True) in spans_of(quote.text)
    table = next(b for b in blocks if isinstance(b, Table))
    assert spans_of(table.rows[0][0]) == (Span("bussilippu", bold=True),)
    # Runs survive copying (blocks are copied and pickled by callers).
    assert copy.deepcopy(paragraph.text).spans == paragraph.text.spans
    assert pickle.loads(pickle.dumps(paragraph.text)).spans == paragraph.text.spans


def test_markdown_and_html_keep_the_emphasis() -> None:
    text = markdown.render_markdown(_edited())
    assert "Tämä on **tärkeä** ja *tarkistettava* asia." in text
    assert "| **bussilippu** | *kallis* |" in text
    assert markdown.parse(text).blocks == _edited().blocks
    page = html.render(_edited()).decode("utf-8")
    assert "<strong>tärkeä</strong>" in page and "<em>tarkistettava</em>" in page
    assert "<strong>bussilippu</strong>" in page and "<em>kela</em>" in page
    # Plain text with asterisks is still shown literally.
    plain = markdown.parse(markdown.escape("2 * 3 = *kuusi*"))
    assert plain.blocks == (Paragraph("2 * 3 = *kuusi*"),)


def test_word_keeps_bold_and_italic_runs() -> None:
    document = Document(io.BytesIO(docx.render(_edited())))
    runs = [(r.text, bool(r.bold), bool(r.italic)) for p in document.paragraphs for r in p.runs]
    assert ("tärkeä", True, False) in runs
    assert ("tarkistettava", False, True) in runs
    assert ("lihavoitu", True, False) in runs
    assert ("painokas", True, True) in runs  # a quote is italic, its bold part bold too
    cell = document.tables[0].rows[1].cells
    assert [(r.text, bool(r.bold)) for r in cell[0].paragraphs[0].runs] == [("bussilippu", True)]
    assert [(r.text, bool(r.italic)) for r in cell[1].paragraphs[0].runs] == [("kallis", True)]


def _fonts(content: bytes, tmp_path: Path) -> str:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    result = subprocess.run(
        [require("pdffonts"), str(path)], capture_output=True, timeout=60, check=True
    )
    return result.stdout.decode("utf-8")


def test_pdf_prints_bold_and_italic_with_their_own_faces(tmp_path: Path) -> None:
    def only(text: str) -> bytes:
        return pdf.render(markdown.parse(text, title="x", locale="fi"))

    plain = _fonts(only("Tavallinen teksti ilman korostuksia.\n"), tmp_path / "a")
    assert "Bold" not in plain and "Oblique" not in plain and "Italic" not in plain
    emphasised = _fonts(only("Tavallinen **lihava** ja *kursiivi* teksti.\n"), tmp_path / "b")
    # The bundled DejaVu faces, as the PDF's @font-face names them.
    assert "Facilitator-Sans-Bold" in emphasised and "Facilitator-Sans-Italic" in emphasised
    bullet = _fonts(only("- kohta **lihava**\n"), tmp_path / "c")
    assert "Facilitator-Sans-Bold" in bullet
