"""Markdown rendering of minutes: deterministic, escaped, every block type."""

from __future__ import annotations

import markdown as pymd

from facilitator.exports.markdown import escape, render, render_markdown
from facilitator.summaries.blocks import (
    BulletList,
    Facts,
    Heading,
    Minutes,
    Notice,
    Paragraph,
    Quote,
    Table,
)


def sample() -> Minutes:
    """Minutes with one block of each type and awkward text."""
    return Minutes(
        title="Työpaja",
        locale="fi",
        blocks=(
            Heading(1, "Työpaja: palvelupolku"),
            Facts((("Paikka", "Sali *A*"), ("Kesto", "1 h 30 min"))),
            Heading(2, "Vaihe 1"),
            Paragraph("# ei otsikko\n1. ei lista\n<script>x</script> ja [linkki](x)"),
            BulletList(("ensimmäinen", "toinen\nrivi", "- viiva")),
            Table(("Teksti", "Ääniä"), (("a|b", "3"), ("c",)), caption="Äänet"),
            Quote("Minä sanoin *tämän*", "Kehittäjäasiakas"),
            Notice("Automaattinen — tarkista", "automatic"),
        ),
        footer="Analyysi: Voikko",
    )


def test_same_input_gives_identical_bytes() -> None:
    """Rendering twice gives byte-identical UTF-8 with LF line endings."""
    a, b = render(sample()), render(sample())
    assert a == b
    assert b"\r" not in a
    assert a.endswith(b"\n") and not a.endswith(b"\n\n")
    assert "Työpaja".encode() in a


def test_markup_in_text_is_shown_literally() -> None:
    """Participants' text never becomes headings, lists, links or HTML."""
    html = pymd.markdown(render_markdown(sample()), extensions=["tables", "nl2br"])
    assert "<h1>ei otsikko" not in html and "# ei otsikko" in html
    assert "<ol>" not in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<a " not in html
    assert "<em>A</em>" not in html and "*A*" in html
    assert "<h1>Työpaja: palvelupolku</h1>" in html
    assert "<table>" in html and "a|b" in html


def test_escape_keeps_plain_words() -> None:
    """Ordinary sentences pass through unchanged."""
    assert escape("Hyvä palvelu, kiitos!") == "Hyvä palvelu, kiitos!"
    assert escape("  sisennetty") == "sisennetty"
    assert escape("a\r\n\r\n\r\nb") == "a\n\nb"
