"""Forming groups of people (pure): balanced sizes, role mixing, late arrivals, moves."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator import grouping
from facilitator.grouping import FormingError, Options

ROLES = ["", "client", "expert", "professional", "ngo", "other"]
people_st = st.lists(
    st.tuples(st.integers(1, 10_000), st.sampled_from(ROLES)),
    max_size=120,
    unique_by=lambda p: p[0],
)
options_st = st.one_of(
    st.builds(Options, count=st.integers(1, 30), mix_roles=st.booleans(), seed=st.integers(0, 99)),
    st.builds(Options, size=st.integers(1, 12), mix_roles=st.booleans(), seed=st.integers(0, 99)),
)


@settings(max_examples=300, deadline=None)
@given(people_st, options_st)
def test_everyone_is_in_exactly_one_group_and_sizes_differ_by_at_most_one(people, options):
    groups = grouping.form(people, options)
    placed = [p for g in groups for p in g]
    assert sorted(placed) == sorted(p for p, _ in people)
    if people:
        sizes = [len(g) for g in groups]
        assert max(sizes) - min(sizes) <= 1
        assert min(sizes) >= 1
        assert len(groups) == grouping.group_count(len(people), options)


@settings(max_examples=300, deadline=None)
@given(people_st, st.integers(1, 20), st.integers(0, 99))
def test_mixing_spreads_every_stated_role_evenly(people, count, seed):
    groups = grouping.form(people, Options(count=count, mix_roles=True, seed=seed))
    role = dict(people)
    for stated in set(role.values()):
        per_group = [sum(1 for p in g if role[p] == stated) for g in groups]
        assert max(per_group) - min(per_group) <= 1, (stated, per_group)


@given(people_st, options_st)
def test_the_same_people_and_seed_give_the_same_groups_in_any_input_order(people, options):
    assert grouping.form(people, options) == grouping.form(list(reversed(people)), options)


@settings(max_examples=200, deadline=None)
@given(people_st.filter(bool), options_st, st.lists(st.integers(20_000, 30_000), max_size=30))
def test_late_arrivals_keep_the_sizes_balanced(people, options, late):
    groups = grouping.form(people, options)
    for person in late:
        sizes = [len(g) for g in groups]
        groups[grouping.smallest(sizes)].append(person)
        sizes = [len(g) for g in groups]
        assert max(sizes) - min(sizes) <= 1


@settings(max_examples=200, deadline=None)
@given(
    people_st.filter(lambda p: len(p) >= 2),
    st.integers(2, 6),
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 5)), max_size=40),
)
def test_moves_keep_every_person_in_exactly_one_group(people, count, moves):
    groups = grouping.form(people, Options(count=count))
    ids = [p for p, _ in people]
    for pick, to in moves:
        groups = grouping.move(groups, ids[pick % len(ids)], to % len(groups))
        counted = Counter(p for g in groups for p in g)
        assert set(counted) == set(ids) and set(counted.values()) == {1}


def test_size_rounds_to_the_nearest_number_of_groups():
    ten = [(i, "") for i in range(10)]
    assert [len(g) for g in grouping.form(ten, Options(size=3))] == [4, 3, 3]
    assert len(grouping.form(ten, Options(size=4))) == 2  # 10 / 4 = 2.5 → 2 groups of 5
    assert len(grouping.form(ten, Options(count=30))) == 10  # never an empty group
    assert grouping.form([], Options(count=3)) == []


@pytest.mark.parametrize("options", [Options(), Options(count=0), Options(size=0)])
def test_forming_needs_a_count_or_a_size(options):
    with pytest.raises(FormingError):
        grouping.form([(1, "")], options)
