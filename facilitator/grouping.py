"""Forming groups of people: plain Python, no Flask, no database.

People are ``(id, stated_role)`` pairs; a grouping is a list of groups, each a list of ids.
Sizes always differ by at most one. With ``mix_roles`` the stated roles are dealt across the
groups like cards (each role in turn, round the table), so clients and professionals sit
together; without it people are spread in a shuffled order. The shuffle is seeded, so the same
people, options and seed always give the same groups (the seed is stored with the grouping).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

Person = tuple[int, str]


class FormingError(ValueError):
    """Options that cannot make groups (no people, a count or size below one)."""


@dataclass(frozen=True)
class Options:
    """How to form: a number of groups, or a group size (the count follows); mixing roles."""

    count: int | None = None
    size: int | None = None
    mix_roles: bool = False
    seed: int = 0


def group_count(people: int, options: Options) -> int:
    """How many groups ``options`` make of ``people`` (at least 1, at most one per person)."""
    if people <= 0:
        return 0
    if options.count is not None:
        if options.count < 1:
            raise FormingError("count")
        return min(options.count, people)
    if options.size is not None:
        if options.size < 1:
            raise FormingError("size")
        # Round to the nearest count, so sizes stay close to the wish (10 people in 3s: 3 groups
        # of 3–4, not 4 groups of 2–3).
        return max(1, min(people, round(people / options.size)))
    raise FormingError("count or size")


def form(people: Sequence[Person], options: Options) -> list[list[int]]:
    """Groups for ``people``: sizes differ by at most one; deterministic for the same input."""
    if not people:
        return []
    count = group_count(len(people), options)
    rng = random.Random(options.seed)
    ordered = sorted(people)  # the input order never matters
    if options.mix_roles:
        by_role: dict[str, list[int]] = {}
        for person_id, role in ordered:
            by_role.setdefault(role or "", []).append(person_id)
        deck: list[int] = []
        # Largest role first, so every group gets one of the commonest role before the rarest.
        for role in sorted(by_role, key=lambda r: (-len(by_role[r]), r)):
            members = by_role[role]
            rng.shuffle(members)
            deck.extend(members)
    else:
        deck = [person_id for person_id, _role in ordered]
        rng.shuffle(deck)
    groups: list[list[int]] = [[] for _ in range(count)]
    for index, person_id in enumerate(deck):
        groups[index % count].append(person_id)
    return groups


def smallest(sizes: Sequence[int]) -> int:
    """The index of the group a late arrival joins: the smallest, the first of equals."""
    if not sizes:
        raise FormingError("no groups")
    return min(range(len(sizes)), key=lambda i: (sizes[i], i))


def move(groups: Sequence[Sequence[int]], person: int, to: int) -> list[list[int]]:
    """The grouping with ``person`` moved to group ``to`` (kept in exactly one group)."""
    if not 0 <= to < len(groups):
        raise FormingError("group")
    moved = [[p for p in g if p != person] for g in groups]
    moved[to].append(person)
    return moved
