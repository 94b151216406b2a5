"""Series: meetings carry artefacts forward, retention counts from the last meeting, and only
the series' facilitators can run its workshops."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from flask import Flask
from flask_socketio import SocketIOTestClient

from facilitator.exports.workshop_json import export_workshop, import_workshop
from facilitator.extensions import db, socketio
from facilitator.models import Artefact, ArtefactVersion, User, Workshop
from facilitator.models.types import utcnow
from facilitator.operations import series as ops
from facilitator.operations.retention import expired
from tests.conftest import PASSWORD, Room, act
from tests.realtime.helpers import started


def login(app: Flask, username: str):  # type: ignore[no-untyped-def]
    """A logged-in test client."""
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def make_user(app: Flask, username: str) -> User:
    """Another facilitator account."""
    with app.app_context():
        user = User(username=username, display_name=username.title())
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
        return user


def new_series(app: Flask, owner: User, title: str = "Palvelupolut kuntoon") -> int:
    """A series through its form."""
    client = login(app, owner.username)
    response = client.post("/series", data={"series-title": title, "series-description": "x"})
    assert response.status_code == 302, response.data
    found = re.search(r"/series/(\d+)", response.headers["Location"])
    assert found
    return int(found.group(1))


def new_meeting(app: Flask, owner: User, series_id: int, title: str) -> Room:
    """A meeting of the series through the series page's form."""
    client = login(app, owner.username)
    response = client.post(
        f"/series/{series_id}/meetings", data={"kit": "demo", "title": title, "locale": "fi"}
    )
    assert response.status_code == 302, response.data
    found = re.search(r"/console/(\d+)", response.headers["Location"])
    assert found
    return Room(app, owner, int(found.group(1)))


def run_first_meeting(room: Room) -> None:
    """Notes gathered into a named theme, then the end."""
    console, [phone, other] = started(room, ("", ""), ("", ""))
    a = act(phone.sock, "note.add", {"text": "Yksi yhteyshenkilö"})["data"]["note"]
    b = act(other.sock, "note.add", {"text": "Sama ohjaaja koko polun ajan"})["data"]["note"]
    theme = act(console, "theme.create", {"label": "Jatkuvuus"})["data"]["theme"]
    for note in (a, b):
        assert act(console, "note.theme", {"id": note["id"], "theme": theme["id"]})["ok"]
    assert act(console, "workshop.end")["ok"]


def test_artefacts_of_meeting_one_appear_in_meeting_two(app: Flask, facilitator: User) -> None:
    series_id = new_series(app, facilitator)
    first = new_meeting(app, facilitator, series_id, "Tapaaminen 1")
    run_first_meeting(first)
    second = new_meeting(app, facilitator, series_id, "Tapaaminen 2")
    with app.app_context():
        carried = ops.latest(db.session, series_id, "theme")
        assert [(c.title, c.data["notes"]) for c in carried] == [
            ("Jatkuvuus", ["Yksi yhteyshenkilö", "Sama ohjaaja koko polun ajan"])
        ]
        assert carried[0].workshop_id == first.id
        meeting_two = db.session.get(Workshop, second.id)
        exported = export_workshop(db.session, meeting_two)
        assert exported["series"]["title"] == "Palvelupolut kuntoon"
        used = [(a["title"], a["produced_here"]) for a in exported["artefacts"]]
        assert used == [("Jatkuvuus", False)]
    # The series page lists both meetings and the theme with its meeting.
    page = login(app, facilitator.username).get(f"/series/{series_id}").get_data(as_text=True)
    assert "Tapaaminen 1" in page and "Tapaaminen 2" in page and "Jatkuvuus" in page
    assert "Sama ohjaaja koko polun ajan" in page


def test_a_second_end_records_no_new_version_unless_something_changed(
    app: Flask, facilitator: User
) -> None:
    series_id = new_series(app, facilitator)
    room = new_meeting(app, facilitator, series_id, "Tapaaminen 1")
    run_first_meeting(room)
    with app.app_context():
        workshop = db.session.get(Workshop, room.id)
        registry = app.extensions["facilitator.methods"]
        assert ops.record_workshop(db.session, workshop, registry) == 0
        db.session.commit()
        assert db.session.query(ArtefactVersion).count() == 1


def test_the_export_of_a_series_meeting_imports_back_with_its_artefacts(
    app: Flask, facilitator: User
) -> None:
    series_id = new_series(app, facilitator)
    room = new_meeting(app, facilitator, series_id, "Tapaaminen 1")
    run_first_meeting(room)
    with app.app_context():
        data = json.loads(
            json.dumps(export_workshop(db.session, db.session.get(Workshop, room.id)))
        )
        owner = db.session.get(User, facilitator.id)
        copy = import_workshop(
            db.session, data, owner, methods=app.extensions["facilitator.methods"]
        )
        db.session.commit()
        assert copy.series_id not in (None, series_id)
        again = export_workshop(db.session, copy)
        assert again["series"] == data["series"]
        strip = lambda items: [{k: v for k, v in a.items() if k != "created_at"} for a in items]  # noqa: E731
        assert strip(again["artefacts"]) == strip(data["artefacts"])
        assert db.session.query(Artefact).filter_by(series_id=copy.series_id).count() == 1


def test_retention_counts_from_the_series_last_meeting(app: Flask, facilitator: User) -> None:
    series_id = new_series(app, facilitator)
    first = new_meeting(app, facilitator, series_id, "Tapaaminen 1")
    run_first_meeting(first)
    alone = Room(app, facilitator, new_meeting(app, facilitator, series_id, "x").id)
    with app.app_context():
        old = db.session.get(Workshop, first.id)
        old.ended_at = utcnow() - timedelta(days=200)
        db.session.get(Workshop, alone.id).created_at = utcnow() - timedelta(days=1)
        db.session.commit()
        # The series met yesterday: its first meeting stays.
        assert expired(db.session, utcnow(), 90) == []
        latest = db.session.get(Workshop, alone.id)
        latest.created_at = utcnow() - timedelta(days=150)
        db.session.commit()
        # Now the whole series is past retention: the ended meeting goes, and so does the draft
        # that was never started (retention counts a draft from its creation).
        assert [w.id for w in expired(db.session, utcnow(), 90)] == [first.id, alone.id]


def test_a_co_facilitator_runs_the_series_and_nobody_else(app: Flask, facilitator: User) -> None:
    helper = make_user(app, "apulainen")
    stranger = make_user(app, "vieras")
    series_id = new_series(app, facilitator)
    room = new_meeting(app, facilitator, series_id, "Tapaaminen 1")
    owner = login(app, facilitator.username)
    response = owner.post(f"/series/{series_id}/facilitators", data={"username": "apulainen"})
    assert response.status_code == 302

    for user, allowed in ((helper, True), (stranger, False)):
        client = login(app, user.username)
        assert (client.get(f"/console/{room.id}").status_code == 200) is allowed
        assert (client.get(f"/series/{series_id}").status_code == 200) is allowed
        sock = SocketIOTestClient(
            app,
            socketio,
            flask_test_client=client,
            auth={"workshop": room.id, "role": "facilitator"},
        )
        assert sock.is_connected() is allowed
        if allowed:
            assert act(sock, "workshop.start")["ok"]
            sock.disconnect()
        # Only the owner adds co-facilitators.
        assert client.post(
            f"/series/{series_id}/facilitators", data={"username": "vieras"}
        ).status_code == (403 if allowed else 404)
    # The helper's home page lists the series' meeting.
    home = login(app, helper.username).get("/").get_data(as_text=True)
    assert "Tapaaminen 1" in home


def test_confirmed_concepts_are_carried_to_the_next_meeting(app: Flask, facilitator: User) -> None:
    from facilitator.kits.loader import load_kit_file
    from facilitator.operations.workshops import create_workshop

    folder = app.extensions["facilitator.methods"].get("concepts").folder
    kit = load_kit_file(folder / "kit.example.yaml")
    series_id = new_series(app, facilitator)

    def meeting() -> Room:
        with app.app_context():
            owner = db.session.get(User, facilitator.id)
            workshop = create_workshop(db.session, owner, kit)
            workshop.series_id = series_id
            db.session.commit()
            return Room(app, facilitator, workshop.id)

    first = meeting()
    console, _ = started(first, ("", ""))
    terms = console.emit("sync", callback=True)["data"]["view"]["terms"]
    guidance = terms[0]["id"]
    assert act(console, "wording.edit", {"term": guidance, "base": 0, "text": "Ohjausta."})["ok"]
    assert act(console, "wording.confirm", {"term": guidance, "on": True})["ok"]
    assert act(console, "workshop.end")["ok"]
    with app.app_context():
        carried = ops.latest(db.session, series_id, "concept")
        assert [(c.title, c.data["text"]) for c in carried] == [("Palveluohjaus", "Ohjausta.")]

    second = meeting()
    console, _ = started(second, ("", ""))
    view = console.emit("sync", callback=True)["data"]["view"]
    names = [t["name"] for t in view["terms"]]
    assert names.count("Palveluohjaus") == 1  # the kit's term, not a second copy
    guidance = next(t for t in view["terms"] if t["name"] == "Palveluohjaus")
    wording = next(w for w in view["wordings"] if w["term"] == guidance["id"])
    assert wording["text"] == "Ohjausta."  # offered as the starting draft
    assert not wording.get("confirmed")
