"""Vote budgets, per-item caps, rankings and close results: pure functions, no Flask."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from facilitator.methods.dot_voting.logic import (
    MAX_BUDGET,
    Ranked,
    is_close,
    per_item_cap,
    rank,
    vote_budget,
)


def test_budget_is_a_third_of_the_items():
    assert vote_budget(9) == 3
    assert vote_budget(10) == 3
    assert vote_budget(12) == 4


def test_budget_at_least_one_and_at_most_twenty():
    assert vote_budget(0) == 1
    assert vote_budget(2) == 1
    assert vote_budget(60) == MAX_BUDGET == 20
    assert vote_budget(600) == 20


def test_kit_overrides_budget():
    assert vote_budget(3, override=7) == 7
    assert vote_budget(300, override=5) == 5


@given(st.integers(min_value=0, max_value=10_000))
def test_budget_bounds_hold_for_any_item_count(items):
    budget = vote_budget(items)
    assert 1 <= budget <= 20
    assert budget == max(1, min(20, items // 3))


def test_per_item_cap_defaults_to_three_and_never_exceeds_budget():
    assert per_item_cap(10) == 3
    assert per_item_cap(2) == 2
    assert per_item_cap(1) == 1
    assert per_item_cap(10, kit_cap=5) == 5
    assert per_item_cap(4, kit_cap=10) == 4


@given(st.integers(min_value=1, max_value=100), st.none() | st.integers(1, 100))
def test_per_item_cap_bounds(budget, kit_cap):
    cap = per_item_cap(budget, kit_cap)
    assert 1 <= cap <= budget
    assert cap <= (3 if kit_cap is None else kit_cap)


def test_rank_by_votes_then_distinct_voters():
    ranking = rank([(1, 5, 2), (2, 5, 4), (3, 7, 3), (4, 0, 0)])
    assert [r.item_id for r in ranking] == [3, 2, 1, 4]
    assert [r.rank for r in ranking] == [1, 2, 3, 4]


def test_ties_share_a_rank_and_skip_the_next():
    ranking = rank([(10, 3, 3), (11, 3, 3), (12, 1, 1), (13, 3, 3)])
    assert [(r.item_id, r.rank) for r in ranking] == [(10, 1), (11, 1), (13, 1), (12, 4)]


def test_rank_of_nothing_is_empty():
    assert rank([]) == []
    assert not is_close([])


tallies = st.lists(
    st.tuples(st.integers(0, 50), st.integers(0, 50)).map(lambda t: (max(t), min(t))),
    max_size=30,
)


@given(tallies)
def test_ranking_properties(raw):
    items = [(i, votes, voters) for i, (votes, voters) in enumerate(raw)]
    ranking = rank(items)
    assert sorted(r.item_id for r in ranking) == [i for i, _, _ in items]
    for position, (a, b) in enumerate(itertools.pairwise(ranking), start=2):
        assert (a.votes, a.voters) >= (b.votes, b.voters)
        if (a.votes, a.voters) == (b.votes, b.voters):
            assert a.rank == b.rank
        else:
            assert b.rank == position
    if ranking:
        assert ranking[0].rank == 1


def test_close_results():
    assert is_close([Ranked(1, 1, 5, 5), Ranked(2, 2, 4, 4)])
    assert is_close([Ranked(1, 1, 5, 5), Ranked(2, 1, 5, 5)])
    assert not is_close([Ranked(1, 1, 6, 5), Ranked(2, 2, 4, 4)])
    assert not is_close([Ranked(1, 1, 6, 5)])
