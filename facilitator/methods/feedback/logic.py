"""Feedback tallies and the fold that keeps small role groups out of sight: plain Python.

Answers to a statement are integers: 1 = strongly disagree … 5 = strongly agree, 0 = "can't say"
(counted apart, never in the median).

**The fold.** Results by stated role are published only for groups with at least ``k`` (5)
answers; the rest are published together as "others". A remainder is never smaller than ``k``:
the published total minus the published groups is exactly "others", so if "others" would hold
one to four answers (one small group folded alone, or a few small ones together), the smallest
shown group is folded too, and again, until the remainder is empty or at least ``k`` — or
nothing is shown by role at all (complementary suppression). One fold serves a whole phase, so
the by-role table has the same columns on every row: a group is shown only if it has ``k``
answers on every statement, and the remainder rule holds on every statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

#: The smallest group whose answers may be published on their own.
MIN_GROUP = 5
#: Scale points; 0 is "can't say".
SCALE = (1, 2, 3, 4, 5)
CANT_SAY = 0
#: Stated roles in report order; "" is "not stated". The role "other" is always reported
#: under "others" (a group called "Other" beside "Others" would only confuse).
ROLE_ORDER = ("client", "expert", "professional", "ngo", "other", "")
ALWAYS_FOLDED = frozenset({"other"})
#: The published name of the folded groups.
OTHERS = "others"


def group_of(role: str | None) -> str:
    """The group a participant's stated role counts in ("" when none or "prefer not to say")."""
    role = role or ""
    if role in ("", "unsaid"):
        return ""
    return role if role in ROLE_ORDER else "other"


@dataclass(frozen=True)
class Tally:
    """Answers to one statement: ``counts[0]`` can't say, ``counts[v]`` for v = 1..5."""

    counts: tuple[int, int, int, int, int, int] = (0, 0, 0, 0, 0, 0)

    @property
    def n(self) -> int:
        """Everyone who answered, "can't say" included."""
        return sum(self.counts)

    @property
    def rated(self) -> int:
        """Answers on the scale (without "can't say")."""
        return self.n - self.counts[CANT_SAY]

    @property
    def median(self) -> float | None:
        """The median of the scale answers (the mean of the two middle ones when even)."""
        values = [v for v in SCALE for _ in range(self.counts[v])]
        if not values:
            return None
        middle = len(values) // 2
        if len(values) % 2:
            return float(values[middle])
        return (values[middle - 1] + values[middle]) / 2

    def __add__(self, other: Tally) -> Tally:
        return Tally(tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)))  # type: ignore[arg-type]


def tally(values: Iterable[int]) -> Tally:
    """Count answers (values outside 0..5 are ignored)."""
    counts = [0] * 6
    for value in values:
        if 0 <= value <= 5:
            counts[value] += 1
    return Tally(tuple(counts))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Fold:
    """Which groups are published on their own (``shown``) and which together (``folded``)."""

    shown: tuple[str, ...]
    folded: tuple[str, ...]

    def rest(self, sizes: Mapping[str, int]) -> int:
        """Answers outside the shown groups in one table: what "others" holds."""
        return sum(n for g, n in sizes.items() if g not in self.shown)

    def others_shown(self, sizes: Mapping[str, int], k: int = MIN_GROUP) -> bool:
        """Whether "others" is published for this table (some group shown, remainder ≥ k)."""
        return bool(self.shown) and self.rest(sizes) >= k


def fold(
    tables: Sequence[Mapping[str, int]],
    *,
    k: int = MIN_GROUP,
    order: Sequence[str] = ROLE_ORDER,
    always_folded: frozenset[str] = ALWAYS_FOLDED,
) -> Fold:
    """One fold for several tables of group sizes (one table per statement).

    A group is shown when it has at least ``k`` answers in every table; then, while any
    table's remainder (total minus shown groups) is between 1 and ``k`` − 1, the smallest shown
    group (ties: the later in ``order``) is folded as well."""
    rank = {g: i for i, g in enumerate(order)}
    present = sorted(
        {g for table in tables for g, n in table.items() if n > 0},
        key=lambda g: (rank.get(g, len(rank)), g),
    )

    def least(g: str) -> int:
        return min((table.get(g, 0) for table in tables), default=0)

    shown = [g for g in present if g not in always_folded and tables and least(g) >= k]

    def short(table: Mapping[str, int]) -> bool:
        rest = sum(n for g, n in table.items() if g not in shown)
        return 0 < rest < k

    while shown and any(short(table) for table in tables):
        smallest = min(shown, key=lambda g: (least(g), -shown.index(g)))
        shown.remove(smallest)
    folded = tuple(g for g in present if g not in shown)
    return Fold(tuple(shown), folded)


@dataclass(frozen=True)
class ByRole:
    """One statement's published figures by stated role under a fold."""

    groups: tuple[tuple[str, Tally], ...]
    others: Tally | None


def by_role(answers: Iterable[tuple[str, int]], chosen: Fold, k: int = MIN_GROUP) -> ByRole:
    """The tallies one may publish for one statement: (group, value) answers → shown groups'
    tallies and, when the remainder is at least ``k``, the "others" tally."""
    per_group: dict[str, list[int]] = {}
    for group, value in answers:
        per_group.setdefault(group, []).append(value)
    sizes = {g: len(v) for g, v in per_group.items()}
    groups = tuple((g, tally(per_group.get(g, ()))) for g in chosen.shown)
    others = None
    if chosen.others_shown(sizes, k):
        others = tally(v for g, vs in per_group.items() if g not in chosen.shown for v in vs)
    return ByRole(groups, others)


def group_sizes(answers: Iterable[tuple[str, int]]) -> dict[str, int]:
    """How many answers each group gave to one statement."""
    sizes: dict[str, int] = {}
    for group, _value in answers:
        sizes[group] = sizes.get(group, 0) + 1
    return sizes
