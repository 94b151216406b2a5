"""The phone's HTTP pages (code, join, room) and the facilitator's set-up and log-in pages."""

from __future__ import annotations

import json
import re

from flask import Flask
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import Participant, User
from tests.conftest import PASSWORD, Room


def _participants(app: Flask, workshop_id: int) -> list[Participant]:
    with app.app_context():
        rows = db.session.scalars(
            select(Participant).where(Participant.workshop_id == workshop_id)
        ).all()
        db.session.expunge_all()
        return list(rows)


# -- set-up and log-in --------------------------------------------------------------------------


def test_setup_creates_the_first_account_then_closes(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/login").headers["Location"].endswith("/setup")
    page = client.get("/setup?lang=en")
    assert page.status_code == 200
    assert b"At least 10 characters" in page.data

    short = client.post(
        "/setup", data={"username": "fasi", "password": "short", "confirm": "short"}
    )
    assert short.status_code == 200
    assert b'aria-invalid="true"' in short.data
    differ = client.post(
        "/setup",
        data={"username": "fasi", "password": "long enough 1", "confirm": "long enough 2"},
    )
    assert b"The passwords differ." in differ.data
    assert b"Use at least 10 characters" in short.data
    with app.app_context():
        assert db.session.scalar(select(User)) is None

    done = client.post(
        "/setup",
        data={"username": "fasi", "password": "long enough 1", "confirm": "long enough 1"},
    )
    assert done.status_code == 302
    with app.app_context():
        assert [u.username for u in db.session.scalars(select(User))] == ["fasi"]
    assert app.test_client().get("/setup").headers["Location"].endswith("/login")


def test_login_says_calmly_when_it_fails(app: Flask, facilitator: User) -> None:
    client = app.test_client()
    page = client.get("/login?lang=en")
    assert b'name="username"' in page.data and b'autocomplete="current-password"' in page.data
    wrong = client.post("/login", data={"username": facilitator.username, "password": "nope"})
    assert wrong.status_code == 200
    assert b"Wrong username or password." in wrong.data
    assert b'role="alert"' in wrong.data
    right = client.post("/login", data={"username": facilitator.username, "password": PASSWORD})
    assert right.status_code == 302


def test_error_page_is_friendly_and_links_home(app: Flask) -> None:
    page = app.test_client().get("/no/such/page?lang=en")
    assert page.status_code == 404
    text = page.get_data(as_text=True)
    assert "This page was not found" in text
    assert 'href="/j"' in text
    assert '<html lang="en">' in text


# -- phone pages --------------------------------------------------------------------------------


def test_code_page_keeps_the_typed_code_on_error(make_room) -> None:  # type: ignore[no-untyped-def]
    room: Room = make_room()
    client = room.app.test_client()
    wrong = client.post("/j?lang=en", data={"code": "zzzzzz"})
    assert wrong.status_code == 400
    text = wrong.get_data(as_text=True)
    assert "No workshop has this code" in text
    assert 'value="zzzzzz"' in text
    right = client.post("/j", data={"code": room.workshop.join_code.lower()})
    assert right.headers["Location"].endswith(f"/j/{room.workshop.join_code}")


def test_join_page_asks_nothing_required(make_room) -> None:  # type: ignore[no-untyped-def]
    room: Room = make_room()
    code = room.workshop.join_code
    client = room.app.test_client()
    page = client.get(f"/j/{code}?lang=en").get_data(as_text=True)
    assert "Tell about yourself (optional)" in page
    assert page.count('type="radio"') == 6
    assert "required" not in page
    assert 'href="?lang=sv"' in page

    joined = client.post(f"/j/{code}", data={})
    assert joined.status_code == 302
    [seat] = _participants(room.app, room.id)
    assert (seat.name, seat.role, seat.number) == ("", "", 1)

    again = client.get(f"/j/{code}")  # the QR again: back to the same seat
    assert again.headers["Location"].endswith(f"/w/{code}")
    room_page = client.get(f"/w/{code}")
    assert room_page.status_code == 200
    assert len(_participants(room.app, room.id)) == 1


def test_join_with_name_and_role_and_change_later(make_room) -> None:  # type: ignore[no-untyped-def]
    room: Room = make_room()
    code = room.workshop.join_code
    client = room.app.test_client()
    client.post(f"/j/{code}", data={"name": " Aino ", "role": "expert"})
    [seat] = _participants(room.app, room.id)
    assert (seat.name, seat.role) == ("Aino", "expert")

    client.post(f"/w/{code}/me", data={"name": "", "role": "unsaid"})
    [seat] = _participants(room.app, room.id)
    assert (seat.name, seat.role) == ("", "unsaid")


def test_room_language_switch_updates_the_seat(make_room) -> None:  # type: ignore[no-untyped-def]
    room: Room = make_room()
    code = room.workshop.join_code
    client = room.app.test_client()
    client.post(f"/j/{code}", data={})
    assert _participants(room.app, room.id)[0].locale == "fi"

    page = client.get(f"/w/{code}?lang=sv").get_data(as_text=True)
    assert '<html lang="sv">' in page
    assert _participants(room.app, room.id)[0].locale == "sv"

    found = re.search(r'<script type="application/json" id="i18n">(.*?)</script>', page, re.S)
    assert found
    strings = json.loads(found.group(1))
    assert {"offline", "send", "dot_voting.votes_left", "brainstorm.plus_label"} <= set(strings)
    assert 'data-workshop="' in page


def test_room_without_a_seat_goes_to_join(make_room) -> None:  # type: ignore[no-untyped-def]
    room: Room = make_room()
    code = room.workshop.join_code
    response = room.app.test_client().get(f"/w/{code}")
    assert response.headers["Location"].endswith(f"/j/{code}")
    unknown = room.app.test_client().get("/w/QQQQQQ")
    assert unknown.headers["Location"].endswith("/j")
