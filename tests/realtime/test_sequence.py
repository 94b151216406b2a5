"""Events: every one carries seq, staff and public share it, seq is gapless per workshop;
snapshots per role; the participants event."""

from __future__ import annotations

from facilitator.models import Participant
from tests.conftest import act, events
from tests.realtime.helpers import count, snapshot, started


def _run_a_workshop(room, console, phone):
    """A varied sequence of actions from every side."""
    note = act(phone.sock, "note.add", {"text": "Eka"})["data"]["note"]
    act(phone.sock, "note.edit", {"id": note["id"], "text": "Eka!"})
    group = act(console, "theme.create", {"label": "Ryhmä"})["data"]["theme"]
    act(console, "note.theme", {"id": note["id"], "theme": group["id"]})
    act(console, "timer.start")
    act(console, "phase.lock", {"on": True})
    act(console, "phase.lock", {"on": False})
    act(phone.sock, "note.add", {"text": "Toka"})
    act(console, "phase.next")
    act(console, "phase.reveal", {"on": True})
    act(console, "workshop.end")


def test_every_event_has_seq_and_staff_and_public_share_it_gaplessly(make_room):
    room = make_room()
    console = room.console()
    projector = room.projector()
    phone = room.join("Anna", "client")
    other_room = make_room()
    other_console = other_room.console()
    act(console, "workshop.start")
    act(other_console, "workshop.start")
    _run_a_workshop(room, console, phone)
    staff = events(console)
    public = events(projector)
    phone_events = events(phone.sock)
    for got in (staff, public, phone_events):
        assert all(isinstance(e["seq"], int) for e in got)
    # The console was connected before anything happened: it saw 1, 2, 3, … with no gap.
    assert [e["seq"] for e in staff] == list(range(1, len(staff) + 1))
    assert [e["seq"] for e in public] == [e["seq"] for e in staff]
    assert [e["type"] for e in public] == [e["type"] for e in staff]
    # The phone connected after its own join event; from then on it saw what the projector saw.
    first = phone_events[0]["seq"]
    assert [e["seq"] for e in phone_events] == [e["seq"] for e in public if e["seq"] >= first]
    assert room.workshop.seq == staff[-1]["seq"]
    assert snapshot(projector)["seq"] == staff[-1]["seq"]
    # Another workshop numbers its own events and none of ours reached it.
    other = events(other_console)
    assert [e["seq"] for e in other] == list(range(1, len(other) + 1))
    assert all(e["type"] in ("workshop.status", "phase.changed") for e in other)


def test_refused_and_replayed_actions_publish_nothing(make_room):
    room = make_room()
    console, [phone] = started(room, ("", ""))
    seq = room.workshop.seq
    act(phone.sock, "note.add", {"text": ""})
    act(phone.sock, "phase.next")
    act(phone.sock, "note.add", {"text": "x"}, op="same-op-123")
    act(phone.sock, "note.add", {"text": "x"}, op="same-op-123")
    assert room.workshop.seq == seq + 1
    assert [e["seq"] for e in events(console)] == [seq + 1]


def test_snapshot_on_connect_for_each_role(make_room):
    room = make_room()
    console = room.console()
    projector = room.projector()
    phone = room.join("Anna", "client")
    act(console, "workshop.start")
    act(phone.sock, "note.add", {"text": "Idea"})
    received = [e for e in room.console().get_received() if e["name"] == "snapshot"]
    staff = received[0]["args"][0]
    assert staff["role"] == "facilitator"
    assert staff["participants"] == {"count": 1, "by_role": {"client": 1}}
    assert [a["index"] for a in staff["agenda"]] == [0, 1]
    assert staff["view"]["notes"][0]["author"] == "Anna"
    assert staff["view"]["notes"][0]["role"] == "client"
    assert "me" not in staff
    public = snapshot(projector)
    assert public["role"] == "projector"
    assert public["participants"] == {"count": 1}
    assert "agenda" not in public and "me" not in public
    assert public["view"]["notes"][0].keys() == {"id", "text", "plus", "theme"}
    mine = snapshot(phone.sock)
    assert mine["role"] == "participant"
    assert mine["me"] == {
        "number": 1,
        "name": "Anna",
        "role": "client",
        "locale": "fi",
        "group": None,
    }
    assert mine["participants"] == {"count": 1}
    assert "agenda" not in mine
    assert mine["view"]["notes"][0]["mine"] is True
    for snap in (staff, public, mine):
        assert set(snap) >= {
            "seq",
            "server_now",
            "role",
            "locale",
            "workshop",
            "phase",
            "timer",
            "spotlight",
            "participants",
            "view",
        }
        assert snap["workshop"]["code"] == room.workshop.join_code
        assert snap["phase"]["key"] == "ideas"
    # No author names anywhere in what the public get.
    assert "Anna" not in repr(public) and "Anna" not in repr(mine["view"])


def test_joining_numbers_people_and_publishes_counts(make_room):
    room = make_room()
    console = room.console()
    projector = room.projector()
    first = room.join()
    second = room.join("Pekka", "professional")
    third = room.join("", "client")
    assert snapshot(first.sock)["me"]["number"] == 1
    assert snapshot(second.sock)["me"] == {
        "number": 2,
        "name": "Pekka",
        "role": "professional",
        "locale": "fi",
        "group": None,
    }
    assert snapshot(third.sock)["me"]["number"] == 3
    staff = [e for e in events(console) if e["type"] == "participants"]
    public = [e for e in events(projector) if e["type"] == "participants"]
    assert [e["data"] for e in public] == [{"count": 1}, {"count": 2}, {"count": 3}]
    assert staff[-1]["data"] == {"count": 3, "by_role": {"": 1, "client": 1, "professional": 1}}
    assert [e["seq"] for e in staff] == [e["seq"] for e in public]


def test_a_stated_role_that_is_not_offered_seats_nobody(make_room):
    room = make_room()
    http = room.app.test_client()
    response = http.post(f"/j/{room.workshop.join_code}", data={"name": "", "role": "boss"})
    assert response.status_code == 200
    assert http.get_cookie(f"seat_{room.id}") is None
    assert count(room.app, Participant, workshop_id=room.id) == 0


def test_changing_ones_role_later_publishes_participants(make_room):
    room = make_room()
    console = room.console()
    phone = room.join("", "")
    events(console)
    response = phone.http.post(
        f"/w/{room.workshop.join_code}/me", data={"name": "Liisa", "role": "expert"}
    )
    assert response.status_code == 302
    got = [e for e in events(console) if e["type"] == "participants"]
    assert got[-1]["data"] == {"count": 1, "by_role": {"expert": 1}}
    assert snapshot(phone.sock)["me"]["name"] == "Liisa"
