"""Joining limits follow the person (issue 16, finding 3): mistyped codes from a room behind one
address never block the right code; new seats per address are limited generously; an IPv6 client
counts by its /64."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from facilitator.addresses import limit_key
from facilitator.extensions import db
from facilitator.models import Participant, User
from facilitator.operations.workshops import create_workshop
from tests.conftest import running_app


@pytest.fixture()
def app(tmp_path: Path) -> Iterator[Flask]:
    """Rate limits on: three wrong codes and four new seats a minute per address."""
    with running_app(
        tmp_path / "data",
        RATELIMIT_ENABLED=True,
        JOIN_RATE="3 per minute",
        SEAT_RATE="4 per minute",
    ) as app:
        yield app


@pytest.fixture()
def code(app: Flask) -> str:
    """A workshop's join code."""
    with app.app_context():
        owner = User(username="fasi", display_name="F", password_hash="x")
        db.session.add(owner)
        db.session.flush()
        workshop = create_workshop(db.session, owner, app.extensions["facilitator.kits"]["demo"])
        db.session.commit()
        return workshop.join_code


def phone(app: Flask, address: str = "192.0.2.10") -> FlaskClient:
    """A phone's browser behind ``address``."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_wrong_codes_never_block_the_right_one(app: Flask, code: str) -> None:
    """Twenty mistyped codes from one address: wrong codes are refused, the right one works."""
    statuses = [phone(app).post("/j", data={"code": f"AAAA{c}A"}).status_code for c in "CEFGHKMN"]
    assert statuses[:3] == [400, 400, 400]
    assert set(statuses[3:]) == {429}
    assert phone(app).get("/j/WWWWWW").status_code == 429
    # The same address, the right code: typed, or from the QR, and joining.
    assert phone(app).post("/j", data={"code": code.lower()}).status_code == 302
    assert phone(app).get(f"/j/{code}").status_code == 200
    assert phone(app).post(f"/j/{code}", data={}).status_code == 302
    # Still limited for wrong codes.
    assert phone(app).post("/j", data={"code": "XXXXXX"}).status_code == 429


def test_new_seats_per_address_are_limited(app: Flask, code: str) -> None:
    """A script making seats from one address is stopped; others and existing seats are not."""
    made = [phone(app).post(f"/j/{code}", data={}) for _ in range(6)]
    assert [r.status_code for r in made] == [302, 302, 302, 302, 429, 429]
    refused = made[-1].get_data(as_text=True)
    assert "<html" in refused
    with app.app_context():
        assert db.session.query(Participant).count() == 4
    # Another address joins; a phone that has its seat comes back without a new one.
    assert phone(app, "192.0.2.99").post(f"/j/{code}", data={}).status_code == 302
    seated = phone(app, "192.0.2.50")
    assert seated.post(f"/j/{code}", data={}).status_code == 302
    for _ in range(6):
        assert seated.get(f"/j/{code}").status_code == 302  # to the room, no new seat


def test_an_ipv6_client_counts_by_its_network(app: Flask, code: str) -> None:
    """Addresses of one /64 share the wrong-code limit; another /64 does not."""
    for n in range(3):
        assert (
            phone(app, f"2001:db8:1:2::{n + 1}").post("/j", data={"code": "AAAAAA"}).status_code
            == 400
        )
    assert phone(app, "2001:db8:1:2::ffff").post("/j", data={"code": "AAAAAA"}).status_code == 429
    assert phone(app, "2001:db8:1:3::1").post("/j", data={"code": "AAAAAA"}).status_code == 400


def test_limit_keys() -> None:
    assert limit_key("192.0.2.1") == "192.0.2.1"
    assert limit_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64"
    assert limit_key("::ffff:192.0.2.1") == "192.0.2.1"
    assert limit_key("fe80::1%eth0") == "fe80::/64"
    assert limit_key("") == "unknown"


def test_the_default_lets_a_200_person_room_behind_one_nat_join(tmp_path: Path) -> None:
    """FACILITATOR_SEAT_RATE's default: 200 people behind one address all join (with room for
    rejoins); a script making seats is stopped at 300."""
    with running_app(tmp_path / "default", RATELIMIT_ENABLED=True) as app:
        with app.app_context():
            owner = User(username="fasi", display_name="F", password_hash="x")
            db.session.add(owner)
            db.session.flush()
            kit = app.extensions["facilitator.kits"]["demo"]
            code = create_workshop(db.session, owner, kit).join_code
            db.session.commit()
        statuses = [phone(app).post(f"/j/{code}", data={}).status_code for _ in range(301)]
        assert statuses[:300] == [302] * 300
        assert statuses[300] == 429
