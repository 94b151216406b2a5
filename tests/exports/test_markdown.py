"""Markdown rendering of minutes: deterministic, escaped, and readable back into blocks."""

from __future__ import annotations

from facilitator.exports.markdown import escape, figures_of, parse, render, render_markdown
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
from facilitator.text import markdown_html
from tests.exports.samples import all_blocks, workshop_export


def awkward() -> Minutes:
    """Minutes whose texts look like Markdown and HTML."""
    return Minutes(
        title="Työpaja",
        locale="fi",
        blocks=(
            Heading(1, "Työpaja: palvelupolku"),
            Facts((("Paikka", "Sali *A*"), ("Päivä", "23. marraskuuta 2026"))),
            Heading(2, "Vaihe 1"),
            Paragraph("# ei otsikko\n1. ei lista\n<script>x</script> ja [linkki](x)\n=== ~~~"),
            BulletList(("ensimmäinen", "toinen\nrivi", "- viiva", "1) numero")),
            Table(("Teksti", "Ääniä"), (("a|b", "3"), ("c_d", "-1")), caption="Äänet"),
            Quote("Minä sanoin *tämän*\n> en lainannut", "Kehittäjäasiakas"),
            Notice("Automaattinen — tarkista", "automatic"),
            Notice("Huomio", "warning"),
            Notice("Tieto", "info"),
        ),
        footer="Analyysi: Voikko",
    )


def test_same_input_gives_identical_bytes() -> None:
    """Rendering twice gives byte-identical UTF-8 with LF line endings and one final newline."""
    a, b = render(awkward()), render(awkward())
    assert a == b
    assert b"\r" not in a
    assert a.endswith(b"\n") and not a.endswith(b"\n\n")
    assert "Työpaja".encode() in a


def test_markup_in_text_is_shown_literally() -> None:
    """Participants' text never becomes headings, lists, links, code or HTML in the preview."""
    html = str(markdown_html(render_markdown(awkward())))
    assert "<h1>ei otsikko" not in html and "# ei otsikko" in html
    assert "<ol>" not in html and "1. ei lista" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<a " not in html and "[linkki](x)" in html
    assert "<em>A</em>" not in html and "*A*" in html
    assert "<pre>" not in html and "<code>" not in html
    assert "<h1>Työpaja: palvelupolku</h1>" in html
    assert "<table>" in html and "a|b" in html and "c_d" in html
    assert "23. marraskuuta 2026" in html


def test_generated_text_reads_back_into_the_same_blocks() -> None:
    """parse(render(m)) gives m's blocks and footer back: exports of unedited minutes are exact."""
    for minutes in (awkward(), all_blocks()):
        figures = figures_of(minutes)
        text = render_markdown(minutes)
        again = parse(text, title=minutes.title, locale=minutes.locale, figures=figures)
        assert again.blocks == minutes.blocks
        assert again.footer == minutes.footer
        assert render_markdown(again) == text
        # The downloaded file carries its figures inline and reads back the same on its own.
        alone = parse(render_markdown(minutes, embed=True), title=minutes.title)
        assert alone.blocks == minutes.blocks


def test_real_minutes_round_trip() -> None:
    """The minutes the summaries build from a workshop survive Markdown and back unchanged."""
    from facilitator.summaries import build_minutes

    for locale in ("fi", "sv", "en"):
        minutes = build_minutes(workshop_export(), locale)
        text = render_markdown(minutes)
        again = parse(text, title=minutes.title, locale=locale)
        assert render_markdown(again) == text
        assert again.footer == minutes.footer


def test_edited_markdown_is_read_as_blocks() -> None:
    """Text a facilitator writes by hand maps to blocks: numbered lists, links, emphasis, rules."""
    text = (
        "# Muistio\n\nTeksti **lihavoitu** ja [linkki](https://example.org).\n\n"
        "1. eka\n2. toka\n\n* tähti\n\n---\n\nkeskellä\n\n## Loppu\n\n---\n\nAlaviite\n"
    )
    minutes = parse(text)
    assert minutes.title == "Muistio"
    assert minutes.blocks == (
        Heading(1, "Muistio"),
        Paragraph("Teksti lihavoitu ja linkki (https://example.org)."),
        BulletList(("1. eka", "2. toka")),
        BulletList(("tähti",)),
        Paragraph("keskellä"),
        Heading(2, "Loppu"),
    )
    assert minutes.footer == "Alaviite"


def test_escape_keeps_plain_words() -> None:
    """Ordinary sentences pass through unchanged; indentation and blank runs are tidied."""
    assert escape("Hyvä palvelu, kiitos!") == "Hyvä palvelu, kiitos!"
    assert escape("  sisennetty") == "sisennetty"
    assert escape("a\r\n\r\n\r\nb") == "a\n\nb"


def test_any_edited_text_renders_in_every_format() -> None:
    """Whatever a facilitator types (HTML, nesting, code, images, empty) renders everywhere."""
    from facilitator.exports import registry

    tricky = [
        "",
        "<div onclick=x>raw html</div>\n\n<script>alert(1)</script>",
        "> > nested quote\n> - list in quote\n>\n> — role",
        "- a\n  - b\n    - c\n\n1) one\n2) two",
        "```\ncode ```` fence\n```\n\n    indented code",
        "Setext\n===\n\n![kuva](x.png) [viite]\n\n[viite]: https://example.org",
        "| only | header |\n|---|---|",
        "| a |\n|---|\n| 1 | 2 | 3 |",
        "---\n\n---",
        "⚙\n\n> ⚙\n\n> ⚠ varoitus\n> toinen rivi",
        "x" * 3000,
        "\x00\x07 control \ufffe characters \ud800",
    ]
    for text in tricky:
        minutes = parse(text, title="Otsikko", locale="fi")
        for fmt in registry.RENDERERS:
            assert registry.render(minutes, fmt), (fmt, text[:40])
