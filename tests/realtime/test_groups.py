"""Groups of people and per-group phases over real sockets: forming, moving, late arrivals,
and a note written in one group never reaching another group's phones, even as hidden data."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import Phase
from tests.conftest import Phone, Room, act, events
from tests.realtime.helpers import error_code, snapshot, started


def per_group(room: Room, index: int = 0) -> None:
    """Make phase ``index`` a per-group phase (as a kit's per_group: true would)."""
    with room.app.app_context():
        phase = db.session.scalars(
            select(Phase).where(Phase.workshop_id == room.id, Phase.position == index)
        ).one()
        phase.per_group = True
        db.session.commit()


def group_of(phone: Phone) -> int:
    """The group id a phone's snapshot says it is in."""
    me = snapshot(phone.sock)["me"]
    assert me["group"] is not None, me
    return int(me["group"]["id"])


def received_text(client: Any) -> str:
    """Everything a client received, as one string (to look for text that must not be there)."""
    return json.dumps(client.get_received(), ensure_ascii=False)


def test_forming_groups_places_everyone_and_phones_know_their_group(make_room) -> None:
    room = make_room()
    console, phones = started(room, *[("", "client")] * 3, *[("", "professional")] * 3)
    ack = act(console, "groups.form", {"count": 3, "mix_roles": True})
    assert ack["ok"] and ack["data"]["groups"] == 3
    staff = snapshot(console)["groups"]
    assert [g["size"] for g in staff["list"]] == [2, 2, 2]
    assert len(staff["people"]) == 6 and all(p["group"] for p in staff["people"])
    # Mixed: each group has one client and one professional.
    role = {p["id"]: p["role"] for p in staff["people"]}
    for group in staff["list"]:
        assert sorted(role[m] for m in group["members"]) == ["client", "professional"]
    seen = {group_of(phone) for phone in phones}
    assert seen == {g["id"] for g in staff["list"]}
    # Phones and the projector see sizes and names, never who is where.
    public = snapshot(room.projector())["groups"]
    assert "people" not in public and all("members" not in g for g in public["list"])
    # Naming reaches every screen.
    first = staff["list"][0]["id"]
    assert act(console, "groups.name", {"group": first, "name": "Ikkunan vieressä"})["ok"]
    names = {g["id"]: g["name"] for g in snapshot(phones[0].sock)["groups"]["list"]}
    assert names[first] == "Ikkunan vieressä"


def test_forming_needs_people_and_one_way_of_counting(make_room) -> None:
    room = make_room()
    console, _ = started(room)
    assert error_code(act(console, "groups.form", {"count": 2})) == "nobody_here"
    room.join()
    assert error_code(act(console, "groups.form", {"count": 2, "size": 3})) == "invalid"
    assert error_code(act(console, "groups.form", {})) == "invalid"


def test_a_note_in_one_group_never_reaches_another_groups_phones(make_room) -> None:
    room = make_room()
    per_group(room)
    console, phones = started(room, *[("", "")] * 4)
    projector = room.projector()
    assert act(console, "groups.form", {"count": 2})["ok"]
    by_group: dict[int, list[Phone]] = {}
    for phone in phones:
        by_group.setdefault(group_of(phone), []).append(phone)
    (g1, mine), (g2, theirs) = sorted(by_group.items())
    for client in [console, projector, *(p.sock for p in phones)]:
        client.get_received()

    secret = "Vain meidän ryhmämme ajatus"
    note = act(mine[0].sock, "note.add", {"text": secret})["data"]["note"]
    assert note["group"] == g1
    # The other group's phones: a placeholder with the seq, nothing else.
    for phone in theirs:
        got = events(phone.sock)
        assert [e["type"] for e in got] == ["-"], got
        assert secret not in json.dumps(got, ensure_ascii=False)
        assert secret not in json.dumps(snapshot(phone.sock), ensure_ascii=False)
        # Nor can they +1 it by guessing its id.
        assert error_code(act(phone.sock, "note.plus", {"id": note["id"]})) == "not_found"
    # Their own group's phones, the projector and the console get it once each.
    for client in [mine[1].sock, projector, console]:
        texts = [e["data"]["note"]["text"] for e in events(client) if e["type"] == "note.added"]
        assert texts == [secret]
    assert [n["text"] for n in snapshot(mine[1].sock)["view"]["notes"]] == [secret]
    assert [n["group"] for n in snapshot(projector)["view"]["notes"]] == [g1]

    # Moving someone: their phone follows at once, and sees the other wall instead.
    mover = theirs[0]
    assert group_of(mover) == g2
    me = snapshot(mover.sock)["me"]["number"]
    pid = next(p["id"] for p in snapshot(console)["groups"]["people"] if p["number"] == me)
    mover.sock.get_received()
    assert act(console, "groups.move", {"person": pid, "group": g1})["ok"]
    got = events(mover.sock)
    assert any(e["type"] == "groups.moved" and e["data"].get("resync") for e in got), got
    assert group_of(mover) == g1
    assert [n["text"] for n in snapshot(mover.sock)["view"]["notes"]] == [secret]
    # The phone that stayed in the other group still gets nothing of group 1's notes.
    stay = theirs[1]
    stay.sock.get_received()
    act(mine[0].sock, "note.add", {"text": "Toinen salaisuus"})
    assert "Toinen salaisuus" not in received_text(stay.sock)
    assert "Toinen salaisuus" in received_text(mover.sock)


def test_late_arrivals_join_the_smallest_group(make_room) -> None:
    room = make_room()
    console, _ = started(room, *[("", "")] * 5)
    assert act(console, "groups.form", {"count": 2})["ok"]  # sizes 3 and 2
    console.get_received()
    late = room.join("Myöhäinen", "")
    sizes = sorted(g["size"] for g in snapshot(console)["groups"]["list"])
    assert sizes == [3, 3]
    assert snapshot(late.sock)["me"]["group"] is not None
    assert any(e["type"] == "groups.changed" for e in events(console))


def test_moves_only_within_this_workshop(make_room) -> None:
    mine, theirs = make_room(), make_room()
    console, [phone] = started(mine, ("", ""))
    their_console, [their_phone] = started(theirs, ("", ""))
    act(console, "groups.form", {"count": 1})
    act(their_console, "groups.form", {"count": 1})
    their_group = snapshot(their_console)["groups"]["list"][0]["id"]
    my_person = snapshot(console)["groups"]["people"][0]["id"]
    their_person = snapshot(their_console)["groups"]["people"][0]["id"]
    my_group = snapshot(console)["groups"]["list"][0]["id"]
    assert error_code(act(console, "groups.move", {"person": my_person, "group": their_group})) == (
        "not_found"
    )
    assert error_code(act(console, "groups.move", {"person": their_person, "group": my_group})) == (
        "not_found"
    )
    assert error_code(act(phone.sock, "groups.form", {"count": 1})) == "forbidden"
    assert error_code(act(their_phone.sock, "groups.show", {"group": None})) == "forbidden"


def test_clearing_groups_brings_the_room_back_together(make_room) -> None:
    room = make_room()
    per_group(room)
    console, phones = started(room, *[("", "")] * 2)
    act(console, "groups.form", {"count": 2})
    act(phones[0].sock, "note.add", {"text": "Ensimmäinen"})
    assert act(console, "groups.clear")["ok"]
    assert snapshot(phones[1].sock)["me"]["group"] is None
    # The walls are one again: everyone sees every note; new notes are room-wide.
    assert [n["text"] for n in snapshot(phones[1].sock)["view"]["notes"]] == ["Ensimmäinen"]
    act(phones[1].sock, "note.add", {"text": "Koko huoneelle"})
    notes = snapshot(phones[0].sock)["view"]["notes"]
    assert [n["text"] for n in notes] == ["Ensimmäinen", "Koko huoneelle"]
    assert "group" not in notes[1]
