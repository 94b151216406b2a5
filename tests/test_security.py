"""Security headers on every kind of page, join-code rate limiting, request size limits."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from facilitator.extensions import db
from facilitator.models import User
from tests.conftest import PASSWORD, running_app
from tests.realtime.helpers import in_page, message


def _check_headers(response, what: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    assert csp, what
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, what
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in csp.split(";") if part.strip()
    )
    assert directives["frame-ancestors"] == ["'none'"], what
    assert directives["default-src"] == ["'self'"], what
    assert directives["object-src"] == ["'none'"], what
    for name, sources in directives.items():
        for source in sources:
            # No other host: only keywords and data: images.
            assert source in ("'self'", "'none'") or (name == "img-src" and source == "data:"), (
                what,
                name,
                source,
            )
    assert response.headers["X-Content-Type-Options"] == "nosniff", what
    assert response.headers["X-Frame-Options"] == "DENY", what
    assert response.headers["Referrer-Policy"] == "no-referrer", what


def test_security_headers_on_every_page_type(app, make_room):
    room = make_room()
    phone = room.join("Anna", "")
    code = room.workshop.join_code
    token = room.workshop.projector_token
    anon = app.test_client()
    console = room.console_http
    pages = {
        "login": (anon, "/login", 200),
        "code": (anon, "/j", 200),
        "join": (anon, f"/j/{code}", 200),
        "wrong code": (anon, "/j/ACEACE", 404),
        "phone room": (phone.http, f"/w/{code}", 200),
        "console home": (console, "/", 200),
        "console live": (console, f"/console/{room.id}", 200),
        "minutes editor": (console, f"/console/{room.id}/minutes", 200),
        "projector": (anon, f"/p/{room.id}/{token}", 200),
        "qr": (anon, f"/p/{room.id}/{token}/qr.svg", 200),
        "api 401": (anon, "/api/v1/kits", 401),
        "openapi": (anon, "/api/openapi.json", 200),
        "static": (anon, "/static/js/core/live.js", 200),
        "not found": (anon, "/nothing/here", 404),
        "redirect": (anon, "/", 302),
    }
    for what, (client, path, status) in pages.items():
        response = client.get(path)
        assert response.status_code == status, (what, response.status_code)
        _check_headers(response, what)
        response.close()
    # The downloaded minutes (a standalone file with its own inline styles) run no script at
    # all and load nothing from anywhere.
    download = console.get(f"/console/{room.id}/minutes.html")
    assert download.status_code == 200
    csp = download.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "http" not in csp
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    # The saved file keeps its policy wherever it is opened later (issue 16): a meta tag.
    meta = re.search(
        r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">',
        download.get_data(as_text=True).split("</head>")[0],
    )
    assert meta and "default-src 'none'" in meta.group(1) and "script-src" not in meta.group(1)


def test_cookies_are_http_only(app, make_room):
    room = make_room()
    client = app.test_client()
    response = client.post(f"/j/{room.workshop.join_code}", data={})
    seat = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("seat_")]
    assert seat and "HttpOnly" in seat[0] and "SameSite=Lax" in seat[0]
    login = app.test_client().post(
        "/login", data={"username": room.owner.username, "password": PASSWORD}
    )
    session = [h for h in login.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert session and "HttpOnly" in session[0] and "SameSite=Lax" in session[0]


@pytest.fixture()
def limited_app(tmp_path: Path) -> Iterator[Flask]:
    """Rate limits on, three join-code attempts a minute per address."""
    with running_app(tmp_path / "limited", RATELIMIT_ENABLED=True, JOIN_RATE="3 per minute") as app:
        yield app


def test_wrong_join_codes_are_rate_limited_per_address(limited_app):
    client = limited_app.test_client()
    for code in ("AAAAAA", "CCCCCC", "EEEEEE"):
        assert client.post("/j", data={"code": code}).status_code == 400
    refused = client.post("/j", data={"code": "FFFFFF"})
    assert refused.status_code == 429
    assert b"<html" in refused.data
    assert in_page(message("too_many_attempts")) in refused.data
    # Guessing through the QR address counts as well.
    assert client.get("/j/GGGGGG").status_code == 429
    # Another address is not affected.
    other = limited_app.test_client()
    other.environ_base["REMOTE_ADDR"] = "127.0.0.2"
    assert other.post("/j", data={"code": "AAAAAA"}).status_code == 400


def test_a_room_behind_one_address_can_all_join(limited_app):
    """Thirty phones behind one office address join with the right code: no 429."""
    from facilitator.operations.workshops import create_workshop

    with limited_app.app_context():
        owner = User(username="fasi", display_name="F")
        owner.set_password("a long password")
        db.session.add(owner)
        db.session.flush()
        workshop = create_workshop(
            db.session, owner, limited_app.extensions["facilitator.kits"]["demo"]
        )
        db.session.commit()
        code = workshop.join_code
    for _ in range(10):
        phone = limited_app.test_client()
        assert phone.get(f"/j/{code}").status_code == 200
        assert phone.post("/j", data={"code": code.lower()}).status_code == 302
        assert phone.post(f"/j/{code}", data={}).status_code == 302


def test_request_bodies_over_the_limit_are_refused(app, make_room):
    room = make_room()
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    client = app.test_client()
    page = client.post(f"/j/{room.workshop.join_code}", data={"name": big})
    assert page.status_code == 413
    assert b"<html" in page.data
    token = "t" * 43
    with app.app_context():
        owner = db.session.get(User, room.owner.id)
        owner.api_token_hash = hashlib.sha256(token.encode()).hexdigest()
        db.session.commit()
    api = client.post(
        "/api/v1/workshops",
        data=big,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    assert api.status_code == 413
    assert api.get_json()["error"]["code"] == "too_large"
