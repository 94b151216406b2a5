"""Timers that act: a follow-up action runs once when its timer runs out, never twice, and not
after the room has moved on."""

from __future__ import annotations

import time

from facilitator import timer
from facilitator.extensions import db
from facilitator.models import Workshop
from facilitator.realtime import scheduler
from tests.conftest import act, events
from tests.realtime.helpers import snapshot, started


def arm(room, then: dict, ends_in: float) -> float:  # type: ignore[no-untyped-def]
    """Give the running timer a follow-up action, ending ``ends_in`` seconds from now."""
    with room.app.app_context():
        workshop = db.session.get(Workshop, room.id)
        value = timer.start(timer.new_timer(60), time.time())
        value["ends_at"] = time.time() + ends_in
        value["then"] = then
        workshop.state = {**workshop.state, "timer": value}
        db.session.commit()
        return float(value["ends_at"])


def test_a_due_follow_up_runs_once_through_the_gate(make_room) -> None:
    room = make_room()
    console, _ = started(room, ("", ""))
    arm(room, {"type": "phase.next", "phase": room.phase_id(0), "data": {}}, ends_in=30)
    assert scheduler.run_due(room.app) == 0  # not yet
    assert snapshot(console)["phase"]["index"] == 0
    arm(room, {"type": "phase.next", "phase": room.phase_id(0), "data": {}}, ends_in=-1)
    assert scheduler.run_due(room.app) == 1
    assert snapshot(console)["phase"]["index"] == 1
    assert any(e["type"] == "phase.changed" for e in events(console))
    # The next phase reset the timer: nothing more is due, nothing runs twice.
    assert scheduler.run_due(room.app) == 0
    assert snapshot(console)["phase"]["index"] == 1


def test_the_same_end_seen_twice_runs_once(make_room) -> None:
    room = make_room()
    started(room, ("", ""))
    ends = arm(room, {"type": "timer.add", "phase": room.phase_id(0), "data": {"seconds": 0}}, -1)
    # Two processes (or two ticks) see the same due timer: the op id is the same, so the gate's
    # replay check runs the action once.
    with room.app.app_context():
        workshop = db.session.get(Workshop, room.id)
        first = scheduler.due(workshop, time.time())
        second = scheduler.due(workshop, time.time() + 5)
    assert first is not None and second is not None and first["op"] == second["op"]
    assert str(int(ends * 1000)) in first["op"]


def test_a_follow_up_for_a_phase_the_room_left_is_dropped(make_room) -> None:
    room = make_room()
    console, _ = started(room, ("", ""))
    arm(room, {"type": "phase.next", "phase": room.phase_id(1), "data": {}}, ends_in=-1)
    assert scheduler.run_due(room.app) == 0
    assert snapshot(console)["phase"]["index"] == 0
    assert act(console, "timer.pause")["ok"]
