"""Brainstorm over sockets: every action, hide-until-reveal, moderation and scribe notes."""

from __future__ import annotations

from facilitator.extensions import db
from facilitator.models import Contribution, Participant
from tests.conftest import act, events
from tests.realtime.helpers import count, error_code, notes, set_config, snapshot, started


def _last(client, type_):
    got = [e for e in events(client) if e["type"] == type_]
    assert got, type_
    return got[-1]


def test_add_edit_delete_own_note(make_room):
    room = make_room()
    console, [phone] = started(room, ("Anna", "client"))
    projector = room.projector()
    ack = act(phone.sock, "note.add", {"text": "  Matala kynnys  "})
    note = ack["data"]["note"]
    assert note == {
        "id": note["id"],
        "text": "Matala kynnys",
        "plus": 0,
        "theme": None,
        "mine": True,
    }
    staff = _last(console, "note.added")["data"]["note"]
    assert staff["author"] == "Anna" and staff["role"] == "client" and staff["hidden"] is False
    public = _last(projector, "note.added")["data"]
    assert public == {
        "phase": room.phase_id(0),
        "note": {k: note[k] for k in ("id", "text", "plus", "theme")},
    }

    ack = act(phone.sock, "note.edit", {"id": note["id"], "text": "Matalampi kynnys"})
    assert ack["data"]["note"]["text"] == "Matalampi kynnys"
    assert _last(projector, "note.updated")["data"]["note"]["text"] == "Matalampi kynnys"
    assert _last(console, "note.updated")["data"]["note"]["author"] == "Anna"

    assert act(phone.sock, "note.delete", {"id": note["id"]})["data"] == {"id": note["id"]}
    assert _last(projector, "item.removed")["data"] == {"id": note["id"], "phase": room.phase_id(0)}
    assert snapshot(projector)["view"]["notes"] == []
    assert snapshot(console)["view"]["notes"] == []
    # A tombstone stays in the database, without its text.
    [row] = notes(room)
    assert row.deleted and row.body == ""
    # A deleted note can no longer be edited or deleted.
    assert error_code(act(phone.sock, "note.edit", {"id": note["id"], "text": "x"})) == "not_found"
    assert error_code(act(phone.sock, "note.delete", {"id": note["id"]})) == "not_found"


def test_plus_on_and_off(make_room):
    room = make_room()
    console, [author, fan, other] = started(room, ("", ""), ("", ""), ("", ""))
    note = act(author.sock, "note.add", {"text": "Idea"})["data"]["note"]
    events(console)
    ack = act(fan.sock, "note.plus", {"id": note["id"], "on": True})
    assert ack["data"] == {"id": note["id"], "plus": 1, "plussed": True}
    assert _last(console, "note.plus")["data"] == {
        "phase": room.phase_id(0),
        "id": note["id"],
        "plus": 1,
    }
    # A second +1 by the same person changes nothing.
    assert act(fan.sock, "note.plus", {"id": note["id"], "on": True})["data"]["plus"] == 1
    assert act(other.sock, "note.plus", {"id": note["id"]})["data"]["plus"] == 2
    view = snapshot(fan.sock)["view"]["notes"][0]
    assert view["plus"] == 2 and view["plussed"] is True and view["mine"] is False
    assert snapshot(author.sock)["view"]["notes"][0]["plussed"] is False
    assert act(fan.sock, "note.plus", {"id": note["id"], "on": False})["data"]["plus"] == 1
    assert act(fan.sock, "note.plus", {"id": note["id"], "on": False})["data"]["plus"] == 1
    assert count(room.app, Contribution, kind="plus") == 1
    assert error_code(act(author.sock, "note.plus", {"id": note["id"]})) == "own_note"


def test_plus_switched_off_by_the_kit(make_room):
    room = make_room()
    set_config(room, 0, allow_plus=False)
    _, [author, fan] = started(room, ("", ""), ("", ""))
    note = act(author.sock, "note.add", {"text": "Idea"})["data"]["note"]
    assert error_code(act(fan.sock, "note.plus", {"id": note["id"]})) == "unknown_action"
    assert snapshot(fan.sock)["view"]["allow_plus"] is False


def test_themes(make_room):
    room = make_room()
    console, [phone] = started(room, ("", ""))
    projector = room.projector()
    a = act(phone.sock, "note.add", {"text": "A"})["data"]["note"]
    b = act(phone.sock, "note.add", {"text": "B"})["data"]["note"]
    group = act(console, "theme.create", {"label": "Yhteistyö"})["data"]["theme"]
    assert group["label"] == "Yhteistyö"
    assert _last(projector, "theme.changed")["data"] == {"phase": room.phase_id(0), "theme": group}
    ack = act(console, "note.theme", {"id": a["id"], "theme": group["id"]})
    assert ack["data"] == {"phase": room.phase_id(0), "id": a["id"], "theme": group["id"]}
    act(console, "note.theme", {"id": b["id"], "theme": group["id"]})
    assert _last(projector, "note.themed")["data"]["theme"] == group["id"]
    act(console, "note.theme", {"id": b["id"], "theme": None})
    view = snapshot(projector)["view"]
    assert view["themes"] == [group]
    assert {n["id"]: n["theme"] for n in view["notes"]} == {a["id"]: group["id"], b["id"]: None}
    renamed = act(console, "theme.rename", {"id": group["id"], "label": "Verkostot"})
    assert renamed["data"]["theme"]["label"] == "Verkostot"
    assert snapshot(phone.sock)["view"]["themes"][0]["label"] == "Verkostot"
    assert error_code(act(console, "note.theme", {"id": a["id"], "theme": 999999})) == "not_found"
    assert error_code(act(console, "note.theme", {"id": 999999, "theme": None})) == "not_found"
    assert act(console, "theme.delete", {"id": group["id"]})["data"] == {"id": group["id"]}
    ev = _last(projector, "theme.removed")
    assert ev["data"]["resync"] is True
    view = snapshot(projector)["view"]
    assert view["themes"] == []
    assert all(n["theme"] is None for n in view["notes"])
    assert (
        error_code(act(console, "theme.rename", {"id": group["id"], "label": "x"})) == "not_found"
    )
    assert error_code(act(console, "theme.delete", {"id": group["id"]})) == "not_found"
    # A note id is not a group id.
    assert error_code(act(console, "theme.delete", {"id": a["id"]})) == "not_found"


def test_hide_until_reveal(make_room):
    room = make_room()
    set_config(room, 0, hide_until_reveal=True)
    console, [author, other] = started(room, ("Anna", ""), ("", ""))
    projector = room.projector()
    ack = act(author.sock, "note.add", {"text": "Salainen"})
    note = ack["data"]["note"]
    assert ack["data"]["note"]["text"] == "Salainen"  # the author sees their own
    stub = {"phase": room.phase_id(0), "note": {"id": note["id"], "concealed": True}}
    assert _last(projector, "note.added")["data"] == stub
    assert _last(other.sock, "note.added")["data"] == stub
    assert _last(console, "note.added")["data"]["note"]["text"] == "Salainen"
    # Snapshots: projector and others see a count; the author sees the note; staff see all.
    assert snapshot(projector)["view"]["notes"] == []
    assert snapshot(projector)["view"]["concealed"] == 1
    assert snapshot(other.sock)["view"]["notes"] == []
    mine = snapshot(author.sock)["view"]["notes"]
    assert [(n["text"], n["mine"]) for n in mine] == [("Salainen", True)]
    assert snapshot(console)["view"]["notes"][0]["text"] == "Salainen"
    # Edits, +1s and grouping stay concealed as well.
    act(author.sock, "note.edit", {"id": note["id"], "text": "Salainen 2"})
    assert _last(projector, "note.updated")["data"]["note"] == {"id": note["id"], "concealed": True}
    # A +1 on a note this phone cannot see is refused like a note that does not exist.
    assert error_code(act(other.sock, "note.plus", {"id": note["id"]})) == "not_found"
    assert not [e for e in events(projector) if e["type"] == "note.plus"]
    group = act(console, "theme.create", {"label": "G"})["data"]["theme"]
    act(console, "note.theme", {"id": note["id"], "theme": group["id"]})
    assert _last(projector, "note.themed")["data"] == {"phase": room.phase_id(0)}
    assert "Salainen" not in repr(events(projector)) + repr(events(other.sock))
    # Reveal: a resync, and everything is visible to everyone.
    act(console, "phase.reveal", {"on": True})
    assert _last(projector, "phase.state")["data"]["resync"] is True
    for client in (projector, other.sock):
        view = snapshot(client)["view"]
        assert [n["text"] for n in view["notes"]] == ["Salainen 2"]
        assert view["concealed"] == 0
    act(author.sock, "note.add", {"text": "Toinen"})
    assert _last(projector, "note.added")["data"]["note"]["text"] == "Toinen"


def test_show_others_off_keeps_notes_from_other_phones(make_room):
    room = make_room()
    set_config(room, 0, show_others=False)
    console, [author, other] = started(room, ("", ""), ("", ""))
    projector = room.projector()
    note = act(author.sock, "note.add", {"text": "Oma"})["data"]["note"]
    assert _last(projector, "note.added")["data"]["note"] == {"id": note["id"], "concealed": True}
    assert snapshot(other.sock)["view"]["notes"] == []
    assert snapshot(projector)["view"]["notes"] == []
    # +1s and grouping of notes others cannot see do not reach them either.
    # A +1 on a note this phone cannot see is refused like a note that does not exist.
    assert error_code(act(other.sock, "note.plus", {"id": note["id"]})) == "not_found"
    assert not [e for e in events(projector) if e["type"] == "note.plus"]
    group = act(console, "theme.create", {"label": "G"})["data"]["theme"]
    act(console, "note.theme", {"id": note["id"], "theme": group["id"]})
    assert _last(projector, "note.themed")["data"] == {"phase": room.phase_id(0)}
    assert [n["text"] for n in snapshot(author.sock)["view"]["notes"]] == ["Oma"]
    assert [n["text"] for n in snapshot(console)["view"]["notes"]] == ["Oma"]


def test_moderation_hides_from_public_keeps_for_staff(make_room):
    room = make_room()
    console, [author, other] = started(room, ("", ""), ("", ""))
    note = act(author.sock, "note.add", {"text": "Loukkaava"})["data"]["note"]
    act(console, "item.hide", {"id": note["id"], "hidden": True})
    assert _last(other.sock, "item.removed")["data"] == {
        "id": note["id"],
        "phase": room.phase_id(0),
    }
    assert snapshot(other.sock)["view"]["notes"] == []
    assert snapshot(author.sock)["view"]["notes"] == []
    assert snapshot(console)["view"]["notes"][0]["hidden"] is True
    # A hidden note cannot be edited, +1'd or spotlighted.
    assert error_code(act(author.sock, "note.edit", {"id": note["id"], "text": "x"})) == "not_found"
    assert error_code(act(other.sock, "note.plus", {"id": note["id"]})) == "not_found"
    assert error_code(act(console, "spotlight.set", {"id": note["id"]})) == "not_found"


def test_scribe_notes_for_people_without_a_phone(make_room):
    room = make_room()
    console, [phone] = started(room, ("", "professional"))
    projector = room.projector()
    ack = act(console, "note.add", {"text": "Asiakkaan ajatus", "on_behalf_role": "client"})
    assert ack["ok"], ack
    staff = _last(console, "note.added")["data"]["note"]
    assert staff["scribe"] is True and staff["role"] == "client"
    public = _last(projector, "note.added")["data"]["note"]
    assert "author" not in public and "scribe" not in public
    act(console, "note.add", {"text": "Toinen", "on_behalf_role": "client"})
    act(console, "note.add", {"text": "Kolmas"})
    act(console, "note.add", {"text": "Neljäs", "on_behalf_role": "no-such-role"})
    with room.app.app_context():
        scribes = db.session.query(Participant).filter_by(workshop_id=room.id, kind="scribe").all()
        assert sorted(p.role for p in scribes) == ["", "client"]
    # Scribe stand-ins are not people.
    assert snapshot(console)["participants"] == {"count": 1, "by_role": {"professional": 1}}
    assert snapshot(projector)["participants"] == {"count": 1}
    # The facilitator may write even when the phase is locked for participants.
    act(console, "phase.lock", {"on": True})
    assert act(console, "note.add", {"text": "Viides", "on_behalf_role": "client"})["ok"]
    assert error_code(act(phone.sock, "note.add", {"text": "x"})) == "locked"
    assert len(notes(room)) == 5


def test_spotlight_follows_its_note(make_room):
    room = make_room()
    console, [author] = started(room, ("", ""))
    projector = room.projector()
    note = act(author.sock, "note.add", {"text": "Alku"})["data"]["note"]
    act(console, "spotlight.set", {"id": note["id"]})
    act(author.sock, "note.edit", {"id": note["id"], "text": "Korjattu"})
    assert _last(projector, "spotlight")["data"] == {
        "spotlight": {"id": note["id"], "text": "Korjattu"}
    }
    assert snapshot(projector)["spotlight"]["text"] == "Korjattu"
    act(author.sock, "note.delete", {"id": note["id"]})
    assert _last(projector, "spotlight")["data"] == {"spotlight": None}
    assert snapshot(projector)["spotlight"] is None
    # Editing a note that is not in the spotlight leaves the spotlight alone.
    other = act(author.sock, "note.add", {"text": "Toinen"})["data"]["note"]
    third = act(author.sock, "note.add", {"text": "Kolmas"})["data"]["note"]
    act(console, "spotlight.set", {"id": other["id"]})
    events(projector)
    act(author.sock, "note.edit", {"id": third["id"], "text": "Kolmas!"})
    assert [e["type"] for e in events(projector)] == ["note.updated"]
    assert snapshot(projector)["spotlight"]["text"] == "Toinen"


def test_a_hidden_theme_label_leaves_public_screens(make_room) -> None:
    """Regression: item.hide on a theme kept its label in phones' and the projector's lists."""
    from tests.conftest import act

    room = make_room()
    console = room.console()
    projector = room.projector()
    act(console, "workshop.start")
    group = act(console, "theme.create", {"label": "Yhteystiedot"})["data"]["theme"]
    assert act(console, "item.hide", {"id": group["id"], "hidden": True})["ok"]
    public = projector.emit("sync", callback=True)["data"]["view"]["themes"]
    staff = console.emit("sync", callback=True)["data"]["view"]["themes"]
    assert public == []
    assert staff == [{"id": group["id"], "label": "Yhteystiedot", "hidden": True}]
