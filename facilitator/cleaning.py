"""Text from outside made safe to store, on every database. Pure Python, no Flask.

PostgreSQL refuses a NUL character in text, and neither database can store half of a UTF-16
surrogate pair (JSON can carry one as ``"\\ud800"``). Other control characters are invisible and
only ever arrive by accident or from a script. So every piece of text that enters the app —
form fields, query strings, JSON bodies, socket payloads — passes :func:`clean` first: control
characters (except tab, line feed and carriage return) and lone surrogates are removed, and a
text made only of invisible characters (spaces, zero-width characters, fillers) becomes empty,
so the usual "write something" refusal answers it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# C0 controls except \t \n \r, DEL, C1 controls, and lone surrogates.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# Categories that draw nothing on their own: controls, format characters (zero-width space,
# joiners, marks of direction, soft hyphen…) and separators.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
# Letters and symbols that are blank in every font (Hangul fillers, the braille blank).
_BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")

#: Nesting a cleaned JSON value may have; deeper values are refused (the socket guard and the
#: gate refuse them earlier still).
MAX_DEPTH = 32


class TooDeep(ValueError):
    """A JSON value nested deeper than :data:`MAX_DEPTH`."""


def has_unstorable(text: str) -> bool:
    """True when ``text`` holds a character :func:`clean` would remove."""
    return _UNSTORABLE.search(text) is not None


def visible(text: str) -> bool:
    """True when at least one character of ``text`` draws something."""
    return any(
        unicodedata.category(ch) not in _INVISIBLE_CATEGORIES and ch not in _BLANK_CHARACTERS
        for ch in text
    )


def clean(text: str) -> str:
    """``text`` without unstorable characters; empty when nothing visible is left."""
    text = _UNSTORABLE.sub("", text)
    return text if visible(text) else ""


def clean_tree(value: Any, depth: int = 0) -> Any:
    """Every string in a JSON-like value cleaned (dict keys included); raises TooDeep."""
    if depth > MAX_DEPTH:
        raise TooDeep("nested too deeply")
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {
            (clean(k) if isinstance(k, str) else k): clean_tree(v, depth + 1)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [clean_tree(v, depth + 1) for v in value]
    return value
