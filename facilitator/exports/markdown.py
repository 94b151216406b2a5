"""Minutes as Markdown: deterministic, plain UTF-8, LF line endings, one blank line between blocks.

The same ``Minutes`` always gives byte-identical output (golden files depend on it). Text in the
blocks is plain text written by people, so every character that Markdown would read as markup is
escaped; a single newline inside a text is kept as a line break (the preview renders with
``nl2br``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.token import Token

from facilitator.exports.marks import nested as marks_nested
from facilitator.exports.marks import pieces as marks_pieces
from facilitator.exports.marks import tidy as marks_tidy
from facilitator.summaries.blocks import (
    Block,
    BulletList,
    Facts,
    Heading,
    Mark,
    Minutes,
    Notice,
    Paragraph,
    Quote,
    Table,
    renderer_for,
)
from facilitator.text import parser

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


def escape(text: str) -> str:
    """Plain text → Markdown that renders as the same text (newlines kept, blank runs collapsed)."""
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
    escaped; block markers need no escape there."""
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


# Stand-ins for emphasis delimiters while the text is escaped (private-use characters, removed
# from the text itself first).
_DELIMITERS = {"strong": "\ue000", "em": "\ue001"}
_CLOSERS = {"strong": "\ue002", "em": "\ue003"}
_PRIVATE = re.compile("[\ue000-\ue003]")
_RUNS = re.compile("([\ue000-\ue003]+)")


def _escape_marked(text: str, marks: tuple[Mark, ...]) -> str:
    """Plain text with bold/italic ranges → Markdown (``**bold**``, ``*italic*``).

    Delimiters open and close only where the formatting changes, nested (a bold word inside an
    italic sentence: ``*a **b** c*``). Ranges that cross each other are nested by cutting the
    later one short, as Markdown cannot write crossing emphasis reliably."""
    text = _PRIVATE.sub("", text)
    if not marks:
        return escape(text)
    kept = marks_nested(marks_tidy(text, marks))
    out: list[str] = []
    stack: list[str] = []
    at = 0
    for piece, styles in marks_pieces(text, kept):
        lowest = next((i for i, s in enumerate(stack) if s not in styles), len(stack))
        out.extend(_CLOSERS[s] for s in reversed(stack[lowest:]))
        del stack[lowest:]
        # The range that lasts longer opens first (outside), so none has to close and reopen.
        ends = {kind: end for start, end, kind in kept if start <= at < end}
        opening = sorted(
            (s for s in ("strong", "em") if s in styles and s not in stack),
            key=lambda s: (-ends.get(s, 0), s != "strong"),
        )
        at += len(piece)
        out.extend(_DELIMITERS[s] for s in opening)
        stack.extend(opening)
        out.append(piece)
    out.extend(_CLOSERS[s] for s in reversed(stack))
    marked = escape(_references("".join(out)))
    for style, mark in (("strong", "**"), ("em", "*")):
        marked = marked.replace(_DELIMITERS[style], mark).replace(_CLOSERS[style], mark)
    return marked


def _references(text: str) -> str:
    """Next to each run of delimiters, a letter on one side and punctuation on the other would
    stop the run from opening or closing (CommonMark's flanking rules, as in ``**"quote"**s``):
    the letter is written as a character reference, which reads the same."""
    tokens = _RUNS.split(text)
    closers = set(_CLOSERS.values())
    for i in range(1, len(tokens), 2):
        before, after = tokens[i - 1], tokens[i + 1]
        closing = set(tokens[i]) <= closers
        opening = not set(tokens[i]) & closers
        # (Not a single character between two runs: changing it would break the other run.)
        lone_before = len(before) == 1 and i > 1
        lone_after = len(after) == 1 and i + 2 < len(tokens)
        if opening and before[-1:].isalnum() and after[:1] and _punct(after[0]):
            if not lone_before:
                tokens[i - 1] = f"{before[:-1]}&#{ord(before[-1])};"
        elif closing and after[:1].isalnum() and before[-1:] and _punct(before[-1]):
            tokens[i + 1] = after if lone_after else f"&#{ord(after[0])};{after[1:]}"
    return "".join(tokens)


def _punct(char: str) -> bool:
    return not char.isalnum() and not char.isspace()


def _paragraph(block: Paragraph) -> str:
    return _escape_marked(block.text, block.marks)


def _bullets(block: BulletList) -> str:
    items = []
    for index, item in enumerate(block.items):
        body = _escape_marked(item, block.marks_of(index))
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


_RENDER: dict[type, Callable[..., str]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    BulletList: _bullets,
    Table: _table,
    Quote: _quote,
    Facts: _facts,
    Notice: _notice,
}


def render_block(block: Block) -> str:
    """One block as Markdown (no surrounding blank lines)."""
    return renderer_for(_RENDER, block, "Markdown")(block)


def render_markdown(minutes: Minutes) -> str:
    """The whole minutes as one Markdown string ending in a single newline."""
    chunks = [text for text in (render_block(b) for b in minutes.blocks) if text]
    if minutes.footer:
        chunks.append("---")
        chunks.append(escape(minutes.footer))
    return "\n\n".join(chunks) + "\n"


def render(minutes: Minutes) -> bytes:
    """The registered renderer: Markdown as UTF-8 bytes."""
    return render_markdown(minutes).encode("utf-8", "replace")


# --- Reading Markdown back into blocks ---------------------------------------------------------
#
# Edited minutes are stored as Markdown. Word, PDF and HTML exports read that text back into
# blocks with the same parser the preview uses, so what the facilitator sees is what they get.
# Bold and italics in paragraphs and list items become marks; other inline markup is dropped
# (blocks hold plain text); a link keeps its address in brackets.
# ``parse(render_markdown(m))`` gives back ``m``'s blocks and footer.

_MARKS = {mark: kind for kind, mark in _NOTICE_MARK.items()}


def _inline_rich(token: Token) -> tuple[str, tuple[Mark, ...]]:
    """The plain text of an inline token and its bold/italic ranges (breaks kept, link targets
    kept in brackets after the link text)."""
    text = ""
    marks: list[Mark] = []
    open_at: dict[str, list[int]] = {"strong": [], "em": []}
    links: list[tuple[str, int]] = []
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline", "image"):
            text += child.content
        elif kind in ("softbreak", "hardbreak"):
            text += "\n"
        elif kind in ("strong_open", "em_open"):
            open_at[kind[:-5]].append(len(text))
        elif kind in ("strong_close", "em_close") and open_at[kind[:-6]]:
            marks.append((open_at[kind[:-6]].pop(), len(text), kind[:-6]))  # type: ignore[arg-type]
        elif kind == "link_open":
            links.append((str(child.attrs.get("href", "")), len(text)))
        elif kind == "link_close" and links:
            href, start = links.pop()
            label = text[start:]
            if href not in (label, f"mailto:{label}"):
                text += f" ({href})"
    stripped = text.strip()
    shift = len(text) - len(text.lstrip())
    return stripped, marks_tidy(stripped, [(a - shift, b - shift, k) for a, b, k in marks])


def _inline_text(token: Token) -> str:
    """The plain text of an inline token (emphasis dropped, breaks kept, link targets kept)."""
    return _inline_rich(token)[0]


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


def parse(text: str, *, title: str = "", locale: str = "") -> Minutes:
    """Markdown (generated or edited) → Minutes with the same blocks a renderer understands."""
    tokens = parser().parse(text or "")
    blocks: list[Block] = []
    i = 0
    caption = ""
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            blocks.append(Heading(int(token.tag[1:]), _inline_text(tokens[i + 1])))
            i += 3
            continue
        if kind == "paragraph_open":
            inline = tokens[i + 1]
            if _is_caption(inline) and i + 3 < len(tokens) and tokens[i + 3].type == "table_open":
                caption = _inline_text(inline)
            else:
                text, marks = _inline_rich(inline)
                blocks.append(Paragraph(text, marks))
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            items, i = _items(tokens, i)
            rich = [_inline_rich(t) if t is not None else ("", ()) for t in items]
            texts = [text for text, _marks in rich]
            item_marks = tuple(marks for _text, marks in rich)
            if not any(item_marks):
                item_marks = ()
            facts = [_fact(t) if t is not None else None for t in items]
            if kind == "bullet_list_open" and facts and all(f is not None for f in facts):
                blocks.append(Facts(tuple(f for f in facts if f is not None)))
            elif kind == "ordered_list_open":
                first = int(token.attrs.get("start", 1) or 1)
                numbers = [f"{first + n}. " for n in range(len(texts))]
                shifted = tuple(
                    tuple((a + len(numbers[n]), b + len(numbers[n]), k) for a, b, k in marks)
                    for n, marks in enumerate(item_marks)
                )
                blocks.append(
                    BulletList(tuple(f"{numbers[n]}{t}" for n, t in enumerate(texts)), shifted)
                )
            else:
                blocks.append(BulletList(tuple(texts), item_marks))
            continue
        if kind == "table_open":
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
            blocks.append(Table(tuple(header), tuple(rows), caption=caption))
            caption = ""
            i += 1
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
                body = "\n\n".join([first[2:], *paragraphs[1:]]).strip()
                blocks.append(Notice(body, _MARKS[first[:1]]))  # type: ignore[arg-type]
            elif len(paragraphs) > 1 and paragraphs[-1].startswith("— "):
                blocks.append(Quote("\n\n".join(paragraphs[:-1]), paragraphs[-1][2:]))
            else:
                blocks.append(Quote("\n\n".join(paragraphs)))
            continue
        if kind in ("fence", "code_block"):
            blocks.append(Paragraph(token.content.rstrip("\n")))
        elif kind == "hr":
            blocks.append(_RULE)
        i += 1
    return _with_footer(blocks, title=title, locale=locale)


_RULE = Paragraph("\x00rule")


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
