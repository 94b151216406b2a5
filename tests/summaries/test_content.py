"""What the minutes say: privacy by role groups, hidden and deleted notes, close results, blocks."""

from __future__ import annotations

from typing import Any

import pytest

from facilitator.exports.markdown import render_markdown
from facilitator.summaries import BLOCK_TYPES, build_minutes
from facilitator.summaries.blocks import (
    BulletList,
    Facts,
    Figure,
    Heading,
    Minutes,
    Notice,
    Paragraph,
    Quote,
    Table,
)
from tests.summaries.factories import ExportBuilder, load_fixture
from tests.summaries.goldens import DECISIONS, NEXT_STEPS

ANALYSER = "snowball"  # fast to load; the analyser does not matter for these checks


def minutes(export: dict[str, Any], locale: str = "en", **kwargs: Any) -> Minutes:
    return build_minutes(export, locale, analyser=ANALYSER, **kwargs)


def text_of(m: Minutes) -> str:
    return render_markdown(m)


def section(m: Minutes, title: str) -> list[Any]:
    """The blocks under the level-2 heading ``title`` (up to the next level-2 heading)."""
    out: list[Any] = []
    inside = False
    for block in m.blocks:
        if isinstance(block, Heading) and block.level <= 2:
            inside = block.text == title
            continue
        if inside:
            out.append(block)
    assert out, f"no section {title!r}"
    return out


def test_the_realistic_fixture_produces_every_block_type() -> None:
    m = minutes(load_fixture(), decisions=DECISIONS, next_steps=NEXT_STEPS)
    produced = {type(b) for b in m.blocks}
    # Figures come from feedback phases (tests/methods/test_feedback_minutes.py); this fixture
    # has brainstorm and voting only.
    assert produced == set(BLOCK_TYPES) - {Figure}
    kinds = {b.kind for b in m.blocks if isinstance(b, Notice)}
    assert {"automatic", "info"} <= kinds
    for block in m.blocks:
        for value in vars(block).values():
            assert value is not None
    assert m.title == "Nuorten palvelupolku – yhteiskehittämisen työpaja"
    assert m.blocks[0] == Heading(1, m.title)
    assert "minutes format 2" in m.footer and "Snowball" in m.footer


def test_overview_facts_in_the_workshop_time_zone() -> None:
    m = minutes(load_fixture())
    facts = dict(next(b for b in m.blocks if isinstance(b, Facts)).pairs)
    assert facts["Date"] == "March 12, 2026"
    assert facts["Time"].startswith("1:0") and facts["Time"].endswith("PM")  # 13.0x Helsinki
    assert facts["Place"] == "Pääkirjasto, Tampere"
    assert facts["Facilitators"] == "Sanna Ohjaaja"
    assert facts["Phases"] == "4"
    fi = next(b for b in minutes(load_fixture(), "fi").blocks if isinstance(b, Facts)).pairs
    assert fi[0][1] == "12. maaliskuuta 2026"  # the date, in Finnish style


def test_participant_names_never_appear() -> None:
    export = load_fixture()
    text = text_of(minutes(export, decisions=DECISIONS, next_steps=NEXT_STEPS))
    names = {p["name"] for p in export["participants"] if p["name"]}
    assert names == {"Matti", "Liisa", "Pekka", "Aino", "Eeva", "Veikko", "Kalle"}
    for name in names:
        assert name not in text


def test_role_groups_under_three_people_are_folded_into_other() -> None:
    m = minutes(load_fixture())
    table = next(b for b in section(m, "Participation") if isinstance(b, Table))
    rows = {row[0]: row for row in table.rows}
    # One NGO worker and one "other": folded together, still under 3, so no numbers.
    assert "NGO or parish" not in rows
    assert rows["Other"][1:] == ("fewer than 3", "–", "–", "–", "–")
    assert rows["Not stated"][1] == "fewer than 3"
    assert rows["Professional"][1] == "4"
    assert rows["Expert by experience"][1] == "3"
    assert rows["Total"][1] == "15"
    # +1s and votes: a +1 on a note hidden later is not counted.
    assert rows["Total"][5] == "87"
    notices = [b for b in section(m, "Participation") if isinstance(b, Notice)]
    assert notices and notices[0].kind == "info"
    # Their notes carry no role label anywhere: the appendix leaves it empty (quotes in the
    # body carry no role labels at all: stated roles are in the participation table).
    export = load_fixture()
    ngo_text = next(
        c["body"] for c in export["contributions"] if c["body"].startswith("Vertaistuki auttoi")
    )
    appendix = section(m, "Appendix: all notes")
    row = next(r for b in appendix if isinstance(b, Table) for r in b.rows if r[1] == ngo_text)
    assert row[2] == ""


def test_three_people_of_a_role_are_shown_as_that_role() -> None:
    export = load_fixture()
    for number in (14, 15):  # the two who stated nothing become NGO workers
        export["participants"][number - 1]["role"] = "ngo"
    m = minutes(export)
    rows = {
        row[0]: row for b in section(m, "Participation") if isinstance(b, Table) for row in b.rows
    }
    assert rows["NGO or parish"][1] == "3"
    assert "Not stated" not in rows


def test_scribe_seats_are_not_people_and_their_role_group_counts() -> None:
    m = minutes(load_fixture())
    assert Paragraph(
        "The facilitator wrote down 1 contribution for participants without a phone."
    ) in section(m, "Participation")
    rows = {
        row[0]: row for b in section(m, "Participation") if isinstance(b, Table) for row in b.rows
    }
    assert rows["Client or developer client"][1] == "4"  # the scribe seat is not a person
    assert rows["Client or developer client"][3] == "7"  # 6 own notes + 1 written for a client


def test_hidden_notes_are_counted_but_not_shown_and_deleted_ones_vanish() -> None:
    export = load_fixture()
    text = text_of(minutes(export, decisions=DECISIONS, next_steps=NEXT_STEPS))
    hidden = [c["body"] for c in export["contributions"] if c["hidden"]]
    deleted = [c["body"] for c in export["contributions"] if c["deleted"]]
    assert hidden and deleted
    for body in hidden + deleted:
        assert body not in text
    assert "040 123 4567" not in text
    assert "2 notes hidden by the facilitator are not shown." in text
    assert "2 notes hidden by the facilitator are left out." in text
    assert "deleted" not in text.lower()
    # The appendix lists every visible written note exactly once.
    m = minutes(export)
    appendix_rows = [
        r for b in section(m, "Appendix: all notes") if isinstance(b, Table) for r in b.rows
    ]
    visible = [
        c for c in export["contributions"]
        if c["participant"] is not None and c["body"] and not c["hidden"] and not c["deleted"]
    ]  # fmt: skip
    assert sorted(r[1] for r in appendix_rows) == sorted(c["body"].strip() for c in visible)


def test_themes_are_the_facilitators_groups_with_representative_notes() -> None:
    m = minutes(load_fixture())
    phase = section(m, "1. Experiences")
    themes = [b.text for b in phase if isinstance(b, Heading) and b.level == 3]
    # Most notes first; the empty group is left out; the automatic part comes last.
    assert themes == [
        "Theme: Jatkuvuus ja vastuu",
        "Theme: Ajanvaraus ja yhteydenotto",
        "Theme: Lomakkeet",
        "Notes outside the themes",
        "Automatic — check",
    ]
    start = phase.index(Heading(3, "Theme: Ajanvaraus ja yhteydenotto"))
    quotes = [b for b in phase[start + 1 : start + 5] if isinstance(b, Quote)]
    # The theme's most agreed note stands for it, with its +1s; no role label in the body.
    assert quotes[0] == Quote("Ajanvaraus puhelimella on vaikeaa, jonot ovat pitkiä.", "8 +1s")
    assert Paragraph("Question: What works on the service path and what does not?") in phase
    # One line of counts; no per-phase role lists (the participation table has them).
    assert Paragraph("13 notes · 13 writers · 35 +1s") in phase
    assert not any(isinstance(b, Paragraph) and "stated role" in b.text for b in phase)


def test_representatives_are_about_one_in_three_and_the_rest_is_in_the_appendix() -> None:
    m = minutes(load_fixture())
    phase = section(m, "1. Experiences")
    quoted = [b for b in phase if isinstance(b, Quote)]
    # 13 notes: a third is 4, and each of the three themes has its own (already in the four).
    assert len(quoted) == 4
    assert Paragraph("… and 9 more notes in the appendix.") in phase
    solutions = [b for b in section(m, "2. Solutions") if isinstance(b, Quote)]
    assert len(solutions) == 3  # 6 notes: at least three
    # The most agreed note comes first, with its +1s.
    assert solutions[0] == Quote("Nettiajanvaraus kaikkiin palveluihin.", "5 +1s")


def _vote_export(tallies: list[int], roles: list[str]) -> dict[str, Any]:
    """A dot vote where item i gets tallies[i] single votes from successive people."""
    b = ExportBuilder("Äänestys", "")
    people = [b.person(role) for role in roles]
    phase = b.phase("v", "dot_voting", {"en": "Vote"}, {"en": "Which?"}, {"votes_per_person": 20})
    items = [b.add(phase, "option", None, f"Item {i + 1}") for i in range(len(tallies))]
    voter = 0
    for item, count in zip(items, tallies, strict=True):
        for _ in range(count):
            b.add(phase, "vote", people[voter % len(people)], parent=item, value=1)
            voter += 1
    return b.finish()


def test_dot_voting_close_result_is_called_close() -> None:
    roles = ["professional"] * 4 + ["client"] * 3 + ["expert"]
    close = minutes(_vote_export([5, 4, 1], roles))
    vote = section(close, "1. Vote")
    assert Paragraph("The result is close: “Item 1” has 5 votes and “Item 2” 4.") in vote
    ranking = next(b for b in vote if isinstance(b, Table) and b.caption == "Results")
    assert [r[:3] for r in ranking.rows] == [
        ("1", "Item 1", "5"),
        ("2", "Item 2", "4"),
        ("3", "Item 3", "1"),
    ]

    tied = section(minutes(_vote_export([3, 3, 1], roles)), "1. Vote")
    assert Paragraph("The result is close: “Item 1” and “Item 2” both have 3 votes.") in tied

    clear = section(minutes(_vote_export([6, 2, 1], roles)), "1. Vote")
    assert not any(isinstance(b, Paragraph) and "close" in b.text for b in clear)


def test_votes_by_role_hide_groups_under_three_voters() -> None:
    roles = ["professional"] * 4 + ["client"] * 3 + ["expert"]
    vote = section(minutes(_vote_export([5, 4, 1], roles)), "1. Vote")
    by_role = next(b for b in vote if isinstance(b, Table) and b.caption == "Votes by stated role")
    # The single expert is folded into "Other", which has fewer than 3 voters. The results
    # minus the other columns would show that person's votes, so the smallest shown group
    # (3 clients) joins them under "Others".
    assert by_role.columns == ("Item", "Professional", "Others")
    assert [row[1:] for row in by_role.rows] == [("4", "1"), ("1", "3"), ("1", "0")]
    assert (
        Notice("Role groups with fewer than 3 voters are combined under “Others”.", "info") in vote
    )
    # With 3 voters in every group, every group is shown.
    even = ["professional"] * 3 + ["client"] * 3 + ["expert"] * 3
    table = next(
        b
        for b in section(minutes(_vote_export([5, 3, 1], even)), "1. Vote")
        if isinstance(b, Table) and b.caption == "Votes by stated role"
    )
    assert table.columns == (
        "Item",
        "Client or developer client",
        "Expert by experience",
        "Professional",
    )

    # Two professionals (folded into "Other") and one who stated nothing: no group of 3.
    few = section(minutes(_vote_export([2, 1], ["professional"] * 2 + [""])), "1. Vote")
    assert not any(isinstance(b, Table) and b.caption == "Votes by stated role" for b in few)
    assert (
        Notice(
            "Votes by stated role are not shown: each role group had fewer than 3 voters.", "info"
        )
        in few
    )
    # Three people folded together into "Other" are a group of 3 and are shown.
    folded = section(minutes(_vote_export([2, 1], ["professional"] * 2 + ["client"])), "1. Vote")
    table = next(b for b in folded if isinstance(b, Table) and b.caption == "Votes by stated role")
    assert table.columns == ("Item", "Other")


def test_decisions_and_next_steps_are_stated_as_given() -> None:
    m = minutes(load_fixture(), decisions=[" Päätös A ", ""], next_steps=["Askel B"])
    assert section(m, "Decisions") == [BulletList(("Päätös A",))]
    assert section(m, "Next steps") == [BulletList(("Askel B",))]
    empty = minutes(load_fixture())
    assert section(empty, "Decisions") == [Paragraph("No decisions were recorded.")]


def test_automatic_findings_are_marked_and_kept_apart() -> None:
    m = minutes(load_fixture())
    phase = section(m, "1. Experiences")
    start = phase.index(Heading(3, "Automatic — check"))
    # Everything machine-made in a phase is under its "Automatic — check" heading.
    assert isinstance(phase[start + 1], Notice) and phase[start + 1].kind == "automatic"
    assert phase[start + 1].text.startswith("Keywords (notes): ")
    assert not any(isinstance(b, Notice) and b.kind == "automatic" for b in phase[:start])
    across = section(m, "Automatic — check: across phases")
    assert across[0].text.startswith("Words in two or more phases (phase numbers): ")
    assert "Snowball" in m.footer and "Automatic — check" in m.footer
    # Human-confirmed sections carry no automatic notice.
    for title in ("Participation", "Decisions", "Appendix: all notes"):
        assert not any(isinstance(b, Notice) and b.kind == "automatic" for b in section(m, title))


def test_an_unfinished_workshop_is_marked_and_a_phase_not_run_says_so() -> None:
    export = load_fixture()
    export["workshop"]["status"] = "running"
    export["workshop"]["ended_at"] = None
    m = minutes(export)
    assert any(isinstance(b, Notice) and b.kind == "warning" for b in m.blocks)
    assert Paragraph("This phase was not run.") in section(m, "4. Feedback")


@pytest.mark.parametrize("locale", ["fi", "sv", "en", "de"])
def test_every_locale_builds(locale: str) -> None:
    m = minutes(load_fixture(), locale)
    assert m.locale == (locale if locale != "de" else "fi")
    assert text_of(m).endswith("\n")


def test_an_empty_workshop_still_gives_minutes() -> None:
    b = ExportBuilder("Tyhjä", "")
    b.phase("a", "brainstorm", {"fi": "A"}, {"fi": "?"})
    b.phase("b", "unknown_method", {"fi": "B"}, {"fi": "?"})
    m = minutes(b.finish(), "en")
    assert m.title == "Tyhjä"
    assert "Automatic — check" not in text_of(m).replace(m.footer, "")


def test_a_method_the_app_does_not_know_gets_a_plain_count(app: Any) -> None:
    b = ExportBuilder("Lisäosa", "")
    phase = b.phase("x", "retired_method", {"en": "Old method"}, {"en": "?"})
    b.add(phase, "note", b.person("client"), "Yksi ajatus")
    registry = app.extensions["facilitator.methods"]
    with pytest.raises(KeyError):
        registry.get("retired_method")
    m = build_minutes(b.finish(), "en", analyser=ANALYSER, methods=registry)
    assert Paragraph("1 contribution.") in section(m, "1. Old method")


def test_sparse_or_odd_exports_do_not_break_the_minutes() -> None:
    odd = {
        "workshop": {},
        "phases": [{"key": "a", "method": "brainstorm", "title": None, "question": None}],
        "participants": [],
        "contributions": [
            {"id": 1, "phase": "a", "participant": 7, "kind": "note", "body": "Hei", "parent": 99},
            {"id": 2, "phase": "a", "participant": None, "kind": "plus", "parent": 1},
            {"id": 3, "phase": "gone", "participant": 1, "kind": "note", "body": None},
            {"id": 4, "phase": "a", "participant": 1, "kind": "vote", "value": None, "parent": 1},
        ],
    }
    m = minutes(odd)
    assert m.title == "Workshop minutes"
    assert any(isinstance(b, Quote) and b.text == "Hei" for b in m.blocks)
    assert minutes({}).blocks[0] == Heading(1, "Workshop minutes")
