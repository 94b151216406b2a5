"""Dot voting over sockets: frozen items, budget and per-item cap, results visibility."""

from __future__ import annotations

from tests.conftest import act, events
from tests.realtime.helpers import error_code, set_config, snapshot, started


def _to_voting(room, *phones, ideas=9):
    """Start, write ``ideas`` notes in phase 0, move to the voting phase."""
    console, joined = started(room, *phones)
    writer = joined[0]
    for i in range(ideas):
        assert act(writer.sock, "note.add", {"text": f"Idea {i}"})["ok"]
    assert act(console, "phase.next")["ok"]
    for client in [console] + [p.sock for p in joined]:
        client.get_received()
    return console, joined


def _items(client):
    return snapshot(client)["view"]["items"]


def test_items_are_frozen_from_the_source_phase(make_room):
    room = make_room()
    console, [phone] = _to_voting(room, ("", ""), ideas=4)
    items = _items(phone.sock)
    assert [i["text"] for i in items] == [f"Idea {i}" for i in range(4)]
    # Editing the source after the voting started does not move items.
    act(console, "phase.back")
    act(phone.sock, "note.add", {"text": "Late idea"})
    act(console, "phase.next")
    assert [i["text"] for i in _items(phone.sock)] == [f"Idea {i}" for i in range(4)]


def test_themes_become_the_items_when_there_are_themes(make_room):
    room = make_room()
    console, [phone] = started(room, ("", ""))
    a = act(phone.sock, "note.add", {"text": "A"})["data"]["note"]
    g = act(console, "theme.create", {"label": "Ryhmä A"})["data"]["theme"]
    act(console, "note.theme", {"id": a["id"], "theme": g["id"]})
    act(console, "theme.create", {"label": "Ryhmä B"})
    act(console, "phase.next")
    assert [i["text"] for i in _items(phone.sock)] == ["Ryhmä A", "Ryhmä B"]


def test_hidden_and_deleted_notes_do_not_become_items(make_room):
    room = make_room()
    console, [phone] = started(room, ("", ""))
    a = act(phone.sock, "note.add", {"text": "Keep"})["data"]["note"]
    b = act(phone.sock, "note.add", {"text": "Hidden"})["data"]["note"]
    c = act(phone.sock, "note.add", {"text": "Deleted"})["data"]["note"]
    act(console, "item.hide", {"id": b["id"], "hidden": True})
    act(phone.sock, "note.delete", {"id": c["id"]})
    act(console, "phase.next")
    assert [i["text"] for i in _items(phone.sock)] == ["Keep"]
    del a


def test_vote_add_and_remove(make_room):
    room = make_room()
    console, [voter, other] = _to_voting(room, ("", ""), ("", ""))
    items = _items(voter.sock)
    first = items[0]["id"]
    ack = act(voter.sock, "vote.add", {"item": first})
    assert ack == {"ok": True, "data": {"item": first, "mine": 1, "spent": 1, "budget": 3}}
    staff = events(console)[-1]
    assert staff["type"] == "votes.changed"
    assert staff["data"]["results"][0] == {"id": first, "rank": 1, "votes": 1, "voters": 1}
    # The public do not see results before the reveal.
    public = events(other.sock)[-1]
    assert public["data"] == {"phase": room.phase_id(1)}
    assert public["seq"] == staff["seq"]
    assert "results" not in snapshot(other.sock)["view"]
    assert act(voter.sock, "vote.remove", {"item": first})["data"]["mine"] == 0
    # Removing what is not there is harmless and publishes nothing.
    events(console)
    ack = act(voter.sock, "vote.remove", {"item": first})
    assert ack["data"] == {"item": first, "mine": 0, "spent": 0, "budget": 3}
    assert events(console) == []
    assert error_code(act(voter.sock, "vote.add", {"item": 999999})) == "not_found"


def test_budget_and_per_item_cap(make_room):
    room = make_room()
    _, [voter] = _to_voting(room, ("", ""), ideas=12)
    items = [i["id"] for i in _items(voter.sock)]
    snap = snapshot(voter.sock)["view"]
    assert (snap["budget"], snap["per_item"]) == (4, 3)
    for _ in range(3):
        assert act(voter.sock, "vote.add", {"item": items[0]})["ok"]
    ack = act(voter.sock, "vote.add", {"item": items[0]})
    assert error_code(ack) == "item_vote_cap"
    assert "3" in ack["error"]["message"]
    assert act(voter.sock, "vote.add", {"item": items[1]})["data"]["spent"] == 4
    assert error_code(act(voter.sock, "vote.add", {"item": items[2]})) == "no_votes_left"
    view = snapshot(voter.sock)["view"]
    assert view["spent"] == 4
    assert view["mine"] == {str(items[0]): 3, str(items[1]): 1}
    # Taking one back frees a vote.
    act(voter.sock, "vote.remove", {"item": items[0]})
    assert act(voter.sock, "vote.add", {"item": items[2]})["ok"]


def test_kit_sets_budget_and_cap(make_room):
    room = make_room()
    set_config(room, 1, votes_per_person=2, max_per_item=1)
    _, [voter] = _to_voting(room, ("", ""), ideas=12)
    items = [i["id"] for i in _items(voter.sock)]
    assert act(voter.sock, "vote.add", {"item": items[0]})["data"]["budget"] == 2
    assert error_code(act(voter.sock, "vote.add", {"item": items[0]})) == "item_vote_cap"
    assert act(voter.sock, "vote.add", {"item": items[1]})["ok"]
    assert error_code(act(voter.sock, "vote.add", {"item": items[2]})) == "no_votes_left"


def test_fixed_items_from_the_kit(make_room):
    room = make_room()
    set_config(
        room, 1, items_from=None, items=[{"fi": "Yksi", "en": "One"}, {"fi": "Kaksi", "en": ""}]
    )
    console, [phone] = started(room, ("", ""))
    act(console, "workshop.locale", {"locale": "en"})
    act(console, "phase.next")
    assert [i["text"] for i in _items(phone.sock)] == ["One", "Kaksi"]


def test_results_after_reveal_with_ranks_and_ties(make_room):
    room = make_room()
    console, [a, b, c] = _to_voting(room, ("", ""), ("", ""), ("", ""))
    items = [i["id"] for i in _items(a.sock)]
    act(a.sock, "vote.add", {"item": items[0]})
    act(a.sock, "vote.add", {"item": items[0]})
    act(b.sock, "vote.add", {"item": items[1]})
    act(c.sock, "vote.add", {"item": items[1]})
    act(c.sock, "vote.add", {"item": items[2]})
    staff = snapshot(console)["view"]
    top = staff["results"][:3]
    # Two votes each: the item with two distinct voters ranks first.
    assert [(r["id"], r["rank"], r["votes"], r["voters"]) for r in top] == [
        (items[1], 1, 2, 2),
        (items[0], 2, 2, 1),
        (items[2], 3, 1, 1),
    ]
    assert staff["close"] is True
    assert [r["rank"] for r in staff["results"][3:]] == [4] * 6
    act(console, "phase.reveal", {"on": True})
    public = snapshot(a.sock)["view"]
    assert public["results"] == staff["results"]
    events(b.sock)
    act(c.sock, "vote.remove", {"item": items[2]})
    assert "results" in events(b.sock)[-1]["data"]


def test_live_results_from_the_kit(make_room):
    room = make_room()
    set_config(room, 1, live_results=True)
    _, [voter, watcher] = _to_voting(room, ("", ""), ("", ""))
    projector = room.projector()
    item = _items(voter.sock)[0]["id"]
    act(voter.sock, "vote.add", {"item": item})
    assert events(watcher.sock)[-1]["data"]["results"][0]["id"] == item
    assert snapshot(projector)["view"]["results"][0]["votes"] == 1


def test_hidden_item(make_room):
    room = make_room()
    console, [voter, other] = _to_voting(room, ("", ""), ("", ""), ideas=6)
    items = [i["id"] for i in _items(voter.sock)]
    act(voter.sock, "vote.add", {"item": items[0]})
    act(console, "item.hide", {"id": items[0], "hidden": True})
    # Gone from public screens and results, kept for staff.
    view = snapshot(other.sock)["view"]
    assert items[0] not in [i["id"] for i in view["items"]]
    assert snapshot(console)["view"]["items"][0] == {
        "id": items[0],
        "text": "Idea 0",
        "hidden": True,
    }
    assert error_code(act(voter.sock, "vote.add", {"item": items[0]})) == "not_found"
    # The budget shown is the budget enforced, hidden items or not.
    mine = snapshot(voter.sock)["view"]
    ack = act(voter.sock, "vote.add", {"item": items[1]})
    assert ack["data"]["budget"] == mine["budget"]
    # Votes on a hidden item are freed: the voter cannot see it to take them back.
    assert ack["data"]["spent"] == 1
    assert snapshot(voter.sock)["view"]["spent"] == 1
    events(other.sock)
    act(console, "phase.reveal", {"on": True})
    act(voter.sock, "vote.add", {"item": items[2]})
    results = events(other.sock)[-1]["data"]["results"]
    assert items[0] not in [r["id"] for r in results]
    assert items[0] not in [r["id"] for r in snapshot(other.sock)["view"]["results"]]


def test_facilitator_and_projector_do_not_vote(make_room):
    room = make_room()
    console, [phone] = _to_voting(room, ("", ""))
    item = _items(phone.sock)[0]["id"]
    assert error_code(act(console, "vote.add", {"item": item})) == "forbidden"
    assert error_code(act(room.projector(), "vote.add", {"item": item})) == "forbidden"
    assert error_code(act(phone.sock, "vote.add", {"item": "first"})) == "invalid"
    assert error_code(act(phone.sock, "vote.add", {"item": item, "n": 5})) == "invalid"


def test_locked_and_ended_voting(make_room):
    room = make_room()
    console, [voter] = _to_voting(room, ("", ""))
    item = _items(voter.sock)[0]["id"]
    act(voter.sock, "vote.add", {"item": item})
    act(console, "phase.lock", {"on": True})
    assert error_code(act(voter.sock, "vote.add", {"item": item})) == "locked"
    assert error_code(act(voter.sock, "vote.remove", {"item": item})) == "locked"
    act(console, "phase.lock", {"on": False})
    act(console, "workshop.end")
    assert error_code(act(voter.sock, "vote.remove", {"item": item})) == "ended"
    assert snapshot(voter.sock)["view"]["spent"] == 1


def test_items_of_another_workshop_are_not_found(make_room):
    theirs = make_room()
    _, [their_phone] = _to_voting(theirs, ("", ""), ideas=3)
    their_item = _items(their_phone.sock)[0]["id"]
    mine = make_room()
    console, [voter] = _to_voting(mine, ("", ""), ideas=3)
    assert error_code(act(voter.sock, "vote.add", {"item": their_item})) == "not_found"
    assert error_code(act(console, "item.hide", {"id": their_item, "hidden": True})) == "not_found"
    assert error_code(act(console, "spotlight.set", {"id": their_item})) == "not_found"
    assert their_item in {i["id"] for i in _items(their_phone.sock)}  # still there, not hidden
