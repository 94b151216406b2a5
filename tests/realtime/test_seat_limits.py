"""Limits follow the person (issue 16, finding 3): one budget per seat across its connections, a
cap on connections per seat; and the protocol's odd messages (finding 2, 8) are refused in the
one error shape: extra arguments, unknown event names, keys a participant may not send."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from facilitator.extensions import socketio
from facilitator.realtime.limits import SeatLimits
from tests.conftest import Phone, Room, act, running_app
from tests.realtime.helpers import error_code, message, notes, snapshot, started


@pytest.fixture()
def app(tmp_path: Path) -> Iterator[Flask]:
    """A burst of 5, one more a second, at most 3 connections a seat."""
    with running_app(tmp_path / "data", RATE_BURST=5, RATE_PER_SECOND=1, SEAT_CONNECTIONS=3) as app:
        yield app


def another_connection(room: Room, phone: Phone):  # type: ignore[no-untyped-def]
    """The same phone (same seat cookie) opens one more socket."""
    return socketio.test_client(
        room.app, flask_test_client=phone.http, auth={"workshop": room.id, "role": "participant"}
    )


def test_one_seat_shares_one_budget_across_its_connections(make_room):
    room = make_room()
    _, [phone] = started(room, ("", ""))
    socks = [phone.sock, another_connection(room, phone), another_connection(room, phone)]
    start = time.monotonic()
    acks = [act(socks[i % 3], "note.add", {"text": f"n{i}"}) for i in range(15)]
    elapsed = time.monotonic() - start
    accepted = [a for a in acks if a["ok"]]
    # Three sockets do not triple the burst: 5 at once, then one a second.
    assert len(accepted) <= 5 + int(elapsed) + 1, (len(accepted), elapsed)
    refused = [a for a in acks if not a["ok"]]
    assert refused and {error_code(a) for a in refused} == {"rate_limited"}
    assert len(notes(room)) == len(accepted)


def test_a_seat_holds_a_limited_number_of_connections(make_room):
    room = make_room()
    _, [phone] = started(room, ("", ""))
    second, third = another_connection(room, phone), another_connection(room, phone)
    assert second.is_connected() and third.is_connected()
    fourth = another_connection(room, phone)
    assert not fourth.is_connected()
    # Another person is not affected, and a closed connection frees its place.
    other = room.join()
    assert other.sock.is_connected()
    third.disconnect()
    again = another_connection(room, phone)
    assert again.is_connected()
    assert snapshot(again)["role"] == "participant"


def test_seat_limits_forget_idle_seats_only_when_nothing_is_lost() -> None:
    clock = [0.0]
    limits = SeatLimits(rate=1, burst=2, max_connections=2, clock=lambda: clock[0])
    key = (1, "p:1")
    assert limits.attach(key) and limits.attach(key) and not limits.attach(key)
    assert limits.allow_action(key) and limits.allow_action(key)
    assert not limits.allow_action(key)
    limits.detach(key)
    limits.detach(key)
    assert limits.connections(key) == 0
    # Reconnecting at once does not refill the budget.
    assert limits.attach(key)
    assert not limits.allow_action(key)
    clock[0] = 1.0
    assert limits.allow_action(key)


def test_extra_arguments_and_unknown_events_are_refused(make_room):
    """An act with an extra argument used to raise TypeError (and log the note); an unknown
    event name got no answer."""
    room = make_room()
    _, [phone] = started(room, ("", ""))
    envelope = {"op": uuid.uuid4().hex, "type": "note.add", "data": {"text": "Salaisuus"}}
    ack = phone.sock.emit("act", envelope, "extra", callback=True)
    assert error_code(ack) == "bad_request"
    assert ack["error"]["message"] == message("bad_request")
    assert error_code(phone.sock.emit("sync", {}, {}, callback=True)) == "bad_request"
    assert error_code(phone.sock.emit("nonsense", {"a": 1}, callback=True)) == "bad_request"
    assert notes(room) == []
    # The connection still works.
    assert act(phone.sock, "note.add", {"text": "Oikea"})["ok"]


def test_a_participant_may_not_send_staff_keys(make_room):
    """note.add with on_behalf_role is the facilitator's (a scribe note); from a phone it is
    refused, not silently ignored."""
    room = make_room()
    console, [phone] = started(room, ("", ""))
    for value in ("client", None, ""):
        ack = act(phone.sock, "note.add", {"text": "Minä", "on_behalf_role": value})
        assert error_code(ack) == "forbidden", value
    assert notes(room) == []
    assert act(console, "note.add", {"text": "Kirjuri", "on_behalf_role": "client"})["ok"]
