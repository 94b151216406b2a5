"""Figures in the minutes: SVG drawn from data, safe to show anywhere.

A method draws a chart with :class:`Svg` (every attribute and text is escaped as it is written,
numbers are rounded the same way every time), measures and wraps its labels with the metrics of
the bundled DejaVu Sans (wider than Arial, Segoe UI or Liberation Sans, so a label measured here
fits in any of them), and returns a :class:`~facilitator.summaries.blocks.Figure`.

Every SVG that enters a Figure passes :func:`clean_svg`: the tree is rebuilt from an allow-list
of drawing elements and presentation attributes (no script, no style sheets, no links, no
images, no entities), so an SVG read back from stored or edited minutes can carry nothing but a
picture. Renderers also show it in ways that cannot run anything (an ``<img>`` in HTML, a PNG in
Word, vector drawing in PDF).

No Flask, no clock, no randomness: the same data gives the same bytes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
#: Fonts that exist where the minutes are read: Word on Windows and macOS (Arial, Segoe UI),
#: LibreOffice on Linux (Liberation Sans is metric-compatible with Arial, DejaVu Sans is
#: everywhere), then the generic family. PDF and Word exports draw with the bundled DejaVu Sans.
FONT_STACK = "Arial, 'Liberation Sans', 'Segoe UI', Helvetica, 'DejaVu Sans', sans-serif"
DATA_URI_PREFIX = "data:image/svg+xml;base64,"
#: The longest SVG a figure may hold (characters); a chart of a big workshop is far smaller.
MAX_SVG = 2_000_000

_ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "title",
        "desc",
        "rect",
        "line",
        "polyline",
        "polygon",
        "path",
        "circle",
        "ellipse",
        "text",
        "tspan",
    }
)
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,20}|none)$")
# Lengths, coordinates, path data and point lists: digits, letters (units, path commands),
# signs, dots, commas, percent and spaces. No parentheses, colons or quotes.
_GEOMETRY = re.compile(r"^[-+0-9.eE%a-zA-Z,\s]{0,200000}$")
_WORD = re.compile(r"^[-a-zA-Z0-9 ]{0,40}$")
_FAMILY = re.compile(r"^[-a-zA-Z0-9 ,'\"]{1,200}$")
_TRANSFORM = re.compile(r"^(\s*(translate|scale|rotate)\(\s*[-+0-9.eE,\s]+\))+\s*$")
_LABEL = re.compile(r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]{0,2000}$")

#: Attribute → the pattern its value must match.
_ATTRIBUTES: dict[str, re.Pattern[str]] = {
    **{
        name: _GEOMETRY
        for name in (
            "x",
            "y",
            "x1",
            "y1",
            "x2",
            "y2",
            "dx",
            "dy",
            "cx",
            "cy",
            "r",
            "rx",
            "ry",
            "width",
            "height",
            "d",
            "points",
            "viewBox",
            "stroke-width",
            "stroke-dasharray",
            "opacity",
            "fill-opacity",
            "stroke-opacity",
            "font-size",
            "textLength",
        )
    },
    "fill": _COLOUR,
    "stroke": _COLOUR,
    "font-family": _FAMILY,
    "font-weight": _WORD,
    "font-style": _WORD,
    "text-anchor": _WORD,
    "dominant-baseline": _WORD,
    "stroke-linecap": _WORD,
    "stroke-linejoin": _WORD,
    "shape-rendering": _WORD,
    "lengthAdjust": _WORD,
    "preserveAspectRatio": _WORD,
    "role": _WORD,
    "aria-hidden": _WORD,
    "aria-label": _LABEL,
    "transform": _TRANSFORM,
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class FigureError(ValueError):
    """An SVG that is not a plain drawing (or not SVG at all)."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )


def clean_svg(svg: str) -> str:
    """The SVG rebuilt from the allow-list: drawing elements, presentation attributes, text.

    Raises :class:`FigureError` for text that is not an SVG document. Anything else that is not
    on the list (scripts, styles, links, images, event handlers, foreign elements, entities) is
    dropped. Cleaning a cleaned SVG gives it back unchanged.
    """
    if not isinstance(svg, str) or not svg.strip() or len(svg) > MAX_SVG:
        raise FigureError("not an SVG of a usable size")
    if re.search(r"<!(DOCTYPE|ENTITY)", svg, re.IGNORECASE):
        raise FigureError("document type declarations are not allowed")
    try:
        root = etree.fromstring(svg.encode("utf-8"), parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise FigureError(f"not well-formed: {exc}") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise FigureError("the root element is not <svg>")
    clean = _rebuild(root, None)
    assert clean is not None
    return etree.tostring(clean, encoding="unicode")


def _rebuild(node: Any, parent: Any) -> Any:
    """A copy of ``node`` with only allowed elements, attributes and text."""
    if not isinstance(node.tag, str) or not node.tag.startswith(f"{{{SVG_NS}}}"):
        return None
    name = node.tag[len(SVG_NS) + 2 :]
    if name not in _ELEMENTS:
        return None
    if parent is None:
        out = etree.Element(node.tag, nsmap={None: SVG_NS})
    else:
        out = etree.SubElement(parent, node.tag)
    for key, value in node.attrib.items():
        if key == _XML_LANG and _WORD.match(value):
            out.set(key, value)
            continue
        pattern = _ATTRIBUTES.get(key)
        if pattern is not None and pattern.match(value):
            out.set(key, value)
    if node.text and name in ("text", "tspan", "title", "desc"):
        out.text = node.text
    for child in node:
        copied = _rebuild(child, out)
        if copied is not None and child.tail and name in ("text", "tspan"):
            copied.tail = child.tail
    return out


def with_font(svg: str, family: str) -> str:
    """The SVG to draw into a file: every font family set to ``family`` (the font a PDF or PNG
    embeds), without the title and description (the file carries the text alternative)."""
    root = etree.fromstring(svg.encode("utf-8"), parser=_parser())
    for element in list(root.iter()):
        if element.tag in (f"{{{SVG_NS}}}title", f"{{{SVG_NS}}}desc"):
            element.getparent().remove(element)
        elif element.get("font-family") is not None:
            element.set("font-family", family)
    return etree.tostring(root, encoding="unicode")


def size_of(svg: str) -> tuple[float, float]:
    """(width, height) in CSS pixels, from the width and height or the viewBox."""
    root = etree.fromstring(svg.encode("utf-8"), parser=_parser())

    def number(value: str | None) -> float | None:
        found = re.match(r"^\s*([0-9.]+)\s*(px)?\s*$", value or "")
        return float(found.group(1)) if found else None

    width, height = number(root.get("width")), number(root.get("height"))
    if width is None or height is None:
        box = [float(v) for v in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()) if v]
        if len(box) == 4:
            width, height = box[2], box[3]
    return (width or 600.0, height or 400.0)


def digest(svg: str) -> str:
    """A short, stable name for an SVG (its content hash): how stored minutes refer to it."""
    return hashlib.sha256(svg.encode("utf-8")).hexdigest()[:16]


def data_uri(svg: str) -> str:
    """The SVG as a self-contained ``data:`` address."""
    return DATA_URI_PREFIX + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def from_data_uri(uri: str) -> str | None:
    """The SVG inside a ``data:image/svg+xml;base64,…`` address, or None."""
    if not uri.startswith(DATA_URI_PREFIX):
        return None
    try:
        return base64.b64decode(uri[len(DATA_URI_PREFIX) :], validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None


# -- writing SVG ----------------------------------------------------------------------------


def num(value: float) -> str:
    """A coordinate as short, stable text (two decimals at most, no trailing zeros)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Svg:
    """A tiny SVG writer: ``svg.add("rect", x=1, y=2, fill="#fff")``, ``svg.text(...)``.

    Attribute names use underscores for hyphens (``font_size`` → ``font-size``); every value and
    text is escaped; numbers go through :func:`num`.
    """

    def __init__(self, width: float, height: float, *, label: str = "", lang: str = "") -> None:
        self.width = width
        self.height = height
        self.label = label
        self.lang = lang
        self.parts: list[str] = []

    @staticmethod
    def _attrs(attrs: dict[str, Any]) -> str:
        out = []
        for key, value in attrs.items():
            if value is None:
                continue
            name = key.rstrip("_").replace("_", "-")
            text = num(value) if isinstance(value, int | float) else str(value)
            out.append(f" {name}={quoteattr(text)}")
        return "".join(out)

    def add(self, tag: str, **attrs: Any) -> None:
        """An empty element (rect, line, path…)."""
        self.parts.append(f"<{tag}{self._attrs(attrs)}/>")

    def open(self, tag: str, **attrs: Any) -> None:
        """Start a group."""
        self.parts.append(f"<{tag}{self._attrs(attrs)}>")

    def close(self, tag: str) -> None:
        """End a group."""
        self.parts.append(f"</{tag}>")

    def text(self, x: float, y: float, text: str, **attrs: Any) -> None:
        """One line of real, selectable text."""
        self.parts.append(f"<text{self._attrs({'x': x, 'y': y, **attrs})}>{escape(text)}</text>")

    def render(self) -> str:
        """The finished document."""
        head = self._attrs(
            {
                "width": self.width,
                "height": self.height,
                "viewBox": f"0 0 {num(self.width)} {num(self.height)}",
                "font-family": FONT_STACK,
                "role": "img",
                "aria-label": self.label or None,
            }
        )
        lang = f" xml:lang={quoteattr(self.lang)}" if self.lang else ""
        title = f"<title>{escape(self.label)}</title>" if self.label else ""
        body = "".join(self.parts)
        return f'<svg xmlns="{SVG_NS}"{head}{lang}>{title}{body}</svg>'


# -- measuring text -------------------------------------------------------------------------


@cache
def _metrics(bold: bool) -> tuple[dict[int, int], int, int]:
    """(advance width by code point, units per em, fallback width) of bundled DejaVu Sans."""
    from fontTools.ttLib import TTFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = resources.files("facilitator").joinpath("fonts", name)
    with resources.as_file(path) as file, TTFont(str(file), lazy=True) as font:
        cmap = font.getBestCmap()
        hmtx = font["hmtx"]
        widths = {code: hmtx[glyph][0] for code, glyph in cmap.items()}
        units = int(font["head"].unitsPerEm)
    return widths, units, widths.get(ord("M"), units)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of ``text`` at ``size`` px in DejaVu Sans."""
    widths, units, fallback = _metrics(bold)
    return sum(widths.get(ord(c), fallback) for c in text) * size / units


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` (words kept whole unless longer than a line)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold=bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:  # a word longer than the line is split (a URL, a long compound)
            if line and text_width(line + ch, size, bold=bold) > width:
                lines.append(line)
                line = ""
            line += ch
    lines.append(line)
    return lines


def ellipsize(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """``text`` cut with "…" to fit ``width`` (for short labels in tight places)."""
    if text_width(text, size, bold=bold) <= width:
        return text
    while text and text_width(text + "…", size, bold=bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def joined(parts: Iterable[str]) -> str:
    """Sentences joined with one space (for text alternatives)."""
    return " ".join(p.strip() for p in parts if p and p.strip())
