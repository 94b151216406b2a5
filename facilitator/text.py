"""The one place user text becomes HTML: Markdown (CommonMark + tables) and a sanitiser.

Raw HTML in the source is never passed through: the Markdown parser escapes it, and the result is
cleaned again with nh3 against a short allow-list, so a note or an edited minutes text cannot
inject script, styles or foreign resources. The same parser reads edited minutes back into
blocks for the Word and PDF exports, so the preview shows what the export will contain.
"""

from __future__ import annotations

from functools import cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
# No style attributes: the Content Security Policy forbids inline styles anyway.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}


@cache
def parser() -> MarkdownIt:
    """The shared Markdown parser: CommonMark, tables, single newlines kept, no raw HTML."""
    return MarkdownIt("commonmark", {"breaks": True, "html": False}).enable("table")


def sanitize(html: str) -> str:
    """Clean HTML against the allow-list (links get rel="noopener noreferrer")."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def markdown_html(text: str) -> Markup:
    """Markdown written by a person → safe HTML for a page."""
    return Markup(sanitize(parser().render(text or "")))


def plain_html(text: str) -> Markup:
    """Plain text → HTML with line breaks kept and everything escaped."""
    return Markup("<br>\n").join(escape(line) for line in (text or "").splitlines())
