"""Vote budgets and rankings: pure Python, no Flask."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAX_BUDGET = 20
DEFAULT_PER_ITEM = 3


def vote_budget(item_count: int, override: int | None = None) -> int:
    """Votes per person: items ÷ 3 rounded down, at least 1, at most 20 (or the kit's number)."""
    if override is not None:
        return max(1, override)
    return max(1, min(MAX_BUDGET, item_count // 3))


def per_item_cap(budget: int, kit_cap: int | None = None) -> int:
    """At most 3 votes on one item (or the kit's number), never more than the budget."""
    return max(1, min(budget, DEFAULT_PER_ITEM if kit_cap is None else kit_cap))


@dataclass(frozen=True)
class Ranked:
    """One item's place: competition rank (1, 2, 2, 4), votes and distinct voters."""

    item_id: int
    rank: int
    votes: int
    voters: int


def rank(tallies: Iterable[tuple[int, int, int]]) -> list[Ranked]:
    """Rank (item_id, votes, voters) by votes, then distinct voters; equal pairs share a rank.

    Ties keep item order (by id) for display; they still share the rank number.
    """
    ordered = sorted(tallies, key=lambda t: (-t[1], -t[2], t[0]))
    result: list[Ranked] = []
    for position, (item_id, votes, voters) in enumerate(ordered, start=1):
        if result and (result[-1].votes, result[-1].voters) == (votes, voters):
            place = result[-1].rank
        else:
            place = position
        result.append(Ranked(item_id, place, votes, voters))
    return result


def is_close(ranking: list[Ranked]) -> bool:
    """The top two differ by one vote or less (the minutes call that close)."""
    return len(ranking) >= 2 and ranking[0].votes - ranking[1].votes <= 1
