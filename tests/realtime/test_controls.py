"""Every workshop control in docs/protocol.md, sent by the facilitator's console."""

from __future__ import annotations

from facilitator.extensions import db
from facilitator.models import Contribution
from tests.conftest import act, events
from tests.realtime.helpers import error_code, snapshot, started


def _types(client):
    return [e["type"] for e in events(client)]


def test_start_leaves_the_lobby_and_enters_phase_zero(make_room):
    room = make_room()
    console = room.console()
    projector = room.projector()
    first = snapshot(console)
    assert first["workshop"]["status"] == "draft"
    ack = act(console, "workshop.start")
    assert ack == {"ok": True, "data": {"status": "running"}}
    got = events(projector)
    assert [e["type"] for e in got] == ["workshop.status", "phase.changed"]
    assert got[1]["data"] == {"index": 0, "phase": room.phase_id(0), "resync": True}
    assert room.workshop.status == "running"
    assert room.workshop.phases[0].started_at is not None
    # A second start changes nothing and publishes nothing.
    events(console)
    assert act(console, "workshop.start")["data"] == {"status": "running"}
    assert events(console) == []


def test_next_back_and_goto(make_room):
    room = make_room()
    console, _ = started(room)
    assert act(console, "phase.next")["data"] == {"index": 1}
    assert _types(console) == ["phase.changed"]
    assert room.workshop.current_phase == 1
    assert room.workshop.phases[1].started_at is not None
    # At the end: next stays put and publishes nothing.
    assert act(console, "phase.next")["data"] == {"index": 1}
    assert _types(console) == []
    assert act(console, "phase.back")["data"] == {"index": 0}
    assert room.workshop.current_phase == 0
    assert act(console, "phase.back")["data"] == {"index": 0}
    assert _types(console) == ["phase.changed"]
    assert act(console, "phase.goto", {"index": 1})["data"] == {"index": 1}
    assert room.workshop.current_phase == 1
    assert error_code(act(console, "phase.goto", {"index": 7})) == "not_found"
    assert error_code(act(console, "phase.goto", {"index": -1})) == "invalid"
    assert room.workshop.current_phase == 1


def test_next_in_the_lobby_starts_the_workshop(make_room):
    room = make_room()
    console = room.console()
    assert act(console, "phase.next")["data"] == {"status": "running"}
    assert room.workshop.status == "running"
    assert room.workshop.current_phase == 0


def test_goto_in_the_lobby_starts_then_jumps(make_room):
    room = make_room()
    console = room.console()
    assert act(console, "phase.goto", {"index": 1})["ok"]
    w = room.workshop
    assert (w.status, w.current_phase) == ("running", 1)


def test_lock_and_unlock(make_room):
    room = make_room()
    console, [phone] = started(room, ("", ""))
    assert act(console, "phase.lock", {"on": True})["data"] == {"locked": True}
    got = events(phone.sock)
    assert got[-1]["type"] == "phase.state"
    assert got[-1]["data"] == {"phase": room.phase_id(0), "locked": True}
    assert snapshot(phone.sock)["phase"]["locked"] is True
    assert error_code(act(phone.sock, "note.add", {"text": "x"})) == "locked"
    assert act(console, "phase.lock", {"on": False})["data"] == {"locked": False}
    assert act(phone.sock, "note.add", {"text": "x"})["ok"]


def test_reveal_publishes_resync(make_room):
    room = make_room()
    console, [phone] = started(room, ("", ""))
    assert act(console, "phase.reveal", {"on": True})["data"] == {"revealed": True}
    ev = events(phone.sock)[-1]
    assert ev["type"] == "phase.state" and ev["data"]["resync"] is True
    assert snapshot(phone.sock)["phase"]["revealed"] is True
    assert act(console, "phase.reveal", {"on": False})["ok"]
    assert snapshot(phone.sock)["phase"]["revealed"] is False


def test_timer_start_pause_add_reset(make_room):
    room = make_room()
    console, [phone] = started(room, ("", ""))
    snap = snapshot(phone.sock)
    assert snap["timer"] == {
        "duration": 480,
        "remaining": 480.0,
        "ends_at": None,
        "running": False,
        "warning": 60,
    }
    ack = act(console, "timer.start")
    t = ack["data"]["timer"]
    assert t["running"] and t["ends_at"] is not None
    ev = events(phone.sock)[-1]
    assert ev["type"] == "timer" and "server_now" in ev["data"]
    assert ev["data"]["timer"] == t
    # A reload computes the same time left from state + server_now.
    snap = snapshot(phone.sock)
    left = snap["timer"]["ends_at"] - snap["server_now"]
    assert 470 < left <= 480
    paused = act(console, "timer.pause")["data"]["timer"]
    assert not paused["running"] and 470 < paused["remaining"] <= 480
    added = act(console, "timer.add", {"seconds": 60})["data"]["timer"]
    assert added["remaining"] == paused["remaining"] + 60
    assert error_code(act(console, "timer.add", {"seconds": 3601})) == "invalid"
    assert error_code(act(console, "timer.add", {})) == "invalid"
    reset = act(console, "timer.reset")["data"]["timer"]
    assert reset == {
        "duration": 480,
        "remaining": 480.0,
        "ends_at": None,
        "running": False,
        "warning": 60,
    }
    reset = act(console, "timer.reset", {"seconds": 90})["data"]["timer"]
    assert reset["remaining"] == 90.0
    assert snapshot(phone.sock)["timer"]["remaining"] == 90.0


def test_entering_a_phase_resets_timer_and_spotlight(make_room):
    room = make_room()
    console, [phone] = started(room, ("", ""))
    note = act(phone.sock, "note.add", {"text": "Idea"})["data"]["note"]
    assert act(console, "spotlight.set", {"id": note["id"]})["ok"]
    act(console, "timer.start")
    act(console, "phase.next")
    snap = snapshot(phone.sock)
    assert snap["spotlight"] is None
    assert snap["timer"]["running"] is False and snap["timer"]["duration"] == 300


def test_spotlight_set_and_clear(make_room):
    room = make_room()
    console, [phone] = started(room, ("", ""))
    projector = room.projector()
    note = act(phone.sock, "note.add", {"text": "Kuuntelu"})["data"]["note"]
    events(projector)
    ack = act(console, "spotlight.set", {"id": note["id"]})
    assert ack["data"]["spotlight"] == {"id": note["id"], "text": "Kuuntelu"}
    assert events(projector)[-1] == {
        "seq": ack_seq(room),
        "type": "spotlight",
        "data": {"spotlight": {"id": note["id"], "text": "Kuuntelu"}},
    }
    assert snapshot(projector)["spotlight"]["id"] == note["id"]
    assert act(console, "spotlight.set", {"id": None})["data"]["spotlight"] is None
    assert snapshot(projector)["spotlight"] is None
    assert error_code(act(console, "spotlight.set", {"id": 999999})) == "not_found"


def ack_seq(room):
    return room.workshop.seq


def test_item_hide_and_restore(make_room):
    room = make_room()
    console, [phone] = started(room, ("", ""))
    projector = room.projector()
    note = act(phone.sock, "note.add", {"text": "Rude"})["data"]["note"]
    act(console, "spotlight.set", {"id": note["id"]})
    events(projector)
    events(console)
    assert act(console, "item.hide", {"id": note["id"], "hidden": True})["data"] == {
        "id": note["id"],
        "hidden": True,
    }
    public = events(projector)
    staff = events(console)
    assert [e["type"] for e in public] == ["spotlight", "item.removed"]
    assert public[0]["data"] == {"spotlight": None}
    assert public[1]["data"] == {"id": note["id"], "phase": room.phase_id(0)}
    assert staff[1]["data"]["hidden"] is True
    assert [e["seq"] for e in public] == [e["seq"] for e in staff]
    # Public screens drop it; the console keeps it, flagged.
    assert snapshot(projector)["view"]["notes"] == []
    assert snapshot(phone.sock)["view"]["notes"] == []
    staff_notes = snapshot(console)["view"]["notes"]
    assert staff_notes[0]["id"] == note["id"] and staff_notes[0]["hidden"] is True
    with room.app.app_context():
        row = db.session.get(Contribution, note["id"])
        assert row is not None and row.hidden and not row.deleted
    assert act(console, "item.hide", {"id": note["id"], "hidden": False})["ok"]
    ev = events(projector)[-1]
    assert ev["type"] == "item.restored" and ev["data"]["resync"] is True
    assert [n["id"] for n in snapshot(projector)["view"]["notes"]] == [note["id"]]
    assert error_code(act(console, "item.hide", {"id": 424242, "hidden": True})) == "not_found"


def test_join_visible(make_room):
    room = make_room()
    console, _ = started(room)
    projector = room.projector()
    assert act(console, "join.visible", {"on": False})["data"] == {"visible": False}
    assert events(projector)[-1]["data"] == {"visible": False}
    assert snapshot(projector)["workshop"]["join_hidden"] is True
    act(console, "join.visible", {"on": True})
    assert snapshot(projector)["workshop"]["join_hidden"] is False


def test_workshop_locale(make_room):
    room = make_room()
    console, _ = started(room)
    projector = room.projector()
    assert act(console, "workshop.locale", {"locale": "sv"})["data"] == {"locale": "sv"}
    ev = events(projector)[-1]
    assert ev["data"] == {"locale": "sv", "resync": True}
    snap = snapshot(room.projector())
    assert snap["workshop"]["locale"] == "sv"
    assert snap["phase"]["title"] == "Tankar"
    assert error_code(act(console, "workshop.locale", {"locale": "de"})) == "invalid"


def test_workshop_end(make_room):
    room = make_room()
    console, [phone] = started(room, ("", ""))
    act(console, "timer.start")
    assert act(console, "workshop.end")["data"] == {"status": "ended"}
    ev = events(phone.sock)[-1]
    assert ev["type"] == "workshop.status"
    assert ev["data"] == {"status": "ended", "resync": True}
    snap = snapshot(phone.sock)
    assert snap["workshop"]["status"] == "ended"
    assert snap["timer"]["running"] is False
    assert room.workshop.ended_at is not None
    assert error_code(act(phone.sock, "note.add", {"text": "late"})) == "ended"
    # Ending twice is harmless.
    events(console)
    assert act(console, "workshop.end")["data"] == {"status": "ended"}
    assert events(console) == []


def test_goto_the_current_phase_changes_nothing(make_room):
    room = make_room()
    console, _ = started(room)
    act(console, "timer.start")
    events(console)
    assert act(console, "phase.goto", {"index": 0})["data"] == {"index": 0}
    assert events(console) == []
    assert snapshot(console)["timer"]["running"] is True
