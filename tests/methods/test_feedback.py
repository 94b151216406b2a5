"""Feedback over sockets: answering and changing, anonymity, reveal, pause, fold, moderation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

import facilitator.methods.feedback as feedback_package
from facilitator.extensions import db
from facilitator.models import Contribution
from tests.conftest import act, events, running_app
from tests.realtime.helpers import error_code, set_config, snapshot, started

FOLDER = Path(feedback_package.__file__).resolve().parent
KIT = "example-feedback"


@pytest.fixture()
def app(tmp_path: Path) -> Iterator[Flask]:
    """The app with the method's example kit offered (it is the kit these tests run)."""
    with running_app(tmp_path / "data", KITS_DIR=str(FOLDER)) as app:
        yield app


def _to_feedback(room, *phones):
    """Start, move to the feedback phase, drain what everyone received."""
    console, joined = started(room, *phones)
    assert act(console, "phase.next")["ok"]
    for client in [console] + [p.sock for p in joined]:
        client.get_received()
    return console, joined


def _ids(client) -> tuple[list[int], list[int]]:
    view = snapshot(client)["view"]
    return [s["id"] for s in view["statements"]], [q["id"] for q in view["questions"]]


def _last(client, type_):
    got = [e for e in events(client) if e["type"] == type_]
    assert got, type_
    return got[-1]


def _rows(room, kind):
    with room.app.app_context():
        rows = list(
            db.session.scalars(
                select(Contribution)
                .where(Contribution.workshop_id == room.id, Contribution.kind == kind)
                .order_by(Contribution.id)
            )
        )
        db.session.expunge_all()
        return rows


def test_statements_and_questions_are_frozen_in_the_rooms_language(make_room):
    room = make_room(KIT)
    console, [phone] = _to_feedback(room, ("", ""))
    view = snapshot(phone.sock)["view"]
    assert [s["text"] for s in view["statements"]] == [
        "Minua kuunneltiin.",
        "Pystyin vaikuttamaan siihen, mitä tänään päätettiin.",
        "Ilmapiiri oli turvallinen.",
    ]
    assert next(q["text"] for q in view["questions"]) == "Mikä oli tänään hyvää?"
    assert view["layout"] == "steps" and view["cant_say"] is True and view["max_length"] == 500
    assert view["respondents"] == 0 and view["paused"] is False
    assert view["mine"] == {"ratings": {}, "answers": {}}
    assert next(r.body for r in _rows(room, "statement")) == "Minua kuunneltiin."
    assert all(r.participant_id is None for r in _rows(room, "statement"))
    # The room switches language: the same frozen statements, in English.
    act(console, "workshop.locale", {"locale": "en"})
    english = snapshot(room.projector())["view"]
    assert english["statements"][0]["text"] == "I was listened to."
    assert english["statements"][0]["id"] == view["statements"][0]["id"]


def test_answer_change_and_see_ones_own_answers(make_room):
    room = make_room(KIT)
    console, [phone, other] = _to_feedback(room, ("", ""), ("", ""))
    projector = room.projector()
    projector.get_received()
    statements, _questions = _ids(phone.sock)
    ack = act(phone.sock, "rating.set", {"statement": statements[0], "value": 4})
    assert ack == {"ok": True, "data": {"statement": statements[0], "value": 4}}
    public = _last(projector, "feedback.count")["data"]
    assert public == {"phase": room.phase_id(1), "respondents": 1}
    staff = _last(console, "feedback.count")["data"]
    assert staff["answered"] == {str(statements[0]): 1} and staff["respondents"] == 1
    # Answering again changes the one answer.
    assert act(phone.sock, "rating.set", {"statement": statements[0], "value": 0})["ok"]
    assert act(phone.sock, "rating.set", {"statement": statements[1], "value": 5})["ok"]
    [first, second] = _rows(room, "rating")
    assert (first.value, second.value) == (0, 5)
    mine = snapshot(phone.sock)["view"]["mine"]
    assert mine["ratings"] == {str(statements[0]): 0, str(statements[1]): 5}
    # Others see how many answered, never what.
    other_view = snapshot(other.sock)["view"]
    assert other_view["mine"] == {"ratings": {}, "answers": {}}
    assert other_view["respondents"] == 1 and "results" not in other_view
    assert "answered" not in other_view and "answered" not in snapshot(projector)["view"]
    assert snapshot(console)["view"]["answered"] == {str(statements[0]): 1, str(statements[1]): 1}


def test_open_answers_reach_only_the_console_before_the_reveal(make_room):
    room = make_room(KIT)
    console, [phone] = _to_feedback(room, ("", ""))
    projector = room.projector()
    projector.get_received()
    _statements, questions = _ids(phone.sock)
    ack = act(phone.sock, "answer.set", {"question": questions[0], "text": "  Hyvä ilmapiiri  "})
    assert ack["data"] == {"question": questions[0], "text": "Hyvä ilmapiiri"}
    staff = _last(console, "feedback.count")["data"]
    [row] = _rows(room, "answer")
    assert staff["answer"] == {
        "id": row.id,
        "question": questions[0],
        "text": "Hyvä ilmapiiri",
        "hidden": False,
    }
    assert "Hyvä ilmapiiri" not in str(_last(projector, "feedback.count"))
    assert snapshot(phone.sock)["view"]["mine"]["answers"] == {str(questions[0]): "Hyvä ilmapiiri"}
    assert "answers" not in snapshot(projector)["view"]
    # Change, then remove with an empty text.
    act(phone.sock, "answer.set", {"question": questions[0], "text": "Hyvä tunnelma"})
    assert [r.body for r in _rows(room, "answer")] == ["Hyvä tunnelma"]
    act(phone.sock, "answer.set", {"question": questions[0], "text": ""})
    assert _last(console, "feedback.count")["data"]["removed"] == row.id
    assert snapshot(phone.sock)["view"]["mine"]["answers"] == {}
    assert snapshot(console)["view"]["answers"] == []
    assert snapshot(console)["view"]["respondents"] == 0
    # Too long: refused with the limit in the message, nothing stored.
    ack = act(phone.sock, "answer.set", {"question": questions[0], "text": "x" * 501})
    assert error_code(ack) == "too_long" and "500" in ack["error"]["message"]


def test_results_only_after_the_reveal_and_answering_pauses_meanwhile(make_room):
    room = make_room(KIT)
    console, phones = _to_feedback(room, *[("", "")] * 3)
    projector = room.projector()
    statements, questions = _ids(phones[0].sock)
    for phone, value in zip(phones, (5, 4, 0), strict=True):
        act(phone.sock, "rating.set", {"statement": statements[0], "value": value})
    act(phones[0].sock, "answer.set", {"question": questions[0], "text": "Kiitos"})
    for client in (console, projector, phones[1].sock):
        assert "results" not in snapshot(client)["view"]
    assert act(console, "phase.reveal", {"on": True})["ok"]
    public = snapshot(projector)["view"]
    assert public["paused"] is True
    first = public["results"]["statements"][0]
    # n counts "can't say"; the median leaves it out.
    assert first == {"id": statements[0], "n": 3, "counts": [1, 0, 0, 0, 1, 1], "median": 4.5}
    assert public["results"]["statements"][1]["median"] is None
    assert [a["text"] for a in public["results"]["answers"]] == ["Kiitos"]
    assert "by_role" not in public["results"]
    assert snapshot(phones[2].sock)["view"]["results"] == public["results"]
    assert "by_role" in snapshot(console)["view"]["results"]
    # While the results are shown, nothing changes under them.
    ack = act(phones[2].sock, "rating.set", {"statement": statements[0], "value": 1})
    assert error_code(ack) == "feedback_paused"
    ack = act(phones[2].sock, "answer.set", {"question": questions[0], "text": "Myöhään"})
    assert error_code(ack) == "feedback_paused"
    assert snapshot(projector)["view"]["results"]["statements"][0]["counts"] == [1, 0, 0, 0, 1, 1]
    # Hidden again: answering goes on.
    act(console, "phase.reveal", {"on": False})
    assert act(phones[2].sock, "rating.set", {"statement": statements[0], "value": 1})["ok"]
    assert "results" not in snapshot(projector)["view"]


def test_locked_phase_refuses_answers_and_keeps_them(make_room):
    room = make_room(KIT)
    console, [phone] = _to_feedback(room, ("", ""))
    statements, questions = _ids(phone.sock)
    act(phone.sock, "rating.set", {"statement": statements[0], "value": 3})
    act(console, "phase.lock", {"on": True})
    ack = act(phone.sock, "rating.set", {"statement": statements[0], "value": 5})
    assert error_code(ack) == "locked"
    assert error_code(act(phone.sock, "answer.set", {"question": questions[0], "text": "x"}))
    assert [r.value for r in _rows(room, "rating")] == [3]
    assert snapshot(phone.sock)["view"]["mine"]["ratings"] == {str(statements[0]): 3}


def test_cant_say_only_when_the_kit_offers_it(make_room):
    room = make_room(KIT)
    set_config(room, 1, cant_say=False, layout="form")
    _console, [phone] = _to_feedback(room, ("", ""))
    statements, _questions = _ids(phone.sock)
    view = snapshot(phone.sock)["view"]
    assert view["cant_say"] is False and view["layout"] == "form"
    ack = act(phone.sock, "rating.set", {"statement": statements[0], "value": 0})
    assert error_code(ack) == "no_cant_say"
    assert "“" in ack["error"]["message"] or "”" in ack["error"]["message"]
    assert act(phone.sock, "rating.set", {"statement": statements[0], "value": 1})["ok"]


def test_bad_answers_are_refused_with_a_reason(make_room):
    room = make_room(KIT)
    console, [phone] = _to_feedback(room, ("", ""))
    statements, questions = _ids(phone.sock)
    for data in (
        {"statement": statements[0], "value": 6},
        {"statement": statements[0], "value": -1},
        {"statement": statements[0]},
        {"statement": statements[0], "value": 3, "extra": 1},
        {"statement": "x", "value": 3},
    ):
        assert error_code(act(phone.sock, "rating.set", data)) == "invalid", data
    # A question is not a statement; an id from nowhere is not found.
    assert error_code(act(phone.sock, "rating.set", {"statement": questions[0], "value": 3})) == (
        "not_found"
    )
    assert error_code(act(phone.sock, "answer.set", {"question": statements[0], "text": "x"})) == (
        "not_found"
    )
    assert error_code(act(phone.sock, "rating.set", {"statement": 999999, "value": 3})) == (
        "not_found"
    )
    # Only participants answer.
    assert error_code(act(console, "rating.set", {"statement": statements[0], "value": 3})) == (
        "forbidden"
    )
    projector = room.projector()
    assert error_code(act(projector, "answer.set", {"question": questions[0], "text": "x"})) == (
        "forbidden"
    )
    assert _rows(room, "rating") == [] and _rows(room, "answer") == []


def test_another_workshops_statement_is_not_found(make_room):
    first = make_room(KIT)
    _c1, [phone_one] = _to_feedback(first, ("", ""))
    second = make_room(KIT)
    _c2, [phone_two] = _to_feedback(second, ("", ""))
    theirs, _ = _ids(phone_two.sock)
    ack = act(phone_one.sock, "rating.set", {"statement": theirs[0], "value": 2})
    assert error_code(ack) == "not_found"


def test_an_answer_sent_late_is_kept_in_its_phase(make_room):
    room = make_room(KIT)
    console, [phone] = _to_feedback(room, ("", ""))
    statements, _questions = _ids(phone.sock)
    act(console, "phase.back")
    ack = act(
        phone.sock, "rating.set", {"statement": statements[1], "value": 4}, phase=room.phase_id(1)
    )
    assert ack["ok"], ack
    assert [r.phase_id for r in _rows(room, "rating")] == [room.phase_id(1)]


def test_hidden_open_answer_leaves_the_results_but_stays_for_the_console(make_room):
    room = make_room(KIT)
    console, [a, b] = _to_feedback(room, ("", ""), ("", ""))
    _statements, questions = _ids(a.sock)
    act(a.sock, "answer.set", {"question": questions[0], "text": "Asiallinen"})
    act(b.sock, "answer.set", {"question": questions[0], "text": "Loukkaava"})
    hurtful = next(x for x in snapshot(console)["view"]["answers"] if x["text"] == "Loukkaava")
    assert act(console, "item.hide", {"id": hurtful["id"], "hidden": True})["ok"]
    act(console, "phase.reveal", {"on": True})
    projector = room.projector()
    assert [x["text"] for x in snapshot(projector)["view"]["results"]["answers"]] == ["Asiallinen"]
    staff = snapshot(console)["view"]
    assert {x["text"]: x["hidden"] for x in staff["answers"]} == {
        "Asiallinen": False,
        "Loukkaava": True,
    }
    # Its author still sees their own words.
    assert snapshot(b.sock)["view"]["mine"]["answers"] == {str(questions[0]): "Loukkaava"}


def test_results_by_stated_role_fold_small_groups_and_their_complement(make_room):
    """5 clients, 6 professionals, 2 experts: the experts alone would be 2, so the smallest
    shown group (clients) joins them under "others" (7); professionals stay on their own."""
    room = make_room(KIT)
    people = [("", "client")] * 5 + [("", "professional")] * 6 + [("", "expert")] * 2
    console, phones = _to_feedback(room, *people)
    statements, _questions = _ids(phones[0].sock)
    for phone in phones:
        for statement in statements:
            assert act(phone.sock, "rating.set", {"statement": statement, "value": 4})["ok"]
    act(console, "phase.reveal", {"on": True})
    by_role = snapshot(console)["view"]["results"]["by_role"]
    assert by_role["groups"] == ["professional"]
    assert by_role["others"] == "others" and by_role["folded"] is True
    row = by_role["rows"][0]
    assert row["groups"] == [{"n": 6, "median": 4.0}]
    assert row["others"] == {"n": 7, "median": 4.0}
    # One more client, the experts still 2: clients (6) and professionals (6) both shown would
    # leave the 2 experts to subtraction, so the later of the two equal groups folds.
    extra = room.join("", "client")
    act(console, "phase.reveal", {"on": False})
    for statement in statements:
        act(extra.sock, "rating.set", {"statement": statement, "value": 2})
    act(console, "phase.reveal", {"on": True})
    by_role = snapshot(console)["view"]["results"]["by_role"]
    assert by_role["groups"] == ["client"]
    assert by_role["rows"][0]["others"]["n"] == 8


def test_kit_check_wants_something_to_answer(app):
    from facilitator.kits.schema import Kit

    registry = app.extensions["facilitator.methods"]
    kit = Kit.model_validate(
        {
            "id": "empty-feedback",
            "title": "Palaute",
            "phases": [{"id": "fb", "method": "feedback", "title": "Palaute", "config": {}}],
        }
    )
    assert registry.check_kit(kit, "kit.yaml") == [
        "kit.yaml: phases[0].config.statements: give statements, open questions or both"
    ]
    bad = Kit.model_validate(
        {
            "id": "bad-feedback",
            "title": "Palaute",
            "phases": [
                {
                    "id": "fb",
                    "method": "feedback",
                    "title": "Palaute",
                    "config": {"statements": ["A"], "min_group": 3, "layout": "grid"},
                }
            ],
        }
    )
    problems = registry.check_kit(bad, "kit.yaml")
    assert any("min_group" in p for p in problems) and any("layout" in p for p in problems)


def test_translations_agree_with_the_core_where_they_share_a_text():
    """Catalogues are merged, the method's last: a text the core also translates must read the
    same here, or the method would change the core's wording everywhere ("Not stated")."""
    from babel.messages.pofile import read_po

    import facilitator

    core = Path(facilitator.__file__).resolve().parent / "translations"
    for locale in ("fi", "sv"):
        with open(core / locale / "LC_MESSAGES" / "messages.po", "rb") as f:
            theirs = {m.id: m.string for m in read_po(f) if m.id}
        with open(FOLDER / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as f:
            mine = {m.id: m.string for m in read_po(f) if m.id}
        assert all(mine[k] for k in mine), locale  # everything is translated
        differ = {
            k: (mine[k], theirs[k]) for k in mine.keys() & theirs.keys() if mine[k] != theirs[k]
        }
        assert differ == {}, locale
