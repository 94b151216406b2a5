"""Every format renders every block type; Word opens in LibreOffice; PDF text is extractable."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document

from facilitator.exports import registry
from facilitator.exports.html import render_fragment
from facilitator.summaries.blocks import BLOCK_TYPES, Minutes
from tests.exports.samples import MARKERS, ONE_OF_EACH, all_blocks, minutes_of
from tests.exports.tools import docx_text, libreoffice_convert, pdf_text


def _text(fmt: str, content: bytes, tmp_path: Path) -> str:
    """What a reader sees in the output, as plain text."""
    if fmt == "md":
        return content.decode("utf-8").replace("\\", "")
    if fmt == "html":
        page = content.decode("utf-8")
        return re.sub(r"<[^>]+>", " ", page).replace("&#34;", '"').replace("&#39;", "'")
    if fmt == "docx":
        return docx_text(content)
    if fmt == "pdf":
        return pdf_text(content, tmp_path)
    raise AssertionError(fmt)


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_registry_lists_the_formats() -> None:
    """Four minutes formats and two workshop formats, each with a media type and extension."""
    assert set(registry.RENDERERS) == {"md", "html", "docx", "pdf"}
    assert set(registry.WORKSHOP_EXPORTERS) == {"csv", "json"}
    assert set(registry.FORMATS) == set(registry.RENDERERS) | set(registry.WORKSHOP_EXPORTERS)
    with pytest.raises(ValueError, match="unknown minutes format"):
        registry.render(all_blocks(), "rtf")


@pytest.mark.parametrize("fmt", sorted(registry.RENDERERS))
@pytest.mark.parametrize("block_type", BLOCK_TYPES, ids=lambda t: t.__name__)
def test_every_format_renders_every_block_type(fmt: str, block_type: type, tmp_path: Path) -> None:
    """Each block's words, with ä/ö/å and typographic quotes, come out in each format."""
    minutes = minutes_of(ONE_OF_EACH[block_type])
    content = registry.render(minutes, fmt)
    assert isinstance(content, bytes) and content
    seen = _squash(_text(fmt, content, tmp_path))
    for marker in MARKERS[block_type]:
        assert _squash(marker) in seen, (fmt, block_type.__name__, marker)
    # The footer names the analyser in every format (Word puts it in the page footer).
    assert "Analyysi: Voikko (testi)" in seen


def test_unknown_block_type_is_refused() -> None:
    """A block type a renderer does not know is an error, not silently dropped."""
    minutes = Minutes(title="x", locale="fi", blocks=("not a block",), footer="")  # type: ignore[arg-type]
    for fmt in registry.RENDERERS:
        with pytest.raises(TypeError):
            registry.render(minutes, fmt)


def test_html_is_standalone_printable_and_escaped() -> None:
    """One file with its own print CSS, nothing external, no script, text escaped."""
    evil = minutes_of(*ONE_OF_EACH.values())
    page = registry.render(evil, "html").decode("utf-8")
    assert page.startswith("<!doctype html>")
    assert '<html lang="fi">' in page and "<title>Työpajan muistio</title>" in page
    assert "@media print" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    # The only thing loaded is a figure's own SVG, inline as a data: image.
    assert "<link" not in page
    sources = re.findall(r"src=\"([^\"]*)\"", page)
    assert sources and all(s.startswith("data:image/svg+xml;base64,") for s in sources)
    assert page.count("src=") == len(sources)
    fragment = str(render_fragment(minutes_of(ONE_OF_EACH[BLOCK_TYPES[0]])))
    assert fragment.startswith('<article class="minutes"')
    from facilitator.summaries.blocks import Paragraph

    hostile = str(render_fragment(minutes_of(Paragraph('<img src=x onerror="alert(1)">'))))
    assert "<img" not in hostile and "&lt;img" in hostile


def test_word_has_real_structure() -> None:
    """Heading styles, List Bullet items, a table with a bold repeating header, footer text."""
    document = Document(io.BytesIO(registry.render(all_blocks(), "docx")))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "Työpajan muistio") in styles
    assert ("Heading 2", "Otsikkosana Åland") in styles
    assert ("List Bullet", "Listasana yksi") in styles
    assert ("Caption", "Taulukon otsikko") in styles
    quote = next(p for p in document.paragraphs if p.text.startswith("Lainaussana"))
    assert quote.runs[0].italic and quote.paragraph_format.left_indent
    notice = next(p for p in document.paragraphs if p.text.startswith("Huomiosana"))
    assert (
        notice._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd")
        is not None
    )
    table, figure_table = document.tables
    assert [c.text for c in figure_table.rows[0].cells] == ["Väittämä", "Mediaani"]
    assert [c.text for c in table.rows[0].cells] == ["Sarake", "Ääniä"]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert [c.text for c in table.rows[1].cells] == ["Taulukkosana", "7"]
    assert document.sections[0].footer.paragraphs[0].text == "Analyysi: Voikko (testi)"
    assert document.core_properties.title == "Työpajan muistio"


def test_word_file_opens_in_libreoffice(tmp_path: Path) -> None:
    """LibreOffice headless converts the .docx to text and to PDF with all the words intact."""
    content = registry.render(all_blocks(), "docx")
    text = libreoffice_convert(content, "docx", "txt:Text", tmp_path).read_text("utf-8-sig")
    squashed = _squash(text)
    for block_type, markers in MARKERS.items():
        for marker in markers:
            assert _squash(marker) in squashed, (block_type.__name__, marker)
    pdf = libreoffice_convert(content, "docx", "pdf", tmp_path / "again").read_bytes()
    # The page footer with the analyser appears on the page LibreOffice lays out.
    assert "Analyysi: Voikko (testi)" in pdf_text(pdf, tmp_path)


def test_pdf_text_is_extractable_with_finnish_letters(tmp_path: Path) -> None:
    """pdftotext finds every word, ä/ö/å, dashes and quotes; the page count is shown."""
    content = registry.render(all_blocks(), "pdf")
    assert content.startswith(b"%PDF-")
    text = pdf_text(content, tmp_path)
    for marker in ("Työpajan muistio", "Åland", "“lainaus”", "— automaattinen"):
        assert marker in text, marker
    assert re.search(r"1 ?/ ?1", text)


def test_word_file_is_the_same_whatever_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same minutes give the same .docx bytes an hour later (python-docx dated each zip
    entry with the clock; a figure's picture made the render slow enough to cross a second)."""
    import time

    first = registry.render(all_blocks(), "docx")
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    assert registry.render(all_blocks(), "docx") == first
