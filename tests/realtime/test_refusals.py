"""Every refusal of the gate: the action is refused with the right code and nothing changes."""

from __future__ import annotations

import pytest
from flask import Flask

from facilitator.extensions import db, socketio
from facilitator.methods.base import FACILITATOR, PARTICIPANT
from facilitator.operations.erasure import without_text
from facilitator.realtime.controls import CONTROLS
from tests.conftest import act, events
from tests.realtime.helpers import error_code, fingerprint, message, set_config, snapshot, started

# Valid payloads for every facilitator-only action (so only the role can refuse them).
FACILITATOR_ACTIONS = {
    "workshop.start": {},
    "phase.next": {},
    "phase.back": {},
    "phase.goto": {"index": 1},
    "phase.lock": {"on": True},
    "phase.reveal": {"on": True},
    "timer.start": {},
    "timer.pause": {},
    "timer.add": {"seconds": 60},
    "timer.reset": {"seconds": 10},
    "spotlight.set": {"id": None},
    "item.hide": {"id": "NOTE", "hidden": True},
    "join.visible": {"on": False},
    "workshop.locale": {"locale": "en"},
    "workshop.end": {},
    "groups.form": {"count": 2},
    "groups.move": {"person": 1, "group": 1},
    "groups.name": {"group": 1, "name": "Ikkunapöytä"},
    "groups.clear": {},
    "groups.show": {"group": None},
    "theme.create": {"label": "Ryhmä"},
    "theme.rename": {"id": "GROUP", "label": "Uusi"},
    "theme.delete": {"id": "GROUP"},
    "note.theme": {"id": "NOTE", "theme": "GROUP"},
}


def test_the_list_covers_every_control_and_facilitator_handler(app: Flask):
    registry = app.extensions["facilitator.methods"]
    declared = {t for t, spec in CONTROLS.handlers.items() if spec.roles == {FACILITATOR}}
    # The methods the demo kit runs (busy_room's); every other method's refusals are its own
    # tests' and the contract suite's.
    for method_id in {phase.method for phase in app.extensions["facilitator.kits"]["demo"].phases}:
        for t, spec in registry.get(method_id).handlers.items():
            if PARTICIPANT not in spec.roles:
                declared.add(t)
    assert declared == set(FACILITATOR_ACTIONS)


@pytest.fixture()
def busy_room(make_room):
    """A running room with a note and a group, and a phone and a projector."""
    room = make_room()
    console, [phone, other] = started(room, ("Anna", "client"), ("", ""))
    note = act(other.sock, "note.add", {"text": "Idea"})["data"]["note"]
    group = act(console, "theme.create", {"label": "G"})["data"]["theme"]
    room.ids = {"NOTE": note["id"], "GROUP": group["id"]}
    room.console_sock, room.phone, room.other = console, phone, other
    for client in (console, phone.sock, other.sock):
        client.get_received()
    return room


def _fill(data, ids):
    return {k: ids.get(v, v) if isinstance(v, str) else v for k, v in data.items()}


def test_participant_and_projector_cannot_use_facilitator_actions(busy_room):
    room = busy_room
    projector = room.projector()
    projector.get_received()
    before = fingerprint(room)
    for action in sorted(FACILITATOR_ACTIONS):
        data = _fill(FACILITATOR_ACTIONS[action], room.ids)
        ack = act(room.phone.sock, action, data)
        assert error_code(ack) == "forbidden", action
        assert ack["error"]["message"] == message("forbidden")
        assert error_code(act(projector, action, data)) == "forbidden", action
        assert fingerprint(room) == before, action
        assert events(room.other.sock) == [], action
    # Sanity: the same actions work from the console (so only the role refused them).
    for action in ("timer.start", "join.visible", "theme.create"):
        assert act(room.console_sock, action, _fill(FACILITATOR_ACTIONS[action], room.ids))["ok"]


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("note.edit", {"id": "NOTE", "text": "x"}),
        ("note.delete", {"id": "NOTE"}),
        ("note.plus", {"id": "NOTE", "on": True}),
    ],
)
def test_facilitator_cannot_use_participant_actions(busy_room, action, data):
    before = fingerprint(busy_room)
    ack = act(busy_room.console_sock, action, _fill(data, busy_room.ids))
    assert error_code(ack) == "forbidden"
    assert fingerprint(busy_room) == before


def test_projector_cannot_write_notes(busy_room):
    before = fingerprint(busy_room)
    assert error_code(act(busy_room.projector(), "note.add", {"text": "x"})) == "forbidden"
    assert fingerprint(busy_room) == before


def test_ids_of_another_workshop_are_not_found(app, make_room):
    mine = make_room()
    theirs = make_room()
    _, [their_phone] = started(theirs, ("", ""))
    note = act(their_phone.sock, "note.add", {"text": "Theirs"})["data"]["note"]
    console, [phone] = started(mine, ("", ""))
    group = act(console, "theme.create", {"label": "G"})["data"]["theme"]
    before = fingerprint(theirs)
    nid = note["id"]
    assert error_code(act(phone.sock, "note.edit", {"id": nid, "text": "x"})) == "not_found"
    assert error_code(act(phone.sock, "note.delete", {"id": nid})) == "not_found"
    assert error_code(act(phone.sock, "note.plus", {"id": nid, "on": True})) == "not_found"
    assert error_code(act(console, "item.hide", {"id": nid, "hidden": True})) == "not_found"
    assert error_code(act(console, "spotlight.set", {"id": nid})) == "not_found"
    assert error_code(act(console, "note.theme", {"id": nid, "theme": group["id"]})) == "not_found"
    assert error_code(act(console, "theme.rename", {"id": nid, "label": "x"})) == "not_found"
    assert error_code(act(console, "theme.delete", {"id": nid})) == "not_found"
    # The other workshop's phase id is not a phase of this one.
    their_phase = theirs.phase_id(0)
    assert error_code(act(phone.sock, "note.add", {"text": "x"}, phase=their_phase)) in {
        "stale_phase",
        "not_found",
    }
    assert fingerprint(theirs) == before


def test_a_phone_cookie_for_one_workshop_does_not_open_another(app, make_room):
    first = make_room()
    second = make_room()
    phone = first.join()
    # The phone tries workshop B with its own cookies.
    sock = socketio.test_client(
        app, flask_test_client=phone.http, auth={"workshop": second.id, "role": "participant"}
    )
    assert not sock.is_connected()
    # Even with A's seat token copied into B's cookie name.
    token = phone.http.get_cookie(f"seat_{first.id}").value
    phone.http.set_cookie(f"seat_{second.id}", token)
    sock = socketio.test_client(
        app, flask_test_client=phone.http, auth={"workshop": second.id, "role": "participant"}
    )
    assert not sock.is_connected()


def test_connections_that_prove_nothing_are_refused(app, make_room, facilitator):
    room = make_room()
    anon = app.test_client()
    cases = [
        None,
        "nonsense",
        {"workshop": room.id},
        {"workshop": "x", "role": "participant"},
        {"workshop": 999999, "role": "facilitator"},
        {"workshop": 10**30, "role": "projector", "token": "x"},
        {"workshop": -1, "role": "participant"},
        {"workshop": [room.id], "role": "participant"},
        {"workshop": room.id, "role": "participant"},
        {"workshop": room.id, "role": "facilitator"},
        {"workshop": room.id, "role": "projector"},
        {"workshop": room.id, "role": "projector", "token": "wrong"},
        {"workshop": room.id, "role": "admin"},
    ]
    for auth in cases:
        sock = socketio.test_client(app, flask_test_client=anon, auth=auth)
        assert not sock.is_connected(), auth


def test_another_facilitator_cannot_open_the_console_socket(app, make_room):
    from facilitator.models import User
    from tests.conftest import PASSWORD

    room = make_room()
    with app.app_context():
        other = User(username="toinen", display_name="Toinen")
        other.set_password(PASSWORD)
        db.session.add(other)
        db.session.commit()
    http = app.test_client()
    assert http.post("/login", data={"username": "toinen", "password": PASSWORD}).status_code == 302
    sock = socketio.test_client(
        app, flask_test_client=http, auth={"workshop": room.id, "role": "facilitator"}
    )
    assert not sock.is_connected()


def test_locked_phase_refuses_participant_changes(busy_room):
    room = busy_room
    mine = act(room.phone.sock, "note.add", {"text": "Mine"})["data"]["note"]
    act(room.console_sock, "phase.lock", {"on": True})
    before = fingerprint(room)
    sock = room.phone.sock
    assert error_code(act(sock, "note.add", {"text": "x"})) == "locked"
    assert error_code(act(sock, "note.edit", {"id": mine["id"], "text": "y"})) == "locked"
    assert error_code(act(sock, "note.delete", {"id": mine["id"]})) == "locked"
    assert error_code(act(sock, "note.plus", {"id": room.ids["NOTE"], "on": True})) == "locked"
    assert fingerprint(room) == before
    # The facilitator may still moderate and group.
    assert act(room.console_sock, "item.hide", {"id": mine["id"], "hidden": True})["ok"]
    assert act(room.console_sock, "theme.create", {"label": "Late group"})["ok"]


def test_stale_phase_and_allowed_late_note(busy_room):
    room = busy_room
    ideas = room.phase_id(0)
    act(room.console_sock, "phase.next")
    before = fingerprint(room)
    sock = room.phone.sock
    # Controls and other actions addressing an old phase are stale.
    assert error_code(act(sock, "note.plus", {"id": room.ids["NOTE"]}, phase=ideas)) == (
        "stale_phase"
    )
    assert error_code(act(room.console_sock, "phase.lock", {"on": True}, phase=ideas)) == (
        "stale_phase"
    )
    assert error_code(act(sock, "vote.add", {"item": 1}, phase=ideas)) == "stale_phase"
    assert error_code(act(sock, "note.add", {"text": "x"}, phase=987654)) == "stale_phase"
    assert fingerprint(room) == before
    # A note written offline into the earlier, started, unlocked phase is kept there, late.
    ack = act(sock, "note.add", {"text": "Written offline"}, phase=ideas)
    assert ack["ok"], ack
    from tests.realtime.helpers import notes

    late = notes(room)[-1]
    assert late.phase_id == ideas and late.data.get("late") is True
    # Not once that phase is locked.
    act(room.console_sock, "phase.back")
    act(room.console_sock, "phase.lock", {"on": True})
    act(room.console_sock, "phase.next")
    before = fingerprint(room)
    assert error_code(act(sock, "note.add", {"text": "Too late"}, phase=ideas)) == "locked"
    assert fingerprint(room) == before


def test_late_note_into_a_phase_not_yet_started_is_stale(make_room):
    room = make_room()
    _console, [phone] = started(room, ("", ""))
    # Phase 1 (voting) has not started; note.add is not its action anyway, and phase 2 does not
    # exist: both are stale, nothing is written.
    before = fingerprint(room)
    ack = act(phone.sock, "note.add", {"text": "x"}, phase=room.phase_id(1))
    assert error_code(ack) == "stale_phase"
    assert fingerprint(room) == before


def test_unknown_action(busy_room):
    before = fingerprint(busy_room)
    assert error_code(act(busy_room.phone.sock, "note.burn", {})) == "unknown_action"
    assert error_code(act(busy_room.phone.sock, "vote.add", {"item": 1})) == "unknown_action"
    assert fingerprint(busy_room) == before


BAD_ENVELOPES = [
    "a string",
    ["a", "list"],
    42,
    None,
    {"type": "note.add", "data": {"text": "x"}},
    {"op": "short", "type": "note.add", "data": {"text": "x"}},
    {"op": "bad op chars!", "type": "note.add", "data": {"text": "x"}},
    {"op": "x" * 65, "type": "note.add", "data": {"text": "x"}},
    {"op": "abcdefgh1234", "data": {"text": "x"}},
    {"op": "abcdefgh1234", "type": "", "data": {}},
    {"op": "abcdefgh1234", "type": "note.add", "data": "text"},
    {"op": "abcdefgh1234", "type": "note.add", "data": {"text": "x"}, "extra": 1},
    {"op": "abcdefgh1234", "type": "note.add", "phase": "first", "data": {"text": "x"}},
    {"op": 12345678, "type": "note.add", "data": {"text": "x"}},
]


def test_bad_envelopes_are_refused(busy_room):
    before = fingerprint(busy_room)
    for raw in BAD_ENVELOPES:
        ack = busy_room.phone.sock.emit("act", raw, callback=True)
        assert error_code(ack) == "bad_request", raw
    assert fingerprint(busy_room) == before


def test_bad_payloads_are_invalid(busy_room):
    sock = busy_room.phone.sock
    before = fingerprint(busy_room)
    note = busy_room.ids["NOTE"]
    assert error_code(act(sock, "note.add", {"text": "x", "color": "red"})) == "invalid"
    assert error_code(act(sock, "note.add", {"text": 12})) == "invalid"
    assert error_code(act(sock, "note.add", {})) == "invalid"
    assert error_code(act(sock, "note.plus", {"id": "seven"})) == "invalid"
    assert error_code(act(sock, "note.plus", {"id": note, "on": "maybe"})) == "invalid"
    assert fingerprint(busy_room) == before


def test_empty_text(busy_room):
    before = fingerprint(busy_room)
    sock = busy_room.phone.sock
    assert error_code(act(sock, "note.add", {"text": ""})) == "empty"
    assert error_code(act(sock, "note.add", {"text": "   \n "})) == "empty"
    console = busy_room.console_sock
    assert error_code(act(console, "theme.create", {"label": "  "})) == "empty"
    assert fingerprint(busy_room) == before


def test_too_long_names_the_phase_limit(busy_room):
    sock = busy_room.phone.sock
    before = fingerprint(busy_room)
    for length in (281, 501, 3000):
        ack = act(sock, "note.add", {"text": "a" * length})
        assert error_code(ack) == "too_long", length
        assert "280" in ack["error"]["message"]
    assert fingerprint(busy_room) == before
    assert act(sock, "note.add", {"text": "a" * 280})["ok"]


def test_too_long_label(busy_room):
    ack = act(busy_room.console_sock, "theme.create", {"label": "g" * 81})
    assert error_code(ack) == "too_long"
    assert "80" in ack["error"]["message"]


def test_too_long_with_a_kit_limit(make_room):
    room = make_room()
    set_config(room, 0, max_length=40)
    _, [phone] = started(room, ("", ""))
    ack = act(phone.sock, "note.add", {"text": "b" * 41})
    assert error_code(ack) == "too_long"
    assert "40" in ack["error"]["message"]


def test_oversize_message_is_too_large(busy_room):
    before = fingerprint(busy_room)
    limit = busy_room.app.config["MAX_MESSAGE_BYTES"]
    ack = act(busy_room.phone.sock, "note.add", {"text": "ä" * limit})
    assert error_code(ack) == "too_large"
    assert fingerprint(busy_room) == before


def test_not_started_in_the_lobby(make_room):
    room = make_room()
    phone = room.join()
    before = fingerprint(room)
    ack = act(phone.sock, "note.add", {"text": "Too early"})
    assert error_code(ack) == "not_started"
    assert ack["error"]["message"] == message("not_started")
    assert fingerprint(room) == before


def test_ended_workshop(busy_room):
    act(busy_room.console_sock, "workshop.end")
    before = fingerprint(busy_room)
    sock = busy_room.phone.sock
    assert error_code(act(sock, "note.add", {"text": "x"})) == "ended"
    assert error_code(act(sock, "note.plus", {"id": busy_room.ids["NOTE"]})) == "ended"
    assert fingerprint(busy_room) == before


def test_someone_elses_note(busy_room):
    before = fingerprint(busy_room)
    sock = busy_room.phone.sock
    note = busy_room.ids["NOTE"]
    assert error_code(act(sock, "note.edit", {"id": note, "text": "Mine now"})) == "not_yours"
    assert error_code(act(sock, "note.delete", {"id": note})) == "not_yours"
    assert fingerprint(busy_room) == before


def test_plus_on_own_note(busy_room):
    mine = act(busy_room.phone.sock, "note.add", {"text": "Mine"})["data"]["note"]
    before = fingerprint(busy_room)
    ack = act(busy_room.phone.sock, "note.plus", {"id": mine["id"], "on": True})
    assert error_code(ack) == "own_note"
    assert fingerprint(busy_room) == before


def test_replayed_operation_gives_the_same_ack_and_changes_nothing(busy_room):
    """A replay answers with the stored ack: the same ids and counts, without the note's text
    (the replay log keeps no user text; the phone has its own)."""
    sock = busy_room.phone.sock
    events(busy_room.console_sock)
    first = act(sock, "note.add", {"text": "Once"}, op="replay-op-0001")
    assert first["ok"] and first["data"]["note"]["text"] == "Once"
    assert len(events(busy_room.console_sock)) == 1
    before = fingerprint(busy_room)
    again = act(sock, "note.add", {"text": "Once"}, op="replay-op-0001")
    first = without_text(first)
    assert again == first and "text" not in again["data"]["note"]
    # Even after the room moved on (the ack was lost, the phone reconnected later).
    act(busy_room.console_sock, "phase.next")
    events(busy_room.console_sock)
    before = fingerprint(busy_room)
    assert act(sock, "note.add", {"text": "Once"}, op="replay-op-0001") == first
    assert fingerprint(busy_room) == before
    assert events(busy_room.console_sock) == []
    # The same op id from another seat is a different action.
    assert act(busy_room.other.sock, "note.add", {"text": "x"}, op="replay-op-0001")["ok"] is not (
        None
    )


def test_sync_and_act_without_a_seat(app, busy_room):
    from facilitator.realtime import namespace

    sock = busy_room.phone.sock
    sid = next(iter(namespace._seats))
    # Simulate a lost seat: the server forgot every connection (e.g. a restarted process).
    saved = dict(namespace._seats)
    namespace._seats.clear()
    try:
        assert error_code(act(sock, "note.add", {"text": "x"})) == "no_seat"
        assert error_code(sock.emit("sync", callback=True)) == "no_seat"
    finally:
        namespace._seats.update(saved)
    assert sid in namespace._seats
    assert snapshot(sock)["role"] == "participant"


def test_odd_values_are_refused_not_crashed(busy_room):
    """(Binary packets are refused before decoding: tests/live/test_socket_guard.py.)"""
    sock = busy_room.phone.sock
    before = fingerprint(busy_room)
    ack = act(sock, "note.add", {"text": ["a", "b"]})
    assert error_code(ack) == "invalid"
    ack = act(sock, "note.plus", {"id": 10**30})
    assert error_code(ack) in ("not_found", "invalid")
    assert fingerprint(busy_room) == before
