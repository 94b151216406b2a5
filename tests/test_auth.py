"""Facilitator accounts: scrypt hashes, log in and out, first-run set-up, CSRF on forms,
ownership of consoles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import User
from tests.conftest import PASSWORD, running_app
from tests.realtime.helpers import in_page, message, translated


def _user(app: Flask, username: str, password: str = PASSWORD) -> int:
    with app.app_context():
        user = User(username=username, display_name=username)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        return user.id


def test_passwords_are_stored_with_scrypt(app, facilitator):
    with app.app_context():
        user = db.session.get(User, facilitator.id)
        assert user is not None
        assert user.password_hash.startswith("scrypt:")
        assert PASSWORD not in user.password_hash
        assert user.check_password(PASSWORD)
        assert not user.check_password(PASSWORD.upper())
        # The same password hashes differently each time (salted).
        other = User(username="x")
        other.set_password(PASSWORD)
        assert other.password_hash != user.password_hash


def test_login_works_and_refuses(app, facilitator):
    client = app.test_client()
    assert client.get("/").status_code == 302  # not logged in: to the login page
    wrong = client.post("/login", data={"username": facilitator.username, "password": "nope"})
    assert wrong.status_code == 200
    assert in_page(translated("Wrong username or password.")) in wrong.data
    assert client.get("/").status_code == 302
    unknown = client.post("/login", data={"username": "nobody", "password": PASSWORD})
    assert in_page(translated("Wrong username or password.")) in unknown.data
    ok = client.post("/login", data={"username": facilitator.username, "password": PASSWORD})
    assert ok.status_code == 302
    assert client.get("/").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_login_redirects_only_inside_the_site(app, facilitator):
    client = app.test_client()
    data = {"username": facilitator.username, "password": PASSWORD}
    for target in ("//evil.example/x", "https://evil.example/", "javascript:alert(1)"):
        response = client.post(f"/login?next={target}", data=data)
        assert response.status_code == 302
        assert "evil" not in response.headers["Location"]
        assert "javascript" not in response.headers["Location"]
        client.post("/logout")
    response = client.post("/login?next=/console/1", data=data)
    assert response.headers["Location"].endswith("/console/1")


def test_first_run_setup_only_while_there_is_no_account(app):
    client = app.test_client()
    assert client.get("/login").headers["Location"].endswith("/setup")
    short = client.post(
        "/setup", data={"username": "anna", "password": "short", "confirm": "short"}
    )
    assert short.status_code == 200
    response = client.post(
        "/setup",
        data={"username": "anna", "password": "pitkä salasana", "confirm": "pitkä salasana"},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200  # logged in
    # A second set-up is not possible.
    other = app.test_client()
    again = other.post(
        "/setup",
        data={"username": "eve", "password": "pitkä salasana", "confirm": "pitkä salasana"},
    )
    assert again.status_code == 302 and again.headers["Location"].endswith("/login")
    with app.app_context():
        assert [u.username for u in db.session.scalars(select(User))] == ["anna"]


def test_console_of_another_facilitators_workshop_is_404(app, make_room):
    room = make_room()
    assert room.console_http.get(f"/console/{room.id}").status_code == 200
    _user(app, "toinen")
    other = app.test_client()
    other.post("/login", data={"username": "toinen", "password": PASSWORD})
    assert other.get("/").status_code == 200
    assert other.get(f"/console/{room.id}").status_code == 404
    assert other.get("/console/999999").status_code == 404
    assert other.get("/console/99999999999999999999999").status_code == 404
    # Not logged in at all: to the login page.
    assert app.test_client().get(f"/console/{room.id}").status_code == 302


def test_projector_page_needs_the_token(app, make_room):
    room = make_room()
    token = room.workshop.projector_token
    client = app.test_client()
    assert client.get(f"/p/{room.id}/{token}").status_code == 200
    assert client.get(f"/p/{room.id}/wrong-token").status_code == 404
    assert client.get(f"/p/{room.id}/{token}x/qr.svg").status_code == 404
    assert client.get(f"/p/99999999999999999999999/{token}").status_code == 404


@pytest.fixture()
def csrf_app(tmp_path: Path) -> Iterator[Flask]:
    """The app as it runs for real: CSRF protection on."""
    with running_app(tmp_path / "csrf", WTF_CSRF_ENABLED=True) as app:
        yield app


def _token(html: bytes) -> str:
    match = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        rb'name="csrf_token" value="([^"]+)"', html
    )
    assert match, html[:500]
    return match.group(1).decode()


def _workshop(app: Flask) -> str:
    from facilitator.operations.workshops import create_workshop

    owner_id = _user(app, "fasi")
    with app.app_context():
        owner = db.session.get(User, owner_id)
        workshop = create_workshop(db.session, owner, app.extensions["facilitator.kits"]["demo"])
        db.session.commit()
        return str(workshop.join_code)


def test_csrf_is_enforced_on_the_join_form(csrf_app):
    code = _workshop(csrf_app)
    client = csrf_app.test_client()
    refused = client.post(f"/j/{code}", data={"name": "Anna"})
    assert refused.status_code == 400
    assert b"<html" in refused.data and in_page(message("bad_request")) in refused.data
    assert client.get_cookie(f"seat_{1}") is None
    token = _token(client.get(f"/j/{code}").data)
    bad = client.post(f"/j/{code}", data={"name": "Anna", "csrf_token": token + "x"})
    assert bad.status_code == 400
    ok = client.post(f"/j/{code}", data={"name": "Anna", "csrf_token": token})
    assert ok.status_code == 302


def test_csrf_is_enforced_on_login_and_logout(csrf_app):
    _user(csrf_app, "anna")
    client = csrf_app.test_client()
    assert client.post("/login", data={"username": "anna", "password": PASSWORD}).status_code == 400
    token = _token(client.get("/login").data)
    ok = client.post("/login", data={"username": "anna", "password": PASSWORD, "csrf_token": token})
    assert ok.status_code == 302
    assert client.post("/logout").status_code == 400
    assert client.get("/").status_code == 200  # still logged in


def test_csrf_does_not_block_the_token_api(csrf_app):
    client = csrf_app.test_client()
    response = client.post("/api/v1/workshops", json={"kit": "demo"})
    assert response.status_code == 401  # refused for the token, not for CSRF
