"""Bold and italics a facilitator gives their text in the minutes editor reach every format."""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from facilitator.exports import registry
from facilitator.exports.markdown import parse, render_markdown
from facilitator.exports.marks import nested, pieces, tidy
from facilitator.summaries.blocks import BulletList, Minutes, Paragraph
from tests.exports.tools import pdf_text

EDITED = (
    "# Muistio\n\nTämä on **tärkeä** ja *kursiivi* sana, ***molemmat***.\n\n"
    "- **Eka** kohta\n- toka kohta\n\n1. *yksi*\n"
)


def test_marks_are_read_from_the_text() -> None:
    blocks = parse(EDITED).blocks
    assert blocks[1] == Paragraph(
        "Tämä on tärkeä ja kursiivi sana, molemmat.",
        ((8, 14, "strong"), (18, 26, "em"), (33, 41, "em"), (33, 41, "strong")),
    )
    assert blocks[2] == BulletList(("Eka kohta", "toka kohta"), (((0, 3, "strong"),), ()))
    assert blocks[3] == BulletList(("1. yksi",), (((3, 7, "em"),),))


def test_markdown_writes_them_back_and_reads_the_same() -> None:
    minutes = parse(EDITED)
    text = render_markdown(minutes)
    assert "Tämä on **tärkeä** ja *kursiivi* sana, ***molemmat***." in text
    assert "- **Eka** kohta" in text
    assert parse(text).blocks[:2] == minutes.blocks[:2]
    # Markdown characters in marked text stay text.
    tricky = Paragraph("a *b* c_d", ((0, 4, "strong"),))
    again = parse(render_markdown(parse("# T").__class__("T", "fi", (tricky,), ""))).blocks[0]
    assert again == tricky
    # Quotes inside a mark right next to a letter outside it ("**"x"**s" would not close).
    for quoted in (
        Paragraph('"lainaus"jatkuu', ((0, 9, "strong"),)),
        Paragraph('ja"lainaus"', ((2, 11, "em"),)),
    ):
        text = render_markdown(Minutes("T", "fi", (quoted,), ""))
        assert "&#" in text and parse(text).blocks[0] == quoted


def test_html_docx_and_pdf_show_them(tmp_path: Path) -> None:
    minutes = parse(EDITED, title="Muistio", locale="fi")
    html = registry.render(minutes, "html").decode()
    assert "Tämä on <strong>tärkeä</strong> ja <em>kursiivi</em> sana" in html
    assert "<strong><em>molemmat</em></strong>" in html
    assert "<li><strong>Eka</strong> kohta</li>" in html
    document = Document(io.BytesIO(registry.render(minutes, "docx")))
    runs = [(r.text, r.bold, r.italic) for p in document.paragraphs for r in p.runs]
    assert ("tärkeä", True, None) in runs and ("kursiivi", None, True) in runs
    assert ("Eka", True, None) in runs and (" kohta", None, None) in runs
    text = pdf_text(registry.render(minutes, "pdf"), tmp_path)
    assert re.search(r"Tämä on tärkeä ja kursiivi sana,\s+molemmat\.", text)


def test_tidy_and_pieces() -> None:
    assert tidy("ab  cd", [(1, 4, "strong"), (3, 6, "strong"), (0, 0, "em")]) == ((1, 6, "strong"),)
    assert pieces("abcd", [(1, 3, "em")]) == [
        ("a", frozenset()),
        ("bc", frozenset({"em"})),
        ("d", frozenset()),
    ]
    assert pieces("", []) == []


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="ab äöÅ1", min_size=1, max_size=24),
    spans=st.lists(
        st.tuples(st.integers(0, 24), st.integers(0, 24), st.sampled_from(["strong", "em"])),
        max_size=3,
    ),
)
def test_any_marked_paragraph_survives_markdown(text: str, spans: list) -> None:  # type: ignore[type-arg]
    """Whatever is bold or italic, Markdown and back gives the same words and the same marks
    (words and spaces; punctuation next to a mark is tested above: Markdown's flanking rules
    cannot write every case, e.g. an escaped asterisk right inside a delimiter)."""
    clean = text.strip()
    marks = nested(tidy(clean, [(min(a, b), max(a, b), k) for a, b, k in spans]))
    # Known limit: bold ending exactly where italics begin (no character between) cannot be
    # written apart in Markdown; the editor's words are separated by spaces, outside the marks.
    assume(not any(a[1] == b[0] and a[2] != b[2] for a in marks for b in marks))
    paragraph = Paragraph(clean, tidy(clean, marks))
    if not paragraph.text:
        return
    minutes = Minutes("T", "fi", (paragraph,), "")
    (again,) = parse(render_markdown(minutes)).blocks
    assert again == paragraph
