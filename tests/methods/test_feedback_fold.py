"""The k ≥ 5 fold of feedback results by stated role, as properties over any answers.

For any answers, nothing published by stated role — a shown group's figures, "others", or any
difference between them and the published total — covers fewer than five people. The fold is
also no stricter than it needs to be, and the tallies (n, distribution, median) are right.
"""

from __future__ import annotations

import statistics
from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from facilitator.methods.feedback.logic import (
    ALWAYS_FOLDED,
    MIN_GROUP,
    ROLE_ORDER,
    by_role,
    fold,
    group_of,
    group_sizes,
    tally,
)

GROUPS = st.sampled_from(ROLE_ORDER)
VALUES = st.integers(min_value=0, max_value=5)
# One statement's answers: (stated role group, value), at most one per person.
ANSWERS = st.lists(st.tuples(GROUPS, VALUES), max_size=60)
# A phase: several statements answered by overlapping people.
PHASE = st.lists(ANSWERS, min_size=1, max_size=6)
K = st.integers(min_value=MIN_GROUP, max_value=9)


def _published_sets(answers, chosen, k):
    """The sets of people whose answers are published together for one statement: the total,
    each shown group, and "others" when it is shown. People are numbered by position."""
    people = list(range(len(answers)))
    total = frozenset(people)
    published = by_role(answers, chosen, k)
    groups = {g for g, _t in published.groups}
    sets = [frozenset(i for i in people if answers[i][0] == g) for g in sorted(groups)]
    if published.others is not None:
        sets.append(frozenset(i for i in people if answers[i][0] not in groups))
    return total, sets, published


def _atoms(total, sets):
    """The finest pieces any sums and differences of the published sets can single out."""
    pieces = {}
    for person in total:
        signature = tuple(person in s for s in sets)
        pieces.setdefault(signature, set()).add(person)
    return [frozenset(p) for p in pieces.values()]


@settings(max_examples=400, deadline=None)
@given(PHASE, K)
@example([[("client", 3)] * 4 + [("professional", 4)] * 10], 5)  # the subtraction case
@example([[("client", 3)] * 4 + [("professional", 4)] * 10 + [("ngo", 1)] * 6], 5)
@example([[("expert", 1)] + [("client", 5)] * 5 + [("professional", 2)] * 5], 5)
def test_no_combination_of_published_figures_reveals_a_small_group(phase, k):
    """Every published role figure covers ≥ k people, and so does every piece that the total
    minus or plus published figures can isolate (complementary suppression)."""
    chosen = fold([group_sizes(answers) for answers in phase], k=k)
    for answers in phase:
        total, sets, published = _published_sets(answers, chosen, k)
        for figure in sets:
            assert len(figure) >= k
        if not sets:
            continue  # only the total is published
        for atom in _atoms(total, sets):
            assert len(atom) >= k, (answers, chosen, atom)
        # What the role figures add up to is the total, or the rest is at least k.
        covered = sum(t.n for _g, t in published.groups) + (
            published.others.n if published.others is not None else 0
        )
        assert covered == len(answers) or len(answers) - covered >= k


@settings(max_examples=300, deadline=None)
@given(PHASE, K)
def test_the_fold_shows_large_groups_when_that_is_safe(phase, k):
    """Groups with ≥ k answers everywhere are shown unless their complement would be too small;
    the role "other" and groups without k answers somewhere are never shown on their own."""
    tables = [group_sizes(answers) for answers in phase]
    chosen = fold(tables, k=k)
    large = [
        g for g in ROLE_ORDER if g not in ALWAYS_FOLDED and all(t.get(g, 0) >= k for t in tables)
    ]
    assert set(chosen.shown) <= set(large)
    assert not set(chosen.shown) & ALWAYS_FOLDED
    assert not set(chosen.shown) & set(chosen.folded)
    assert list(chosen.shown) == [g for g in ROLE_ORDER if g in chosen.shown]

    def safe(groups):
        return all(not 0 < sum(n for g, n in t.items() if g not in groups) < k for t in tables)

    if safe(large):
        assert list(chosen.shown) == large  # nothing folded that did not have to be
    # Folding stops as soon as it is safe: the last group folded was needed.
    assert safe(chosen.shown) or not chosen.shown


@given(st.lists(VALUES, max_size=80))
def test_tallies_count_cant_say_apart_from_the_median(values):
    """n counts everyone; "can't say" (0) is its own count and never in the median."""
    counts = tally(values)
    assert counts.n == len(values)
    assert counts.counts == tuple(Counter(values).get(v, 0) for v in range(6))
    scale = [v for v in values if v]
    assert counts.rated == len(scale)
    if scale:
        assert counts.median == statistics.median(scale)
    else:
        assert counts.median is None


def test_subtraction_example_by_hand():
    """4 clients and 10 professionals: showing the professionals would let anyone subtract them
    from the total and read the 4 clients' answers, so nothing is shown by role."""
    answers = [("client", 1)] * 4 + [("professional", 5)] * 10
    chosen = fold([group_sizes(answers)])
    assert chosen.shown == () and set(chosen.folded) == {"client", "professional"}
    published = by_role(answers, chosen)
    assert published.groups == () and published.others is None


def test_one_small_group_takes_the_smallest_shown_group_with_it():
    """4 clients, 10 professionals, 6 NGO workers: the NGO group joins the clients (10 together
    under "others"), the professionals stay on their own."""
    answers = [("client", 2)] * 4 + [("professional", 5)] * 10 + [("ngo", 4)] * 6
    chosen = fold([group_sizes(answers)])
    assert chosen.shown == ("professional",)
    published = by_role(answers, chosen)
    assert published.groups[0][1].n == 10
    assert published.others is not None and published.others.n == 10


def test_a_group_small_on_one_statement_is_folded_everywhere():
    """The by-role table keeps its columns: a group with 4 answers to one statement is not
    shown on any row."""
    full = [("client", 4)] * 6 + [("professional", 4)] * 6 + [("ngo", 3)] * 5
    short = [("client", 4)] * 4 + [("professional", 4)] * 6 + [("ngo", 3)] * 5
    chosen = fold([group_sizes(full), group_sizes(short)])
    # The clients alone would be "others" with 4 answers on the short statement: the smallest
    # shown group (NGO, 5) goes with them.
    assert chosen.shown == ("professional",)
    assert [by_role(a, chosen).others.n for a in (full, short)] == [11, 9]  # type: ignore[union-attr]


def test_stated_roles_map_to_groups():
    """ "Prefer not to say" and no answer are "not stated"; unknown roles are "other"."""
    assert [group_of(r) for r in ("client", "unsaid", "", None, "mystery", "ngo")] == [
        "client",
        "",
        "",
        "",
        "other",
        "ngo",
    ]


def test_nothing_answered_shows_nothing_by_role():
    """No answers: no group, no "others"."""
    chosen = fold([{}])
    assert chosen.shown == () and chosen.folded == ()
