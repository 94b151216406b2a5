"""Socket rate limiting: a burst is fine, then rate_limited, and nothing more is saved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from facilitator import create_app, db_migrate
from facilitator.extensions import db
from tests.conftest import act
from tests.realtime.helpers import error_code, message, notes, started


@pytest.fixture()
def app(tmp_path: Path) -> Iterator[Flask]:
    """The usual test app with a small burst and a slow refill."""
    app = create_app(
        {
            "DATA_DIR": str(tmp_path / "data"),
            "ASYNC_MODE": "threading",
            "SECRET_KEY": "test-secret",
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "RATE_BURST": 5,
            "RATE_PER_SECOND": 1,
        }
    )
    with app.app_context():
        db_migrate.upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_burst_then_rate_limited(make_room):
    room = make_room()
    _, [phone] = started(room, ("", ""))
    acks = [act(phone.sock, "note.add", {"text": f"n{i}"}) for i in range(8)]
    ok = [a for a in acks if a["ok"]]
    refused = [a for a in acks if not a["ok"]]
    # The burst of 5 passes (a token may refill meanwhile on a slow machine).
    assert 5 <= len(ok) <= 6
    assert refused and all(error_code(a) == "rate_limited" for a in refused)
    assert refused[0]["error"]["message"] == message("rate_limited")
    assert len(notes(room)) == len(ok)


def test_each_connection_has_its_own_bucket(make_room):
    room = make_room()
    _, [first, second] = started(room, ("", ""), ("", ""))
    for i in range(7):
        act(first.sock, "note.add", {"text": f"a{i}"})
    assert error_code(act(first.sock, "note.add", {"text": "more"})) == "rate_limited"
    assert act(second.sock, "note.add", {"text": "fresh"})["ok"]
