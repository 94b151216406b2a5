"""Minutes as Markdown: deterministic, plain UTF-8, LF line endings, one blank line between blocks.

The same ``Minutes`` always gives byte-identical output (golden files depend on it). Text in the
blocks is plain text written by people, so every character that Markdown would read as markup is
escaped; a single newline inside a text is kept as a line break (the preview renders with
``nl2br``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from facilitator.summaries.blocks import (
    Block,
    BulletList,
    Facts,
    Heading,
    Minutes,
    Notice,
    Paragraph,
    Quote,
    Table,
)

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
    """A table cell: one line, pipes escaped."""
    flat = " ".join(part for part in _lines(text) if part)
    return _escape_line(flat).replace("|", "\\|") if flat else ""


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
    try:
        fn = _RENDER[type(block)]
    except KeyError:
        raise TypeError(f"no Markdown rendering for {type(block).__name__}") from None
    return fn(block)


def render_markdown(minutes: Minutes) -> str:
    """The whole minutes as one Markdown string ending in a single newline."""
    chunks = [text for text in (render_block(b) for b in minutes.blocks) if text]
    if minutes.footer:
        chunks.append("---")
        chunks.append(escape(minutes.footer))
    return "\n\n".join(chunks) + "\n"


def render(minutes: Minutes) -> bytes:
    """The registered renderer: Markdown as UTF-8 bytes."""
    return render_markdown(minutes).encode("utf-8")
