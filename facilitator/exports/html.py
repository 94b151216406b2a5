"""Minutes as a printable, standalone HTML document: no external assets, every text escaped.

``render_fragment`` gives the body alone (for the console preview and for showing the minutes
to the room); ``render`` wraps it in a complete document with its own print stylesheet.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

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
    RichText,
    Table,
    renderer_for,
    rich_split,
    rich_strip,
)

MEDIA_TYPE = "text/html; charset=utf-8"
EXTENSION = "html"

# The downloaded file is opened on its own, so its style travels inside it.
STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #1a1a1a; background: #fff; line-height: 1.5; max-width: 48rem; margin: 2rem auto;
  padding: 0 1rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .4rem; }
h1, h2, h3 { overflow-wrap: anywhere; hyphens: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-style: italic; padding-bottom: .25rem; }
th, td { border: 1px solid #999; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
dl.facts { margin: 0 0 1rem; }
dl.facts > div { display: flex; gap: .75rem; margin: .1rem 0; }
dl.facts dt { font-weight: bold; min-width: 9rem; }
dl.facts dd { margin: 0; }
figure.quote { margin: .5rem 0 .75rem 1.5rem; }
figure.quote blockquote { margin: 0; font-style: italic; }
figure.quote figcaption { color: #444; }
aside.notice { border: 2px solid #8a6d00; background: #fff8db; padding: .5rem .75rem;
  margin: .75rem 0; }
aside.notice-info { border-color: #1f5f8b; background: #eaf4fb; }
aside.notice-warning { border-color: #a33; background: #fdeeee; }
figure.chart { margin: 1rem 0 1.25rem; }
figure.chart > figcaption { font-weight: bold; margin-bottom: .4rem; }
figure.chart > img { display: block; max-width: 100%; height: auto; margin-bottom: .5rem; }
footer.minutes-footer { margin-top: 2rem; border-top: 1px solid #ccc; font-size: .85rem;
  color: #444; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; }
  tr, figure.quote, aside.notice, figure.chart > img { break-inside: avoid; }
  thead { display: table-header-group; }
  aside.notice { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _text(text: str) -> Markup:
    """Escaped text with line breaks kept (and the bold and italics of edited minutes)."""
    if isinstance(text, RichText):
        out = Markup("")
        for span in text.spans:
            piece = _text(str(span.text))
            if span.italic:
                piece = Markup("<em>%s</em>") % piece
            if span.bold:
                piece = Markup("<strong>%s</strong>") % piece
            out += piece
        return out
    lines = text.replace("\r\n", "\n").split("\n")
    return Markup("<br>").join(escape(line) for line in lines)


def _paragraphs(text: str) -> Markup:
    """Escaped text split into paragraphs at blank lines."""
    parts = [rich_strip(p) for p in rich_split(text, "\n\n")]
    return Markup("").join(Markup("<p>%s</p>") % _text(p) for p in parts if p)


def _heading(block: Heading) -> Markup:
    level = min(max(block.level, 1), 6)
    return Markup(f"<h{level}>%s</h{level}>") % _text(block.text)


def _paragraph(block: Paragraph) -> Markup:
    return _paragraphs(block.text)


def _bullets(block: BulletList) -> Markup:
    items = Markup("").join(Markup("<li>%s</li>") % _text(i) for i in block.items)
    return Markup("<ul>%s</ul>") % items


def _table(block: Table) -> Markup:
    width = max([len(block.columns)] + [len(r) for r in block.rows]) or 1
    head = Markup("").join(
        Markup('<th scope="col">%s</th>') % _text(c)
        for c in list(block.columns) + [""] * (width - len(block.columns))
    )
    body = Markup("").join(
        Markup("<tr>%s</tr>")
        % Markup("").join(
            Markup("<td>%s</td>") % _text(c) for c in list(row) + [""] * (width - len(row))
        )
        for row in block.rows
    )
    caption = Markup("<caption>%s</caption>") % _text(block.caption) if block.caption else ""
    return Markup("<table>%s<thead><tr>%s</tr></thead><tbody>%s</tbody></table>") % (
        caption,
        head,
        body,
    )


def _quote(block: Quote) -> Markup:
    cite = Markup("<figcaption>— %s</figcaption>") % block.attribution if block.attribution else ""
    return Markup('<figure class="quote"><blockquote>%s</blockquote>%s</figure>') % (
        _paragraphs(block.text),
        cite,
    )


def _facts(block: Facts) -> Markup:
    rows = Markup("").join(
        Markup("<div><dt>%s</dt><dd>%s</dd></div>") % (label, _text(value))
        for label, value in block.pairs
    )
    return Markup('<dl class="facts">%s</dl>') % rows


def _notice(block: Notice) -> Markup:
    kind = block.kind if block.kind in ("automatic", "warning", "info") else "info"
    return Markup('<aside class="notice notice-%s" role="note">%s</aside>') % (
        kind,
        _paragraphs(block.text),
    )


def _figure(block: Figure) -> Markup:
    # The SVG is shown as an image: a browser never runs anything inside an SVG loaded this way,
    # and the page's policy allows data: images. Its text alternative is the image's alt; the
    # numbers follow in the data table, inside the same <figure>.
    width, height = figures.size_of(block.svg)
    caption = Markup("<figcaption>%s</figcaption>") % _text(block.caption) if block.caption else ""
    image = Markup('<img src="%s" alt="%s" width="%s" height="%s">') % (
        figures.data_uri(block.svg),
        " ".join(block.alt.split()),
        figures.num(width),
        figures.num(height),
    )
    has_table = bool(block.table.columns or block.table.rows)
    table = _table(block.table) if has_table else Markup("")
    return Markup('<figure class="chart">%s%s%s</figure>') % (caption, image, table)


_RENDER: dict[type, Callable[..., Markup]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    BulletList: _bullets,
    Table: _table,
    Quote: _quote,
    Facts: _facts,
    Notice: _notice,
    Figure: _figure,
}


def render_block(block: Block) -> Markup:
    """One block as an HTML fragment."""
    return renderer_for(_RENDER, block, "HTML")(block)


def render_fragment(minutes: Minutes) -> Markup:
    """The minutes' body and footer as HTML to place inside a page."""
    body = Markup("\n").join(render_block(b) for b in minutes.blocks)
    if minutes.footer:
        body += Markup('\n<footer class="minutes-footer">%s</footer>') % _paragraphs(minutes.footer)
    return Markup('<article class="minutes" lang="%s">\n%s\n</article>') % (
        minutes.locale or "fi",
        body,
    )


#: The saved document carries its own stylesheet; nothing else may load or run, wherever the
#: file is opened later (also sent as the download's header).
DOCUMENT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)


def render_document(minutes: Minutes) -> str:
    """A complete, standalone HTML document with its own Content Security Policy."""
    date = (
        Markup('<meta name="dcterms.created" content="%s">\n') % minutes.date
        if minutes.date
        else ""
    )
    return Markup(
        '<!doctype html>\n<html lang="%s">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="%s">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "%s<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n%s\n</body>\n</html>\n"
    ) % (
        minutes.locale or "fi",
        Markup(DOCUMENT_CSP),  # a constant; quotes as they are (no entities)
        date,
        minutes.title,
        Markup(STYLE),
        render_fragment(minutes),
    )


def render(minutes: Minutes) -> bytes:
    """The registered renderer: the standalone document as UTF-8 bytes."""
    return render_document(minutes).encode("utf-8", "replace")
