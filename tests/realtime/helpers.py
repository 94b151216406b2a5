"""Shared helpers for socket tests: configure phases, read rows, start a room."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.support import Translations
from flask import Flask
from markupsafe import escape
from sqlalchemy import func, select

import facilitator
from facilitator.extensions import db
from facilitator.models import Contribution, Operation, Participant, Phase, Workshop
from facilitator.realtime.errors import MESSAGES
from tests.conftest import Phone, Room, act, events


def set_config(room: Room, index: int, **config: Any) -> None:
    """Change one phase's method config in the database (as if the kit said so)."""
    with room.app.app_context():
        phase = db.session.scalars(
            select(Phase).where(Phase.workshop_id == room.id, Phase.position == index)
        ).one()
        phase.config = {**phase.config, **config}
        db.session.commit()


def count(app: Flask, model: type, **where: Any) -> int:
    """Rows of ``model`` matching ``where``."""
    with app.app_context():
        query = select(func.count()).select_from(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return int(db.session.scalar(query) or 0)


def notes(room: Room) -> list[Contribution]:
    """All note rows of the workshop, detached."""
    with room.app.app_context():
        rows = list(
            db.session.scalars(
                select(Contribution)
                .where(Contribution.workshop_id == room.id, Contribution.kind == "note")
                .order_by(Contribution.id)
            )
        )
        db.session.expunge_all()
        return rows


def workshop_row(room: Room) -> Workshop:
    """The workshop as stored now."""
    return room.workshop


def fingerprint(room: Room) -> tuple[Any, ...]:
    """Everything an action could change: refused actions must leave it equal."""
    with room.app.app_context():
        w = db.session.get(Workshop, room.id)
        assert w is not None
        phases = [(p.state, p.method_state, p.started_at) for p in w.phases]
        rows = db.session.execute(
            select(
                Contribution.id,
                Contribution.body,
                Contribution.hidden,
                Contribution.deleted,
                Contribution.parent_id,
                Contribution.value,
                Contribution.data,
                Contribution.revision,
                Contribution.order_key,
            )
            .where(Contribution.workshop_id == room.id)
            .order_by(Contribution.id)
        ).all()
        people = db.session.scalar(
            select(func.count()).select_from(Participant).where(Participant.workshop_id == room.id)
        )
        ops = db.session.scalar(
            select(func.count()).select_from(Operation).where(Operation.workshop_id == room.id)
        )
        out = (
            w.status,
            w.current_phase,
            w.seq,
            w.locale,
            dict(w.state),
            phases,
            [tuple(r) for r in rows],
            people,
            ops,
        )
        db.session.rollback()
        return out


def started(room: Room, *phones: tuple[str, str]) -> tuple[Any, list[Phone]]:
    """Open the console, join phones, start the workshop; drain everything received."""
    console = room.console()
    joined = [room.join(name, role) for name, role in phones]
    ack = act(console, "workshop.start")
    assert ack["ok"], ack
    events(console)
    for phone in joined:
        phone.sock.get_received()
    return console, joined


def error_code(ack: dict[str, Any]) -> str:
    """The refusal code of an ack, checking the one error shape."""
    assert ack["ok"] is False, ack
    assert set(ack) == {"ok", "error"}
    # The one shape; a conflict also carries the current text (docs/protocol.md).
    extra = {"current"} if ack["error"].get("code") == "conflict" else set()
    assert set(ack["error"]) - extra == {"code", "message"}
    assert isinstance(ack["error"]["message"], str) and ack["error"]["message"]
    return str(ack["error"]["code"])


def snapshot(client: Any) -> dict[str, Any]:
    """A fresh snapshot through `sync`."""
    ack = client.emit("sync", callback=True)
    assert ack["ok"], ack
    return ack["data"]  # type: ignore[no-any-return]


CATALOGUES = Path(facilitator.__file__).resolve().parent / "translations"


def translated(msgid: str, locale: str = "fi") -> str:
    """A text read from the catalogue itself (the English msgid when untranslated)."""
    return str(Translations.load(str(CATALOGUES), [locale]).gettext(msgid))


def message(code: str, locale: str = "fi", **params: Any) -> str:
    """An error message in ``locale``, as the catalogue has it."""
    text = translated(MESSAGES[code]._args[0], locale)  # type: ignore[attr-defined]
    return text % params if params else text


def in_page(text: str) -> bytes:
    """How a text appears in an HTML page (escaped like Jinja does)."""
    return str(escape(text)).encode()
