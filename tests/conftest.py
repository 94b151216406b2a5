"""Fixtures in user roles: an app on a fresh database, a facilitator, phones, a projector."""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_socketio import SocketIOTestClient

from facilitator import create_app, db_migrate
from facilitator.extensions import db, socketio
from facilitator.models import User, Workshop

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Nothing is skipped in CI: a missing tool there is a failure, not a skip."""
    del config, items


@contextmanager
def running_app(data_dir: Path, **overrides: Any) -> Iterator[Flask]:
    """An app in threading mode on a fresh, migrated SQLite database; ``overrides`` change the
    test settings (e.g. WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=True, RATE_BURST=5)."""
    app = create_app(
        {
            "DATA_DIR": str(data_dir),
            "ASYNC_MODE": "threading",
            "SECRET_KEY": "test-secret",
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            **overrides,
        }
    )
    with app.app_context():
        db_migrate.upgrade()
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture()
def app(tmp_path: Path) -> Iterator[Flask]:
    """An app in threading mode on a fresh SQLite database in a temporary folder."""
    with running_app(tmp_path / "data") as app:
        yield app


@pytest.fixture()
def facilitator(app: Flask) -> User:
    """A facilitator account."""
    with app.app_context():
        user = User(username=f"fasi{next(_counter)}", display_name="Fasi")
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
        return user


class Room:
    """A workshop seen by its facilitator, helpers to join phones and open screens."""

    def __init__(self, app: Flask, owner: User, workshop_id: int) -> None:
        self.app = app
        self.owner = owner
        self.id = workshop_id
        self.console_http = app.test_client()
        self.console_http.post("/login", data={"username": owner.username, "password": PASSWORD})

    @property
    def workshop(self) -> Workshop:
        """A detached copy of the workshop row (phases loaded)."""
        with self.app.app_context():
            workshop = db.session.get(Workshop, self.id)
            assert workshop is not None
            _ = [p.state for p in workshop.phases]
            db.session.expunge_all()
            return workshop

    def phase_id(self, index: int) -> int:
        """The database id of phase ``index``."""
        return self.workshop.phases[index].id

    def console(self) -> SocketIOTestClient:
        """The facilitator's socket."""
        return socketio.test_client(
            self.app,
            flask_test_client=self.console_http,
            auth={"workshop": self.id, "role": "facilitator"},
        )

    def projector(self) -> SocketIOTestClient:
        """The big screen's socket (token from the workshop)."""
        return socketio.test_client(
            self.app,
            auth={"workshop": self.id, "role": "projector", "token": self.workshop.projector_token},
        )

    def join(self, name: str = "", role: str = "") -> Phone:
        """A phone scans the QR and presses Join."""
        http = self.app.test_client()
        response = http.post(f"/j/{self.workshop.join_code}", data={"name": name, "role": role})
        assert response.status_code == 302, response.data
        sock = socketio.test_client(
            self.app, flask_test_client=http, auth={"workshop": self.id, "role": "participant"}
        )
        assert sock.is_connected()
        return Phone(http, sock)


class Phone:
    """One participant's phone: its HTTP client and socket."""

    def __init__(self, http: FlaskClient, sock: SocketIOTestClient) -> None:
        self.http = http
        self.sock = sock


def act(
    client: SocketIOTestClient,
    type_: str,
    data: dict[str, Any] | None = None,
    *,
    phase: int | None = None,
    op: str | None = None,
) -> dict[str, Any]:
    """Send one action and return its ack."""
    envelope: dict[str, Any] = {"op": op or uuid.uuid4().hex, "type": type_, "data": data or {}}
    if phase is not None:
        envelope["phase"] = phase
    ack = client.emit("act", envelope, callback=True)
    assert isinstance(ack, dict), ack
    return ack


def events(client: SocketIOTestClient, name: str = "ev") -> list[dict[str, Any]]:
    """Drain received events of one name."""
    return [e["args"][0] for e in client.get_received() if e["name"] == name]


@pytest.fixture()
def make_room(app: Flask, facilitator: User):  # type: ignore[no-untyped-def]
    """make_room(kit='demo') -> Room with a draft workshop."""

    def make(kit: str = "demo", locale: str = "fi") -> Room:
        from facilitator.operations.workshops import create_workshop

        with app.app_context():
            owner = db.session.get(User, facilitator.id)
            workshop = create_workshop(
                db.session, owner, app.extensions["facilitator.kits"][kit], locale=locale
            )
            db.session.commit()
            return Room(app, facilitator, workshop.id)

    return make


os.environ.setdefault("FACILITATOR_ASYNC_MODE", "threading")
