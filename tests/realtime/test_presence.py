"""Presence: who else is editing a field reaches the others who see that field, nobody else,
and is never saved or numbered."""

from __future__ import annotations

from tests.conftest import act
from tests.realtime.helpers import fingerprint, snapshot, started
from tests.realtime.test_groups import group_of, per_group


def presence_of(client) -> list[dict]:  # type: ignore[no-untyped-def]
    """Presence messages a client received."""
    return [e["args"][0] for e in client.get_received() if e["name"] == "presence"]


def test_presence_reaches_the_others_of_the_wall_only(make_room) -> None:
    room = make_room()
    per_group(room)
    console, phones = started(room, ("Anna", ""), ("", ""), ("", ""), ("", ""))
    assert act(console, "groups.form", {"count": 2})["ok"]
    by_group: dict[int, list] = {}
    for phone in phones:
        by_group.setdefault(group_of(phone), []).append(phone)
    (_, mine), (_, theirs) = sorted(by_group.items())
    phase = snapshot(mine[0].sock)["phase"]["id"]
    for phone in phones:
        phone.sock.get_received()
    before = fingerprint(room)
    mine[0].sock.emit("presence", {"key": "wording-12", "phase": phase, "on": True})
    got = presence_of(mine[1].sock)
    number = snapshot(mine[0].sock)["me"]["number"]
    assert got == [
        {"phase": phase, "key": "wording-12", "on": True, "who": number, "name": got[0]["name"]}
    ]
    assert presence_of(mine[0].sock) == []  # not echoed to the sender
    assert all(presence_of(p.sock) == [] for p in theirs)  # another group's wall
    assert fingerprint(room) == before  # nothing saved, no seq used


def test_bad_presence_is_ignored(make_room) -> None:
    room = make_room()
    console, [phone, other] = started(room, ("", ""), ("", ""))
    phase = snapshot(phone.sock)["phase"]["id"]
    other.sock.get_received()
    for bad in (None, "x", {"key": "k" * 81, "phase": phase}, {"key": "k", "phase": phase + 99}):
        phone.sock.emit("presence", bad)
    assert presence_of(other.sock) == []
    console.emit("presence", {"key": "k", "phase": phase})  # staff do not edit fields
    assert presence_of(other.sock) == []
