"""Minutes as an accessible PDF: the printable HTML document laid out by WeasyPrint as PDF/UA-1.

PDF/UA means a tagged PDF: headings, paragraphs, lists, tables with header cells, quotes and
notes are structure elements in reading order, so a screen reader reads the minutes as the
HTML page reads; page numbers are marked as artefacts. The document carries its language
(``lang`` of the minutes), its title and the workshop's date (``Minutes.date``).

The bundled DejaVu Sans font is embedded (subset), so ä, ö, å, dashes and quotation marks print
the same on any machine; no network and no system fonts are used. WeasyPrint needs the Pango
library (Debian: ``libpango-1.0-0``, ``libpangoft2-1.0-0``; ``scripts/setup.sh`` installs it).
"""

from __future__ import annotations

import logging
import re
from importlib import resources
from typing import Any

from facilitator.exports import html
from facilitator.summaries.blocks import Minutes

MEDIA_TYPE = "application/pdf"
EXTENSION = "pdf"
VARIANT = "pdf/ua-1"

_FONTS = (("normal", "normal", "DejaVuSans.ttf"), ("bold", "normal", "DejaVuSans-Bold.ttf"),
          ("normal", "italic", "DejaVuSans-Oblique.ttf"))  # fmt: skip


def _font_url(name: str) -> str:
    return resources.files("facilitator").joinpath("fonts", name).as_uri()  # type: ignore[attr-defined]


def _print_css() -> str:
    """A4 pages, the bundled font, page numbers at the foot, table headers on every page."""
    faces = "\n".join(
        f'@font-face {{ font-family: "Facilitator Sans"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{_font_url(name)}"); }}'
        for weight, style, name in _FONTS
    )
    return (
        faces
        + """
@page { size: A4; margin: 16mm 18mm 18mm 18mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 7.5pt "Facilitator Sans";
    color: #5a5a5a; } }
html, body { font-family: "Facilitator Sans"; }
html { font-size: 10.5pt; }
body { margin: 0; max-width: none; line-height: 1.35; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; } h3 { font-size: 12.5pt; }
h1, h2, h3 { break-after: avoid; hyphens: manual; }
p, li, td, th, dd, blockquote { hyphens: auto; }
table { font-size: 9pt; }
thead { display: table-header-group; }
tr, figure.quote, aside.notice { break-inside: avoid; }
figure.chart > img { max-width: 100%; max-height: 235mm; width: auto; height: auto;
  break-inside: avoid; }
footer.minutes-footer { font-size: 8pt; }
"""
    )


def load() -> Any:
    """Import WeasyPrint (finding Pango runs ``ldconfig``: do it on the main thread, not in a
    worker thread under gevent, whose subprocesses need the main loop)."""
    try:
        import weasyprint
    except OSError as exc:  # the wheel is pure Python; Pango is a system library
        raise RuntimeError(
            "The PDF export needs the Pango library (Debian: apt install libpango-1.0-0 "
            f"libpangoft2-1.0-0): {exc}"
        ) from exc
    return weasyprint


# Control characters and lone surrogates cannot be laid out (the text is otherwise kept).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def render(minutes: Minutes) -> bytes:
    """The registered renderer: a tagged PDF (PDF/UA-1) as bytes."""
    weasyprint = load()
    # The stylesheet is ours and fixed: WeasyPrint's notes about properties it does not
    # know (print-color-adjust for browsers) are not news to anyone at run time.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = _CONTROL.sub("", str(html.render_document(minutes)))
    # After the page's own stylesheet, so the print rules (the bundled font first) win.
    document = document.replace("</head>", f"<style>{_print_css()}</style>\n</head>", 1)
    # The font configuration is what makes WeasyPrint load the @font-face files (the bundled
    # DejaVu) instead of looking the family up among the system's fonts.
    fonts = weasyprint.text.fonts.FontConfiguration()
    pdf = weasyprint.HTML(string=document).write_pdf(
        font_config=fonts,
        pdf_variant=VARIANT,
        pdf_identifier=b"facilitator-minutes",
    )
    return bytes(pdf)
