"""Ordering keys for things people reorder (stages, steps, terms): plain Python, no Flask.

An item's place is a fractional index string (``fractional-indexing``): moving one item writes
one key between its new neighbours, so two people dragging at once never rewrite each other's
items, and everyone ends with the same order — by key, then by id for equal keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from fractional_indexing import generate_key_between


class Ordered(Protocol):
    """Anything with an ordering key and an id."""

    id: int
    order_key: str | None


T = TypeVar("T", bound=Ordered)


def between(before: str | None, after: str | None) -> str:
    """A key that sorts after ``before`` and before ``after`` (None: open end)."""
    if before is not None and after is not None and before >= after:
        # Equal keys (written at once by an older version, or imported): go after ``before``.
        after = None
    return str(generate_key_between(before, after))


def sort_key(item: Ordered) -> tuple[int, str, int]:
    """Keyed items first in key order, then items without a key by id."""
    key = item.order_key
    return (0, key, item.id) if key else (1, "", item.id)


def sort(items: Iterable[T]) -> list[T]:
    """Items in their shared order."""
    return sorted(items, key=sort_key)
