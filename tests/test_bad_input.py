"""Bad input from outside never gives a server error, on SQLite and on PostgreSQL (issue 16,
findings 5, 6 and 8): NUL and other control characters, lone surrogates and zero-width text are
cleaned or refused; ids beyond what a column holds are not found; bad Host and WebSocket headers
get a 400; the redirect after log-in stays on the site; secrets with odd characters are just
wrong."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from facilitator.extensions import db, socketio
from facilitator.models import Contribution, Participant, User, Workshop
from facilitator.models.types import MAX_ID
from tests.conftest import PASSWORD, act, running_app
from tests.realtime.helpers import error_code, message, started
from tests.support.pg import throwaway_database
from tests.test_minutes_views import _base, _ended_room, _record

NUL_TEXT = "Matala\x00 kyn\x07nys\x1b"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """The test app on SQLite, then on a throwaway PostgreSQL database."""
    if request.param == "sqlite":
        with running_app(tmp_path / "data") as app:
            yield app
        return
    with (
        throwaway_database("badin") as url,
        running_app(tmp_path / "data", DATABASE_URL=url) as app,
    ):
        yield app


def _rows(app: Flask, model: type, **where: object) -> list:  # type: ignore[type-arg]
    with app.app_context():
        query = select(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        rows = list(db.session.scalars(query))
        db.session.expunge_all()
        return rows


def test_control_characters_in_forms_are_cleaned(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Join name, log-in name, workshop title and place: no 500, the text is kept without them."""
    room = make_room()
    phone = app.test_client()
    joined = phone.post(f"/j/{room.workshop.join_code}", data={"name": "An\x00na\x7f"})
    assert joined.status_code == 302
    [person] = _rows(app, Participant, workshop_id=room.id)
    assert person.name == "Anna"
    # A name of zero-width characters only is no name.
    other = app.test_client().post(f"/j/{room.workshop.join_code}", data={"name": "\u200b\u200d"})
    assert other.status_code == 302
    assert sorted(p.name for p in _rows(app, Participant, workshop_id=room.id)) == ["", "Anna"]
    login = app.test_client().post("/login", data={"username": "fa\x00si", "password": "x" * 12})
    assert login.status_code == 200 and b"<form" in login.data
    created = room.console_http.post(
        "/", data={"kit": "demo", "title": "Työ\x00paja\x1f", "place": "Sali\x00 2", "locale": "fi"}
    )
    assert created.status_code == 302
    found = re.search(r"/console/(\d+)$", created.headers["Location"])
    assert found
    [workshop] = _rows(app, Workshop, id=int(found.group(1)))
    assert (workshop.title, workshop.place) == ("Työpaja", "Sali 2")


def test_control_characters_in_minutes_and_api_json_are_cleaned(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """The minutes editor and a JSON body (with a lone surrogate escape) store clean text."""
    room = _ended_room(make_room, "Ajatus")
    client = room.console_http
    url = f"/console/{room.id}/minutes"
    base = _base(client.get(url).get_data(as_text=True))
    saved = client.post(url, data={"body": "# Muisti\x00o\r\n\r\nTeksti\x0b", "base": base})
    assert saved.status_code == 302
    body = _record(app, room).body  # (decisions and next steps follow as sections of their own)
    assert body.startswith("# Muistio\n\nTeksti\n") and "\x00" not in body and "\x0b" not in body
    token = "t" * 43
    with app.app_context():
        owner = db.session.get(User, room.owner.id)
        owner.api_token_hash = hashlib.sha256(token.encode()).hexdigest()
        db.session.commit()
    response = app.test_client().post(
        "/api/v1/workshops",
        data='{"kit": "demo", "title": "A\\u0000B\\ud800C", "place": "\\u0007"}',
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.data
    assert response.get_json()["title"] == "ABC"
    deep = "[" * 5000 + "]" * 5000
    refused = app.test_client().post(
        "/api/v1/workshops",
        data=deep,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    assert refused.status_code == 400


def test_control_characters_in_socket_text_are_cleaned_or_refused(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Notes with NUL, lone surrogates or only invisible characters: cleaned, or refused as
    empty with the translated message; never a server error that the phone would resend."""
    room = make_room()
    console, [phone] = started(room, ("", ""))
    ack = act(phone.sock, "note.add", {"text": NUL_TEXT})
    assert ack["ok"], ack
    assert ack["data"]["note"]["text"] == "Matala kynnys"
    edited = act(
        phone.sock, "note.edit", {"id": ack["data"]["note"]["id"], "text": "Uusi\ud800\x00"}
    )
    assert edited["ok"] and edited["data"]["note"]["text"] == "Uusi"
    for invisible in ("\u200b", "\u200b\u200c\u200d\u2060\ufeff", "\x00\x01", " \u3164 \u2800 "):
        refused = act(phone.sock, "note.add", {"text": invisible})
        assert error_code(refused) == "empty", (invisible, refused)
        assert refused["error"]["message"] == message("empty")
    # Zero-width joiners inside real text (emoji sequences) are kept.
    family = "Perhe 👩\u200d👩\u200d👧"
    assert act(phone.sock, "note.add", {"text": family})["data"]["note"]["text"] == family
    assert error_code(act(console, "theme.create", {"label": "\x00\u200b"})) == "empty"
    bodies = [c.body for c in _rows(app, Contribution, workshop_id=room.id, kind="note")]
    assert bodies == ["Uusi", family]


def test_ids_beyond_the_columns_are_not_found(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Every route with an id, from 2^31 (PostgreSQL's integer) to 2^64: 404, not 500."""
    room = make_room()
    token = "u" * 43
    with app.app_context():
        owner = db.session.get(User, room.owner.id)
        owner.api_token_hash = hashlib.sha256(token.encode()).hexdigest()
        db.session.commit()
    routes = [r for r in app.url_map.iter_rules() if "workshop_id" in r.arguments]
    assert len(routes) >= 10
    for rule in routes:
        for huge in (MAX_ID + 1, 2**63 - 1, 2**64):
            path = re.sub(r"<int:workshop_id>", str(huge), rule.rule)
            path = re.sub(r"<[^>]+>", "x", path)
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                response = room.console_http.open(
                    path, method=method, headers={"Authorization": f"Bearer {token}"}
                )
                assert response.status_code == 404, (method, path, response.status_code)
    # Sockets: a seat for a workshop id no column holds is refused; an item id is invalid.
    stranger = socketio.test_client(app, auth={"workshop": 2**40, "role": "projector"})
    assert not stranger.is_connected()
    console, [phone] = started(room, ("", ""))
    for huge in (MAX_ID + 1, 2**63 - 1):
        assert error_code(act(phone.sock, "note.plus", {"id": huge})) == "invalid"
        assert error_code(act(console, "item.hide", {"id": huge})) == "invalid"


def test_odd_secrets_are_just_wrong(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """A projector token with non-ASCII or control characters: 404, and a refused socket."""
    room = make_room()
    client = app.test_client()
    for token in ("äää", "%00", "x%C3%A4", "\u0660" * 32):
        assert client.get(f"/p/{room.id}/{token}").status_code == 404, token
        assert client.get(f"/p/{room.id}/{token}/minutes").status_code == 404, token
    for token in ("äää", "\x00", "\ud800", 12):
        sock = socketio.test_client(
            app, auth={"workshop": room.id, "role": "projector", "token": token}
        )
        assert not sock.is_connected(), token


@pytest.mark.parametrize(
    "host",
    ["a" * 64 + ".example.org", "x..y", "bad host", "ex_ample.org:99999", "a.b:0", "ä.example"],
)
def test_a_bad_host_header_is_a_400(app: Flask, host: str) -> None:
    """Even the error page needs a valid host to build its links: a short 400 instead."""
    response = app.test_client().get("/j", headers={"Host": host})
    assert response.status_code == 400
    assert response.mimetype == "text/plain"


@pytest.mark.parametrize(
    "host", ["localhost", "127.0.0.1:5000", "[::1]:5000", "workshop.example.org", "my_pc:80"]
)
def test_good_host_headers_pass(app: Flask, host: str) -> None:
    """Names, addresses and ports that browsers send are fine."""
    assert app.test_client().get("/j", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Sec-WebSocket-Version": "8", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="},
        {"Sec-WebSocket-Version": "13"},
        {"Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "not base64!"},
        {"Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "c2hvcnQ="},
    ],
)
def test_a_bad_websocket_handshake_is_a_400(app: Flask, headers: dict[str, str]) -> None:
    """An upgrade without a valid version and key is refused before Engine.IO sees it."""
    response = app.test_client().get(
        "/socket.io/?EIO=4&transport=websocket",
        headers={"Upgrade": "websocket", "Connection": "Upgrade", **headers},
    )
    assert response.status_code == 400
    assert response.headers.get("Sec-WebSocket-Version") == "13"


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.invalid/phish",
        "/%0a/evil.invalid",
        "/%0d%0aSet-Cookie:x=1",
        "//evil.invalid",
        "/\\evil.invalid",
        "https://evil.invalid/",
        "javascript:alert(1)",
        "%2F%2Fevil.invalid",
        "/%E2%80%8B/evil.invalid",
    ],
)
def test_next_never_leaves_the_site(app: Flask, facilitator: User, target: str) -> None:
    """After log-in, `next` is followed only when it is a path on this site."""
    response = app.test_client().post(
        f"/login?next={target}", data={"username": facilitator.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_next_inside_the_site_is_followed(app: Flask, facilitator: User) -> None:
    """A path on this site, with its query, is where the facilitator lands."""
    response = app.test_client().post(
        "/login?next=/console/7%3Fx%3D1",
        data={"username": facilitator.username, "password": PASSWORD},
    )
    assert response.headers["Location"] == "/console/7?x=1"
