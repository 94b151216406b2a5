"""Minutes as Markdown: deterministic, plain UTF-8, LF line endings, one blank line between blocks.

The same ``Minutes`` always gives byte-identical output (golden files depend on it). Text in the
blocks is plain text written by people, so every character that Markdown would read as markup is
escaped; a single newline inside a text is kept as a line break (the preview renders with
``nl2br``).

A figure is an image followed by its data table: ``![text alternative](figure:<key> "caption")``
in the stored minutes (the SVGs are kept beside the text, by key), or with the SVG inlined as a
``data:image/svg+xml;base64,…`` address in the downloaded file, so that file stands alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

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
    Span,
    Table,
    renderer_for,
    rich,
    rich_join,
    rich_strip,
    spans_of,
)
from facilitator.summaries.figure import FigureError

MEDIA_TYPE = "text/markdown; charset=utf-8"
EXTENSION = "md"

# Characters that start inline markup anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]])")
# Things that start block markup at the beginning of a line: headings, quotes, list markers,
# setext underlines, ordered-list numbers, thematic breaks, indented code.
_LINE_START = re.compile(r"^([#>+\-]|\d+(?=[.)]))")
# Python-Markdown cannot backslash-escape these, so a leading one becomes a character reference.
_ENTITY_START = {"=": "&#61;", "~": "&#126;"}
_NOTICE_MARK = {"automatic": "⚙", "warning": "⚠", "info": "ℹ"}


def _lines(text: str) -> list[str]:
    """Split text into lines with normalized endings and no trailing whitespace."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [line.rstrip() for line in text.split("\n")]


def _escape_line(line: str) -> str:
    """Escape one line of plain text so Markdown shows it literally."""
    # Leading spaces would make indented code; they carry no meaning in a note.
    line = _INLINE.sub(r"\\\1", line.lstrip(" \t"))
    line = line.replace("<", "&lt;")
    match = _LINE_START.match(line)
    if match:
        marker = match.group(1)
        # "1. text" would become an ordered list: escape the dot or parenthesis after the number.
        line = f"{marker}\\{line[len(marker) :]}" if marker.isdigit() else "\\" + line
    elif line[:1] in _ENTITY_START:
        line = _ENTITY_START[line[0]] + line[1:]
    return line


def _marked(piece: str, span: Span) -> str:
    """Escaped text wrapped in the emphasis markers of its run (spaces kept outside them)."""
    core = piece.strip()
    if not (span.bold or span.italic) or not core:
        return piece
    mark = "***" if span.bold and span.italic else "**" if span.bold else "*"
    lead, trail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()) :]
    return f"{lead}{mark}{core}{mark}{trail}"


def _escape_rich(text: RichText) -> str:
    """RichText → Markdown with its bold and italics (line starts escaped as for plain text)."""
    lines: list[list[tuple[str, Span]]] = [[]]
    for span in rich_strip(text).spans if isinstance(rich_strip(text), RichText) else ():
        for n, part in enumerate(span.text.replace("\r\n", "\n").split("\n")):
            if n:
                lines.append([])
            lines[-1].append((part, span))
    out: list[str] = []
    for line in lines:
        pieces = []
        for n, (part, span) in enumerate(line):
            if n == 0 or not "".join(p for p, _s in line[:n]).strip():
                part = part.lstrip(" \t")
            escaped = _INLINE.sub(r"\\\1", part).replace("<", "&lt;")
            if not "".join(p for p, _s in pieces).strip() and not (span.bold or span.italic):
                escaped = _escape_line(part) if escaped.strip() else escaped
            pieces.append((escaped, span))
        rendered = "".join(_marked(p, s) for p, s in pieces).rstrip()
        if not rendered:
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(rendered)
    return "\n".join(out).strip("\n")


def escape(text: str) -> str:
    """Plain text → Markdown that renders as the same text (newlines kept, blank runs collapsed);
    RichText keeps its bold and italics."""
    if isinstance(text, RichText):
        return _escape_rich(text)
    out: list[str] = []
    for line in _lines(text.strip()):
        if not line:
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(_escape_line(line))
    return "\n".join(out)


def _cell(text: str) -> str:
    """Text that never starts a line (cell, heading, fact): one line, inline markup and pipes
    escaped; block markers need no escape there. RichText keeps its bold and italics."""
    if isinstance(text, RichText):
        pieces = []
        for span in text.spans:
            flat = " ".join(span.text.replace("\r", "\n").split("\n"))
            flat = _INLINE.sub(r"\\\1", flat).replace("<", "&lt;").replace("|", "\\|")
            pieces.append(_marked(flat, span))
        return " ".join("".join(pieces).split(" ")).strip()
    flat = " ".join(part.strip() for part in _lines(text) if part.strip())
    flat = _INLINE.sub(r"\\\1", flat).replace("<", "&lt;").replace("|", "\\|")
    # A heading's closing "#" run would be dropped.
    return flat[:-1] + "\\#" if flat.endswith("#") else flat


def _prefixed(prefix: str, text: str) -> str:
    """Prefix every line of already-escaped text (blockquotes)."""
    return "\n".join(f"{prefix}{line}".rstrip() for line in text.split("\n"))


def _heading(block: Heading) -> str:
    level = min(max(block.level, 1), 6)
    return "#" * level + " " + _cell(block.text)


def _paragraph(block: Paragraph) -> str:
    return escape(block.text)


def _bullets(block: BulletList) -> str:
    items = []
    for item in block.items:
        body = escape(item)
        # Continuation lines belong to the item: indent them under the marker.
        items.append("- " + body.replace("\n", "\n  ").replace("\n  \n", "\n\n"))
    return "\n".join(items)


def _table(block: Table) -> str:
    width = max([len(block.columns)] + [len(row) for row in block.rows]) or 1
    columns = list(block.columns) + [""] * (width - len(block.columns))
    lines = [
        "| " + " | ".join(_cell(c) for c in columns) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
    ]
    for row in block.rows:
        cells = list(row) + [""] * (width - len(row))
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    table = "\n".join(lines)
    if block.caption:
        return f"*{_cell(block.caption)}*\n\n{table}"
    return table


def _quote(block: Quote) -> str:
    body = _prefixed("> ", escape(block.text))
    if block.attribution:
        body += "\n>\n> — " + _cell(block.attribution)
    return body


def _facts(block: Facts) -> str:
    return "\n".join(f"- **{_cell(label)}:** {_cell(value)}" for label, value in block.pairs)


def _notice(block: Notice) -> str:
    mark = _NOTICE_MARK.get(block.kind, "ℹ")
    return _prefixed("> ", f"{mark} {escape(block.text)}")


FIGURE_SCHEME = "figure:"


def _title(text: str) -> str:
    """A link title in double quotes: one line; backslash, quote and ampersand escaped."""
    flat = " ".join(part.strip() for part in _lines(text) if part.strip())
    return '"' + re.sub(r'([\\"&])', r"\\\1", flat) + '"'


def _figure(block: Figure, *, embed: bool = False) -> str:
    src = figures.data_uri(block.svg) if embed else FIGURE_SCHEME + block.key
    title = f" {_title(block.caption)}" if block.caption.strip() else ""
    image = f"![{_cell(block.alt)}]({src}{title})"
    if not block.table.columns and not block.table.rows:
        return image
    return f"{image}\n\n{_table(block.table)}"


_RENDER: dict[type, Callable[..., str]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    BulletList: _bullets,
    Table: _table,
    Quote: _quote,
    Facts: _facts,
    Notice: _notice,
    Figure: _figure,
}


def render_block(block: Block, *, embed: bool = False) -> str:
    """One block as Markdown (no surrounding blank lines); ``embed`` inlines figures' SVGs."""
    if isinstance(block, Figure):
        return _figure(block, embed=embed)
    return renderer_for(_RENDER, block, "Markdown")(block)


def render_markdown(minutes: Minutes, *, embed: bool = False) -> str:
    """The whole minutes as one Markdown string ending in a single newline.

    Figures refer to their SVG by key (``figures_of`` gives the SVGs to keep beside the text),
    or with ``embed`` carry it inline as a data address."""
    chunks = [text for text in (render_block(b, embed=embed) for b in minutes.blocks) if text]
    if minutes.footer:
        chunks.append("---")
        chunks.append(escape(minutes.footer))
    return "\n\n".join(chunks) + "\n"


def figures_of(minutes: Minutes) -> dict[str, str]:
    """The SVG of every figure in the minutes, by key (what stored minutes keep beside the text)."""
    return {b.key: b.svg for b in minutes.blocks if isinstance(b, Figure)}


def render(minutes: Minutes) -> bytes:
    """The registered renderer: a self-contained Markdown file (figures inlined) as UTF-8."""
    return render_markdown(minutes, embed=True).encode("utf-8", "replace")


# --- Reading Markdown back into blocks ---------------------------------------------------------
#
# Edited minutes are stored as Markdown. Word, PDF and HTML exports read that text back into
# blocks with the same parser the preview uses, so what the facilitator sees is what they get.
# Inline bold and italics are kept (the text becomes a RichText with its runs, so Word and PDF
# show them too); a link keeps its address in brackets.
# ``parse(render_markdown(m))`` gives back ``m``'s blocks and footer.

_MARKS = {mark: kind for kind, mark in _NOTICE_MARK.items()}


def _inline_text(token: Token) -> str:
    """The text of an inline token: breaks and link targets kept, bold and italics as runs."""
    out: list[Span] = []
    link: list[tuple[str, int]] = []
    bold = italic = 0
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline", "image"):
            out.append(Span(child.content, bold > 0, italic > 0))
        elif kind in ("softbreak", "hardbreak"):
            out.append(Span("\n", bold > 0, italic > 0))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold = max(0, bold - 1)
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic = max(0, italic - 1)
        elif kind == "link_open":
            link.append((str(child.attrs.get("href", "")), len(out)))
        elif kind == "link_close" and link:
            href, start = link.pop()
            label = "".join(s.text for s in out[start:])
            if href not in (label, f"mailto:{label}"):
                out.append(Span(f" ({href})", bold > 0, italic > 0))
    return rich_strip(rich(out))


def _fact(token: Token) -> tuple[str, str] | None:
    """``**Label:** value`` → (label, value), else None."""
    children = [c for c in token.children or [] if not (c.type == "text" and c.content == "")]
    if len(children) < 3 or children[0].type != "strong_open":
        return None
    if children[1].type != "text" or children[2].type != "strong_close":
        return None
    label = children[1].content
    if not label.endswith(":"):
        return None
    rest = Token("inline", "", 0, children=children[3:])
    return label[:-1], _inline_text(rest)


def _is_caption(token: Token) -> bool:
    """A paragraph that is all emphasis (``*caption*``)."""
    children = [c for c in token.children or [] if not (c.type == "text" and c.content == "")]
    return len(children) >= 3 and children[0].type == "em_open" and children[-1].type == "em_close"


def _items(tokens: list[Token], start: int) -> tuple[list[Token | None], int]:
    """The first inline token of each list item (None for an empty item) and the index after."""
    items: list[Token | None] = []
    depth = 0
    i = start
    current: Token | None = None
    in_item = False
    while i < len(tokens):
        token = tokens[i]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                return items, i + 1
        elif token.type == "list_item_open" and depth == 1:
            in_item, current = True, None
        elif token.type == "list_item_close" and depth == 1:
            items.append(current)
            in_item = False
        elif token.type == "inline" and in_item and current is None:
            current = token
        elif token.type == "inline" and in_item and current is not None:
            # A nested list or a second paragraph continues the item's text.
            merged = (current.children or []) + [Token("softbreak", "br", 0)]
            current = Token("inline", "", 0, children=merged + (token.children or []))
        i += 1
    return items, i


@cache
def _reader() -> MarkdownIt:
    """The shared parser's Markdown rules (``facilitator.text.parser``), also accepting figure
    images (``figure:`` keys and inline SVG data addresses, which the shared parser refuses as
    links). Used only to read minutes back into blocks: an SVG becomes a Figure, which cleans
    it, never markup on a page."""
    md = MarkdownIt("commonmark", {"breaks": True, "html": False}).enable("table")
    default = md.validateLink
    md.validateLink = lambda url: (  # type: ignore[method-assign]
        url.startswith((FIGURE_SCHEME, figures.DATA_URI_PREFIX)) or default(url)
    )
    return md


def _figure_image(inline: Token) -> Token | None:
    """The image token of a paragraph that is only a figure image, else None."""
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content)]
    if len(children) != 1 or children[0].type != "image":
        return None
    src = str(children[0].attrs.get("src", ""))
    return children[0] if src.startswith((FIGURE_SCHEME, figures.DATA_URI_PREFIX)) else None


def _table_at(tokens: list[Token], i: int, caption: str) -> tuple[Table, int]:
    """The table whose ``table_open`` is at ``i``, and the index after it."""
    header: list[str] = []
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    i += 1
    while tokens[i].type != "table_close":
        t = tokens[i]
        if t.type == "tr_open":
            row = []
        elif t.type == "inline":
            row.append(_inline_text(t))
        elif t.type == "tr_close":
            if not header and not rows and tokens[i + 1].type == "thead_close":
                header = row
            else:
                rows.append(tuple(row))
        i += 1
    return Table(tuple(header), tuple(rows), caption=caption), i + 1


def _figure_at(
    tokens: list[Token], i: int, image: Token, known: Mapping[str, str]
) -> tuple[Block, int]:
    """A figure (image paragraph at ``i`` and the data table right after it), and the index
    after them. An image whose SVG is unknown or not a plain drawing becomes its text
    alternative as a paragraph (nothing is lost; the table, if any, stays a table)."""
    src = str(image.attrs.get("src", ""))
    alt = _inline_text(Token("inline", "", 0, children=image.children or []))
    caption = str(image.attrs.get("title") or "")
    svg = known.get(src[len(FIGURE_SCHEME) :]) if src.startswith(FIGURE_SCHEME) else None
    svg = svg if svg is not None else figures.from_data_uri(src)
    after = i + 3
    if svg is None:
        return Paragraph(alt), after
    table = Table((), ())
    if after < len(tokens) and tokens[after].type == "table_open":
        table, after = _table_at(tokens, after, "")
    elif (
        after + 3 < len(tokens)
        and tokens[after].type == "paragraph_open"
        and _is_caption(tokens[after + 1])
        and tokens[after + 3].type == "table_open"
    ):
        table, after = _table_at(tokens, after + 3, _inline_text(tokens[after + 1]))
    try:
        return Figure(svg, alt, table, caption), after
    except FigureError:
        return Paragraph(alt), i + 3


def parse(
    text: str, *, title: str = "", locale: str = "", figures: Mapping[str, str] | None = None
) -> Minutes:
    """Markdown (generated or edited) → Minutes with the same blocks a renderer understands.

    ``figures``: the SVGs stored beside the text, by key (see :func:`figures_of`)."""
    tokens = _reader().parse(text or "")
    known = figures or {}
    blocks: list[Block] = []
    i = 0
    caption = ""
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            blocks.append(Heading(int(token.tag[1:]), str(_inline_text(tokens[i + 1]))))
            i += 3
            continue
        if kind == "paragraph_open":
            inline = tokens[i + 1]
            image = _figure_image(inline)
            if image is not None:
                block, i = _figure_at(tokens, i, image, known)
                blocks.append(block)
                continue
            if _is_caption(inline) and i + 3 < len(tokens) and tokens[i + 3].type == "table_open":
                caption = str(_inline_text(inline))
            else:
                blocks.append(Paragraph(_inline_text(inline)))
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            items, i = _items(tokens, i)
            texts = [_inline_text(t) if t is not None else "" for t in items]
            facts = [_fact(t) if t is not None else None for t in items]
            if kind == "bullet_list_open" and facts and all(f is not None for f in facts):
                blocks.append(Facts(tuple(f for f in facts if f is not None)))
            elif kind == "ordered_list_open":
                first = int(token.attrs.get("start", 1) or 1)
                blocks.append(BulletList(tuple(f"{first + n}. {t}" for n, t in enumerate(texts))))
            else:
                blocks.append(BulletList(tuple(texts)))
            continue
        if kind == "table_open":
            table, i = _table_at(tokens, i, caption)
            blocks.append(table)
            caption = ""
            continue
        if kind == "blockquote_open":
            depth, j, paragraphs = 1, i + 1, []
            while depth:
                t = tokens[j]
                depth += {"blockquote_open": 1, "blockquote_close": -1}.get(t.type, 0)
                if t.type == "inline":
                    paragraphs.append(_inline_text(t))
                j += 1
            i = j
            first = paragraphs[0] if paragraphs else ""
            if first[:1] in _MARKS and first[1:2] in (" ", "\n", ""):
                rest = _after(first, 2)
                body = rich_strip(rich_join("\n\n", [rest, *paragraphs[1:]]))
                blocks.append(Notice(body, _MARKS[first[:1]]))  # type: ignore[arg-type]
            elif len(paragraphs) > 1 and paragraphs[-1].startswith("— "):
                blocks.append(Quote(rich_join("\n\n", paragraphs[:-1]), str(paragraphs[-1])[2:]))
            else:
                blocks.append(Quote(rich_join("\n\n", paragraphs)))
            continue
        if kind in ("fence", "code_block"):
            blocks.append(Paragraph(token.content.rstrip("\n")))
        elif kind == "hr":
            blocks.append(_RULE)
        i += 1
    return _with_footer(blocks, title=title, locale=locale)


_RULE = Paragraph("\x00rule")


def _after(text: str, count: int) -> str:
    """``text[count:]`` that keeps the runs."""
    runs: list[Span] = []
    skip = count
    for span in spans_of(text):
        if skip >= len(span.text):
            skip -= len(span.text)
            continue
        runs.append(Span(span.text[skip:], span.bold, span.italic))
        skip = 0
    return rich(runs)


def _with_footer(blocks: list[Block], *, title: str, locale: str) -> Minutes:
    """The paragraphs after the last rule are the footer; other rules are dropped."""
    footer = ""
    if _RULE in blocks:
        last = len(blocks) - 1 - blocks[::-1].index(_RULE)
        tail = blocks[last + 1 :]
        if all(isinstance(b, Paragraph) for b in tail):
            footer = "\n\n".join(b.text for b in tail if isinstance(b, Paragraph))
            blocks = blocks[:last]
    kept = tuple(b for b in blocks if b != _RULE)
    if not title:
        title = next((b.text for b in kept if isinstance(b, Heading) and b.level == 1), "")
    return Minutes(title=title, locale=locale, blocks=kept, footer=footer)
