"""Figures (an SVG chart, its text alternative, caption and data table) in every minutes format.

Word is checked through LibreOffice (the picture and its alternative text survive a real
office suite), PDF through poppler (the chart's words are text, the alternative is on the
figure); the SVG can never carry script into a page, whatever is stored or typed.
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
import zlib
from pathlib import Path

import pytest
from docx import Document

from facilitator.exports import registry
from facilitator.exports.html import render_fragment
from facilitator.exports.markdown import figures_of, parse, render_markdown
from facilitator.summaries.blocks import Figure, Heading, Minutes, Paragraph, Table
from facilitator.summaries.figure import (
    FigureError,
    Svg,
    clean_svg,
    data_uri,
    text_width,
    wrap,
)
from tests.exports.samples import ONE_OF_EACH, minutes_of, sample_svg
from tests.exports.tools import libreoffice_convert, pdf_text, require

FIGURE: Figure = ONE_OF_EACH[Figure]  # type: ignore[assignment]
ALT = FIGURE.alt

HOSTILE = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="200" height="50" onload="alert(1)">'
    "<script>alert(2)</script>"
    "<style>rect { fill: url(https://example.invalid/x) }</style>"
    '<a href="javascript:alert(3)"><rect width="10" height="10"/></a>'
    '<image href="https://example.invalid/tracker.png" width="5" height="5"/>'
    '<image xlink:href="file:///etc/passwd" width="5" height="5"/>'
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>'
    '<rect x="1" y="2" width="30" height="20" fill="url(#g)" style="fill:red" '
    'onclick="alert(4)" transform="translate(1,2)"/>'
    '<text x="5" y="40" fill="#123456">Sana &lt;script&gt;</text>'
    "</svg>"
)


def _figure_minutes(figure: Figure = FIGURE) -> Minutes:
    return minutes_of(Paragraph("Ennen kuvaa"), figure, Paragraph("Kuvan jälkeen"))


def test_the_writer_escapes_every_text_and_attribute() -> None:
    """Labels are text, never markup: quotes, ampersands and angle brackets stay words."""
    svg = Svg(100, 40, label='A "b" & <c>', lang="fi")
    svg.text(1, 2, "</text><script>x</script>", fill='"><script>')
    out = svg.render()
    assert "<script" not in out
    cleaned = clean_svg(out)
    assert "<script" not in cleaned
    assert "&lt;/text&gt;&lt;script&gt;x&lt;/script&gt;" in cleaned
    # The fill was not a colour: dropped, the text kept.
    assert 'fill="' not in cleaned.split("<text", 1)[1]


def test_cleaning_keeps_the_drawing_and_drops_everything_else() -> None:
    """Scripts, handlers, styles, links, images and foreign content never survive."""
    cleaned = clean_svg(HOSTILE)
    for banned in (
        "<script",
        "alert",
        "onload",
        "onclick",
        "style",
        "href",
        "image",
        "foreignObject",
        "javascript",
        "url(",
        "example.invalid",
        "passwd",
        "<a",
        "html",
    ):
        assert banned not in cleaned, banned
    assert '<rect x="1" y="2" width="30" height="20" transform="translate(1,2)"/>' in cleaned
    assert "Sana &lt;script&gt;" in cleaned
    assert clean_svg(cleaned) == cleaned  # idempotent: stored SVGs read back unchanged


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "not xml",
        "<html><body>x</body></html>",
        '<!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&e;</text></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg">' + "x" * 2_000_001 + "</svg>",
    ],
)
def test_what_is_not_a_plain_svg_is_refused(bad: str) -> None:
    """Not SVG, entities or a document type, or too large: not a figure."""
    with pytest.raises(FigureError):
        clean_svg(bad)


def test_a_hostile_svg_in_edited_minutes_is_cleaned_or_dropped() -> None:
    """An SVG pasted into the minutes text is cleaned before any export shows it; one that is
    not plain SVG becomes its text alternative."""
    text = (
        f"![Kaavio]({data_uri(HOSTILE)})\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "![Outo](data:image/svg+xml;base64,"
        + base64.b64encode(b'<!DOCTYPE x [<!ENTITY a "b">]><svg/>').decode()
        + ")\n"
    )
    minutes = parse(text)
    figure, fallback = minutes.blocks
    assert isinstance(figure, Figure) and "<script" not in figure.svg
    assert figure.table == Table(("a", "b"), (("1", "2"),))
    assert fallback == Paragraph("Outo")
    html = str(render_fragment(minutes))
    assert "<script" not in html and "onload" not in html
    for src in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html):
        assert b"<script" not in base64.b64decode(src)


def test_an_unknown_figure_key_keeps_its_words() -> None:
    """A figure whose SVG is not stored (copied from other minutes) shows its alternative."""
    minutes = parse("![Jakauma: mediaani 4](figure:0123456789abcdef)\n")
    assert minutes.blocks == (Paragraph("Jakauma: mediaani 4"),)


def test_markdown_stores_a_reference_and_downloads_standalone() -> None:
    """The stored text names the figure; the .md download carries the SVG inline."""
    minutes = _figure_minutes()
    stored = render_markdown(minutes)
    assert f'![{ALT}](figure:{FIGURE.key} "Kuvion otsikko")' in stored
    assert "data:" not in stored
    assert figures_of(minutes) == {FIGURE.key: FIGURE.svg}
    download = registry.render(minutes, "md").decode("utf-8")
    assert "figure:" not in download
    found = re.search(r"!\[([^\]]*)\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+) ", download)
    assert found and found.group(1) == ALT
    assert base64.b64decode(found.group(2)).decode("utf-8") == FIGURE.svg
    assert "| Kuviotaulukkosana | 4 |" in download
    assert parse(download).blocks == minutes.blocks


def test_html_shows_the_svg_as_an_image_with_its_alternative_and_table() -> None:
    """<figure> with caption, an <img> (an SVG shown as an image runs nothing) and the table."""
    page = registry.render(_figure_minutes(), "html").decode("utf-8")
    figure = re.search(r'<figure class="chart">(.*?)</figure>', page, re.S)
    assert figure, page
    body = figure.group(1)
    assert body.startswith("<figcaption>Kuvion otsikko</figcaption><img ")
    assert f'alt="{ALT}"' in body
    assert 'width="480" height="90"' in body
    assert '<th scope="col">Mediaani</th>' in body and "<td>Kuviotaulukkosana</td>" in body
    src = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', body)
    assert src and base64.b64decode(src.group(1)).decode("utf-8") == FIGURE.svg


def test_word_embeds_a_picture_with_its_alternative_text(tmp_path: Path) -> None:
    """A PNG drawn from the SVG, described for screen readers, then the data table; LibreOffice
    opens it and keeps the picture and its alternative text."""
    content = registry.render(_figure_minutes(), "docx")
    document = Document(io.BytesIO(content))
    (shape,) = document.inline_shapes
    assert shape._inline.docPr.get("descr") == ALT
    blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    png = document.part.related_parts[blob].blob
    assert png.startswith(b"\x89PNG")
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Caption", "Kuvion otsikko") in styles
    (table,) = document.tables
    assert [c.text for c in table.rows[1].cells] == ["Kuviotaulukkosana", "4"]
    # The same bytes every time (no clock, no randomness in the picture).
    assert registry.render(_figure_minutes(), "docx") == content

    html = libreoffice_convert(content, "docx", "html", tmp_path).read_text("utf-8")
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 1 and f'alt="{ALT}"' in images[0], images
    text = libreoffice_convert(content, "docx", "txt:Text", tmp_path / "txt").read_text("utf-8-sig")
    assert "Kuvion otsikko" in text and "Kuviotaulukkosana" in text


def _pdf_alt_texts(content: bytes) -> list[str]:
    """The /Alt entries of a PDF's structure (UTF-16 hex strings), also inside compressed
    object streams."""
    parts = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    found = [h for part in parts for h in re.findall(rb"/Alt <feff([0-9a-fA-F]+)>", part)]
    return [bytes.fromhex(h.decode()).decode("utf-16-be") for h in found]


def test_pdf_draws_the_chart_as_text_with_its_alternative(tmp_path: Path) -> None:
    """The chart's own words (ä, ö, å, dashes, quotes) come out of pdftotext in the bundled
    font; the figure carries its alternative; the table follows."""
    content = registry.render(_figure_minutes(), "pdf")
    text = pdf_text(content, tmp_path)
    for marker in ("Kuvion otsikko", "Kuviosana: Åland – “väittämä”", "12", "Kuviotaulukkosana"):
        assert marker in text, marker
    assert text.index("Ennen kuvaa") < text.index("Kuviosana") < text.index("Kuvan jälkeen")
    assert _pdf_alt_texts(content) == [ALT]
    source = tmp_path / "fonts.pdf"
    source.write_bytes(content)
    fonts = subprocess.run(
        [require("pdffonts"), str(source)], capture_output=True, text=True, check=True
    ).stdout
    assert "DejaVu" in fonts and "Helvetica" not in fonts


def test_a_tall_figure_fits_on_one_page(tmp_path: Path) -> None:
    """A chart taller than a page is shrunk onto one page rather than cut."""
    svg = Svg(600, 3000, label="Pitkä")
    svg.text(10, 2990, "Alimmainen rivi", font_size=40)
    tall = Figure(svg.render(), "Pitkä kaavio", Table(("a",), (("b",),)))
    content = registry.render(minutes_of(tall), "pdf")
    assert "Alimmainen rivi" in pdf_text(content, tmp_path)


def test_labels_are_measured_and_wrapped_with_the_bundled_font() -> None:
    """Long Finnish words wrap inside the width; widths grow with the text and the size."""
    assert text_width("ää", 16) > text_width("ä", 16) > 0
    assert text_width("Sana", 32) == pytest.approx(2 * text_width("Sana", 16))
    assert text_width("Sana", 16, bold=True) > text_width("Sana", 16)
    lines = wrap("Palveluohjauksen kehittämistarpeet ja moniammatillinen yhteistyö", 180, 16)
    assert len(lines) > 1 and all(text_width(line, 16) <= 180 for line in lines)
    long_word = wrap("Sosiaalihuoltolainmukaisenpalvelutarpeenarvioinnin", 120, 16)
    assert "".join(long_word) == "Sosiaalihuoltolainmukaisenpalvelutarpeenarvioinnin"
    assert all(text_width(line, 16) <= 120 for line in long_word)


def test_figures_without_a_table_render_everywhere(tmp_path: Path) -> None:
    """A figure whose table was removed in editing still renders in every format."""
    bare = Figure(sample_svg("Yksinäinen"), "Vain kuva", Table((), ()))
    minutes = Minutes("T", "fi", (Heading(1, "T"), bare), "")
    for fmt in registry.RENDERERS:
        assert registry.render(minutes, fmt)
    assert parse(render_markdown(minutes), figures=figures_of(minutes)).blocks == minutes.blocks


# -- tables beside figures: regressions found with the feedback table --------------------------

NUMBERS = Table(
    ("Väittämä", "Vastauksia", "1", "2", "3", "4", "5", "En osaa sanoa", "Mediaani"),
    tuple(
        (
            f"{n}. Pystyin vaikuttamaan siihen, mitä palveluohjauksen kehittämisestä päätettiin.",
            "38",
            "12",
            "10",
            "11",
            "12",
            "13",
            "5",
            "3,5",
        )
        for n in range(1, 4)
    ),
    caption="Vastaukset väittämittäin",
)


def test_pdf_numbers_in_narrow_columns_never_break(tmp_path: Path) -> None:
    """Two-digit counts beside a long statement stay whole (they were split "1" / "2")."""
    text = pdf_text(registry.render(minutes_of(NUMBERS), "pdf"), tmp_path)
    tokens = text.split()
    assert tokens.count("12") == 6 and tokens.count("13") == 3 and tokens.count("3,5") == 3


def test_pdf_caption_stays_with_its_table(tmp_path: Path) -> None:
    """Wherever the page ends, a table's caption is on the page of its header row."""
    for filler in range(36, 52):
        paragraphs = [Paragraph(f"Täyterivi {n}") for n in range(filler)]
        content = registry.render(minutes_of(*paragraphs, NUMBERS), "pdf")
        pages = pdf_text(content, tmp_path / str(filler)).split("\f")
        page_of = {
            word: next(i for i, page in enumerate(pages) if word in page)
            for word in ("Vastaukset väittämittäin", "Mediaani")
        }
        assert page_of["Vastaukset väittämittäin"] == page_of["Mediaani"], filler


def test_word_columns_share_the_width_by_content() -> None:
    """The statement gets the room; numbers get enough for two digits (equal widths squeezed
    the statement into one word per line)."""
    document = Document(io.BytesIO(registry.render(minutes_of(NUMBERS), "docx")))
    (table,) = document.tables
    widths = [column.width for column in table.columns]
    assert widths[0] > 2 * widths[2]
    assert min(widths) >= int(0.25 * 914400)
    section = document.sections[0]
    room = section.page_width - section.left_margin - section.right_margin
    assert abs(sum(widths) - room) < 914400 * 0.05
    caption = next(p for p in document.paragraphs if p.text == "Vastaukset väittämittäin")
    assert caption.paragraph_format.keep_with_next
