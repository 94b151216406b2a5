"""Concept definitions, the pure parts: localized term texts, +1 tallies, the order proposals
are ranked in, and which term is current. Plain Python, no Flask: the handlers, the views and the
minutes share these rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

LOCALE_ORDER = ("fi", "sv", "en")


def pick(value: Any, locale: str, fallback: str = "") -> str:
    """Text in ``locale`` from a kit's localized mapping (else Finnish, Swedish, English), a plain
    string as it is, or ``fallback`` when there is nothing."""
    if isinstance(value, Mapping):
        for key in (locale, *LOCALE_ORDER):
            text = value.get(key)
            if isinstance(text, str) and text.strip():
                return text.strip()
        return fallback
    if isinstance(value, str) and value.strip():
        return value.strip()
    return fallback


def plus_counts(pluses: Iterable[tuple[int | None, int | None]]) -> dict[int, int]:
    """+1s per proposal id from (proposal id, participant) pairs; one per person and proposal."""
    seen: set[tuple[int, int | None]] = set()
    counts: dict[int, int] = {}
    for proposal, person in pluses:
        if proposal is None or (proposal, person) in seen:
            continue
        seen.add((proposal, person))
        counts[proposal] = counts.get(proposal, 0) + 1
    return counts


def ranked(items: Iterable[Any], plus: Mapping[int, int], key: Any = None) -> list[Any]:
    """Most +1s first; ties by ``key(item)`` (default: the item's id, i.e. oldest first).

    ``items`` are objects or mappings with an ``id``; the result never depends on their order."""

    def ident(item: Any) -> int:
        return int(item["id"] if isinstance(item, Mapping) else item.id)

    tie = key or (lambda item: (ident(item),))
    return sorted(items, key=lambda item: (-plus.get(ident(item), 0), *tie(item), ident(item)))


def current_term(current: int | None, visible: Sequence[int]) -> int | None:
    """The term the room is on: the chosen one while it is visible, else the first visible
    term, else none."""
    if current is not None and current in visible:
        return current
    return visible[0] if visible else None
