"""Representative notes, keyword weighting and suggested themes (pure functions, no app)."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.summaries import build_minutes
from facilitator.summaries.blocks import Notice, Quote
from facilitator.summaries.context import SummaryContext
from facilitator.summaries.findings import keywords, phase_suggestions, workshop_analysis
from facilitator.summaries.selection import choose, quota
from facilitator.summaries.text_analysis import get_analyser
from tests.summaries.factories import ExportBuilder

ANALYSER = "snowball"  # fast, and deterministic like the others
#: Words for generated notes (Finnish nouns of the field); FRESH never appear in them.
_VOCABULARY = """bussi kahvi lomake kela jono puhelin valmentaja tavoite retki lenkki raha vuokra
koulu kurssi todistus palkka kokeilu haastattelu ilmapiiri perehdytys lounas"""
WORDS = tuple(_VOCABULARY.split())
FRESH = ("sauna", "kirjasto", "uimahalli")


def _export(
    phases: dict[str, list[str]], plus: dict[tuple[str, int], int] | None = None
) -> dict[str, Any]:
    b = ExportBuilder("Testi", "")
    people = [b.person(role) for role in ("client", "professional", "expert") * 2]
    for key, texts in phases.items():
        b.phase(key, "brainstorm", {"fi": key.title()}, {"fi": "Mitä ajattelet?"})
        ids = [b.add(key, "note", people[i % len(people)], t) for i, t in enumerate(texts)]
        for (phase, index), count in (plus or {}).items():
            if phase == key:
                for n in range(count):
                    b.add(key, "plus", people[n % len(people)], parent=ids[index], seconds=2)
    return b.finish()


def _context(export: dict[str, Any]) -> SummaryContext:
    return SummaryContext(export=export, locale="fi", analyser=get_analyser("fi", ANALYSER))


def _chosen(texts: list[str], plus: dict[int, int] | None = None) -> list[str]:
    """The representative notes of one phase, as their texts in the order chosen."""
    export = _export({"p": texts}, {("p", i): n for i, n in (plus or {}).items()})
    ctx = _context(export)
    analysis = workshop_analysis(ctx)
    agreement = {
        int(c["id"]): (plus or {}).get(i, 0)
        for i, c in enumerate(c for c in export["contributions"] if c["kind"] == "note")
    }
    return [n.body for n in choose(analysis.notes["p"], analysis.weights("p"), agreement)]


def test_quota_is_about_one_in_three_at_least_three_at_most_ten() -> None:
    assert [quota(n) for n in (0, 1, 2, 3, 5, 9, 16, 17, 18, 30, 31, 100)] == [
        0, 1, 2, 3, 3, 3, 5, 6, 6, 10, 10, 10,
    ]  # fmt: skip


def test_most_agreed_first_then_what_adds_most_never_the_first_written() -> None:
    texts = [
        "bussilippu on kallis",
        "bussilippu liian kallis",
        "kallis bussilippu",
        "bussilippu maksaa paljon",
        "bussilippu kallis taas",
        "bussilippu kallis ja bussi myöhässä",
        "kahvi ja lehti aamulla",
        "vertaistuki auttaa jaksamaan",
    ]
    chosen = _chosen(texts, plus={1: 4})
    assert chosen[0] == "bussilippu liian kallis"  # the most agreed
    # The later notes with a new angle are quoted; the repeats of the first are not.
    assert "kahvi ja lehti aamulla" in chosen
    assert "vertaistuki auttaa jaksamaan" in chosen
    assert len(chosen) == 3
    assert chosen != texts[:3]


def test_the_choice_is_deterministic_whatever_the_export_order() -> None:
    texts = [f"{WORDS[i % len(WORDS)]} ja {WORDS[(i * 7) % len(WORDS)]}" for i in range(20)]
    export = _export({"p": texts})
    first = build_minutes(export, "fi", analyser=ANALYSER)
    shuffled = dict(export)
    shuffled["contributions"] = list(export["contributions"])
    random.Random(4).shuffle(shuffled["contributions"])
    again = build_minutes(shuffled, "fi", analyser=ANALYSER)
    assert first == again
    quotes = [b.text for b in first.blocks if isinstance(b, Quote)]
    assert len(quotes) == quota(len(set(texts)))


notes_strategy = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join),
    min_size=1,
    max_size=14,
)


@settings(max_examples=60, deadline=None)
@given(texts=notes_strategy, pick=st.integers(min_value=0, max_value=20))
def test_a_duplicate_of_a_chosen_note_never_changes_the_choice(texts: list[str], pick: int) -> None:
    chosen = _chosen(texts)
    duplicate = chosen[pick % len(chosen)]
    assert _chosen([*texts, duplicate]) == chosen
    # Written again with other capitals and punctuation, it is still the same note.
    assert _chosen([*texts, duplicate.upper() + "!"]) == chosen


@settings(max_examples=60, deadline=None)
@given(texts=notes_strategy, pick=st.integers(min_value=0, max_value=20))
def test_a_note_with_new_words_is_chosen_before_a_near_duplicate(
    texts: list[str], pick: int
) -> None:
    chosen = _chosen(texts)
    near = chosen[pick % len(chosen)] + " ja se on niin"  # only stop words added
    novel = " ".join(FRESH)
    again = _chosen([*texts, near, novel])
    if near in again:
        assert novel in again and again.index(novel) < again.index(near)
    # A near-duplicate (the same words) is never quoted beside the note it repeats.
    assert near not in again
    # The new angle is quoted when the notes are few enough to leave room for it.
    if len(set(texts)) <= 2:
        assert novel in again


def test_keywords_weigh_what_is_specific_to_the_phase() -> None:
    export = _export(
        {
            "eka": [
                "asiakas palvelu bussilippu",
                "asiakas palvelu bussilippu kallis bussilippu",
                "asiakas palvelu bussilippu myöhässä",
                "asiakas palvelu",
            ],
            "toka": ["asiakas palvelu kahvi", "asiakas palvelu kahvi lehti", "asiakas palvelu"],
        }
    )
    ctx = _context(export)
    analysis = workshop_analysis(ctx)
    first = keywords(analysis.notes["eka"], analysis.vocabulary, analysis.weights("eka").strength)
    # The word of this phase leads; words of every phase (and of the field) come after it.
    assert first[0].label.startswith("bussilip")
    assert first[0].notes == 3  # notes containing the word, not times written
    labels = [k.label for k in first]
    assert labels.index("asiakas") > 0 and labels.index("palvelu") > 0
    second = keywords(
        analysis.notes["toka"], analysis.vocabulary, analysis.weights("toka").strength
    )
    assert second[0].label == "kahvi" and second[0].notes == 2
    # In the minutes: "(notes)" counts notes.
    m = build_minutes(export, "fi", analyser=ANALYSER)
    line = next(b.text for b in m.blocks if isinstance(b, Notice) and b.kind == "automatic")
    assert line.split(": ", 1)[1].startswith("bussilippu (3)")


def test_background_words_weigh_less_even_in_one_phase() -> None:
    export = _export({"p": ["asiakas ja retki", "asiakas ja retki", "asiakas", "asiakas"]})
    analysis = workshop_analysis(_context(export))
    found = keywords(analysis.notes["p"], analysis.vocabulary, analysis.weights("p").strength)
    assert [k.label for k in found] == ["retki", "asiakas"]  # 2 notes beat 4 of a field word
    assert [k.notes for k in found] == [2, 4]


def test_suggested_themes_group_notes_by_shared_words_with_a_label() -> None:
    texts = [
        "bussilippu maksaa liikaa",
        "matka kestää ja bussilippu kallis",
        "bussi kulkee harvoin",
        "kahvi ja lehti aamulla",
        "aamukahvi on ilmainen",
        "kahvi houkuttaa tulemaan",
        "vertaistuki auttaa",
    ]
    export = _export({"p": texts})
    ctx = _context(export)
    found = phase_suggestions(ctx, ctx.phases[0])
    by_text = {int(c["id"]): c["body"] for c in export["contributions"]}
    groups = [sorted(by_text[i] for i in s.note_ids) for s in found]
    pair = {"bussilippu maksaa liikaa", "matka kestää ja bussilippu kallis"}
    assert any(pair <= set(g) for g in groups)
    coffee = next(s for s in found if any("kahvi" in by_text[i] for i in s.note_ids))
    assert "kahvi" in coffee.label
    assert len(coffee.note_ids) >= 2
    assert not any("vertaistuki auttaa" in g for g in groups)  # shares nothing: no suggestion
