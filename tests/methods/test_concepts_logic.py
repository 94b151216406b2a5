"""Concept definitions' pure parts, and the merge the shared definition relies on, as properties:
+1 tallies, the ranking of proposals, the current term, and concurrent edits that never lose a
person's words silently."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from facilitator.methods.concepts.logic import current_term, pick, plus_counts, ranked
from facilitator.revisions import merge

ids = st.integers(min_value=1, max_value=40)
people = st.integers(min_value=1, max_value=12)


def test_pick_prefers_the_locale_then_finnish():
    names = {"fi": "Palveluohjaus", "sv": "Servicehandledning", "en": ""}
    assert pick(names, "sv") == "Servicehandledning"
    assert pick(names, "en") == "Palveluohjaus"
    assert pick("  Oma  ", "sv") == "Oma"
    assert pick(None, "fi", "varalla") == "varalla"
    assert pick({"en": " "}, "fi", "varalla") == "varalla"


@given(st.lists(st.tuples(ids, people), max_size=60), st.randoms())
def test_one_plus_per_person_and_proposal_in_any_order(pairs, rnd):
    counts = plus_counts(pairs)
    assert sum(counts.values()) == len(set(pairs))
    shuffled = list(pairs)
    rnd.shuffle(shuffled)
    assert plus_counts(shuffled) == counts
    for proposal, count in counts.items():
        assert count == len({p for i, p in set(pairs) if i == proposal})


@given(
    st.lists(ids, unique=True, max_size=30),
    st.dictionaries(ids, st.integers(min_value=0, max_value=9)),
    st.randoms(),
)
def test_ranking_is_most_agreed_first_then_oldest_whatever_the_input_order(items, plus, rnd):
    rows = [{"id": i} for i in items]
    order = [r["id"] for r in ranked(rows, plus)]
    assert sorted(order) == sorted(items)
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    assert [r["id"] for r in ranked(shuffled, plus)] == order
    keys = [(-plus.get(i, 0), i) for i in order]
    assert keys == sorted(keys)


@given(st.one_of(st.none(), ids), st.lists(ids, unique=True, max_size=10))
def test_the_current_term_is_always_a_shown_one(current, shown):
    found = current_term(current, shown)
    if not shown:
        assert found is None
    elif current in shown:
        assert found == current
    else:
        assert found == shown[0]


# -- co-editing ---------------------------------------------------------------------------------

words = st.sampled_from(
    [
        "asiakas",
        "palvelu",
        "ohjaus",
        "tuki",
        "polku",
        "perhe",
        "arki",
        "yhdessä",
        "ajoissa",
        "verkosto",
        "kuntoutus",
        "työllisyys",
    ]
)
sentence = st.lists(words, min_size=3, max_size=7).map(lambda w: " ".join(w).capitalize() + ".")
added = st.lists(st.sampled_from(["Lisäys", "Täydennys", "Huomio"]), min_size=1, max_size=3).map(
    lambda w: " ".join(w)
)


@st.composite
def concurrent_edits(draw):  # type: ignore[no-untyped-def]
    """A definition of several sentences and two people each adding words to a different one."""
    sentences = draw(st.lists(sentence, min_size=3, max_size=6))
    i, j = draw(
        st.tuples(st.integers(0, len(sentences) - 1), st.integers(0, len(sentences) - 1)).filter(
            lambda p: abs(p[0] - p[1]) >= 1
        )
    )
    mark_a = f"[A{draw(st.integers(0, 99))}: {draw(added)}]"
    mark_b = f"[B{draw(st.integers(0, 99))}: {draw(added)}]"

    def with_mark(index: int, mark: str) -> str:
        changed = list(sentences)
        changed[index] = changed[index][:-1] + " " + mark + "."
        return " ".join(changed)

    return " ".join(sentences), with_mark(i, mark_a), mark_a, with_mark(j, mark_b), mark_b


@given(concurrent_edits())
def test_two_people_editing_different_sentences_both_words_survive(case):
    base, first, mark_a, second, mark_b = case
    # The first save replaces the text; the second started from the same base and is merged.
    merged = merge(base, first, second)
    assert merged is not None
    assert mark_a in merged and mark_b in merged


@given(st.lists(concurrent_edits(), min_size=1, max_size=4), sentence)
def test_nobody_loses_words_silently(cases, extra):
    """Edits from one base arrive one by one: each is kept (merged) or refused (the person gets
    the current text back); every kept person's words are in the final text."""
    base = cases[0][0]
    current = base
    kept: list[str] = []
    edits = [(c[1], c[2]) for c in cases if c[0] == base] + [(base + " " + extra, extra)]
    for mine, mark in edits:
        result = merge(base, current, mine)
        if result is None:
            continue  # refused with the current text: the person still has their own words
        current = result
        kept.append(mark)
    for mark in kept:
        assert mark in current


@given(sentence, sentence, sentence)
def test_an_edit_from_the_current_text_is_taken_as_it_is(base, other, mine):
    assert merge(base, base, mine) == mine
    assert merge(base, other, base) == other
