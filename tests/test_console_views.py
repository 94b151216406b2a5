"""The facilitator's pages and the projector page over HTTP: list, create, console, token,
projector (token, language, QR)."""

from __future__ import annotations

import hashlib
import json
import re

from flask import Flask

from facilitator.extensions import db
from facilitator.models import User, Workshop
from facilitator.views.projector import join_address
from tests.conftest import PASSWORD, Room, act


def logged_in(app: Flask, user: User):  # type: ignore[no-untyped-def]
    """A test client logged in as ``user``."""
    client = app.test_client()
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def other_facilitator(app: Flask) -> User:
    """A second facilitator account."""
    with app.app_context():
        user = User(username="toinen", display_name="Toinen")
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
        return user


def test_create_from_the_form_opens_the_console(app: Flask, facilitator: User) -> None:
    """POST / with a kit makes a workshop in that language and redirects to its console."""
    client = logged_in(app, facilitator)
    page = client.get("/")
    assert page.status_code == 200
    assert b'name="kit"' in page.data
    response = client.post(
        "/",
        data={"kit": "demo", "title": "Palveluohjauksen kehittämistarpeet", "locale": "en"},
    )
    assert response.status_code == 302
    found = re.search(r"/console/(\d+)$", response.headers["Location"])
    assert found
    with app.app_context():
        workshop = db.session.get(Workshop, int(found.group(1)))
        assert workshop is not None
        assert workshop.title == "Palveluohjauksen kehittämistarpeet"
        assert workshop.locale == "en"
        code, token = workshop.join_code, workshop.projector_token
    console = client.get(response.headers["Location"])
    assert console.status_code == 200
    html = console.data.decode()
    assert code in html
    assert f"/p/{found.group(1)}/{token}" in html
    strings = json.loads(
        re.search(r'<script type="application/json" id="i18n">(.*?)</script>', html).group(1)
    )  # type: ignore[union-attr]
    assert "cx_end_confirm" in strings and "dot_voting.pj_voting" in strings
    listing = client.get("/").data.decode()
    assert "Palveluohjauksen kehittämistarpeet" in listing
    assert code in listing


def test_console_is_only_for_the_owner(app: Flask, facilitator: User, make_room) -> None:  # type: ignore[no-untyped-def]
    """Another facilitator gets 404 (no hint that it exists); nobody logged in is sent to log in."""
    room: Room = make_room()
    stranger = logged_in(app, other_facilitator(app))
    assert stranger.get(f"/console/{room.id}").status_code == 404
    assert room.workshop.join_code not in stranger.get("/").data.decode()
    anonymous = app.test_client().get(f"/console/{room.id}")
    assert anonymous.status_code == 302
    assert "/login" in anonymous.headers["Location"]


def test_api_token_is_shown_once_and_stored_hashed(app: Flask, facilitator: User) -> None:
    """The page shows the token; the database keeps only its SHA-256."""
    client = logged_in(app, facilitator)
    page = client.post("/account/token").data.decode()
    token = re.search(r'id="api-token">([^<]+)<', page).group(1)  # type: ignore[union-attr]
    with app.app_context():
        user = db.session.get(User, facilitator.id)
        assert user is not None
        assert user.api_token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in client.get("/").data.decode()


def test_projector_needs_its_token_and_speaks_the_workshop_language(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Wrong token → 404; the page is in the workshop's language whatever the browser chose."""
    room: Room = make_room(locale="sv")
    workshop = room.workshop
    client = app.test_client()
    assert client.get(f"/p/{room.id}/wrong-token").status_code == 404
    assert client.get(f"/p/{room.id}/wrong-token/qr.svg").status_code == 404
    client.set_cookie("lang", "en")
    page = client.get(f"/p/{room.id}/{workshop.projector_token}")
    assert page.status_code == 200
    html = page.data.decode()
    assert '<html lang="sv">' in html
    assert workshop.join_code in html
    qr = client.get(f"/p/{room.id}/{workshop.projector_token}/qr.svg")
    assert qr.mimetype == "image/svg+xml"
    assert qr.data.lstrip().startswith(b"<?xml") or b"<svg" in qr.data[:200]


def test_minutes_link_after_the_end(app: Flask, facilitator: User, make_room) -> None:  # type: ignore[no-untyped-def]
    """Once ended, the list links to the minutes (when the minutes pages are installed)."""
    room: Room = make_room()
    console = room.console()
    assert act(console, "workshop.start")["ok"]
    assert act(console, "workshop.end", phase=room.phase_id(0))["ok"]
    client = logged_in(app, facilitator)
    listing = client.get("/").data.decode()
    has_minutes = any(
        r.rule == "/console/<int:workshop_id>/minutes" for r in app.url_map.iter_rules()
    )
    assert (f"/console/{room.id}/minutes" in listing) == has_minutes
    assert (f"/console/{room.id}/minutes" in client.get(f"/console/{room.id}").data.decode()) == (
        has_minutes
    )


def test_join_address_is_short() -> None:
    """The projector shows host, port and /j: the code is shown on its own, in huge letters."""
    assert join_address("http://192.168.1.5:5000/j/ACE4F7") == "192.168.1.5:5000/j"
    assert join_address("https://studio.example.org/j/ACE4F7") == "studio.example.org/j"
