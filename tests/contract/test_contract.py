"""The method contract: every registered method passes the same checks (see conftest.py).

- its example kit validates and uses every setting of the method;
- every action refuses every role it does not declare, and changes nothing;
- a seat of another workshop can never touch this workshop's items;
- a payload with keys the action does not know is refused with a translated message;
- after a session of generated actions, its minutes render in every minutes format.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask

from facilitator.exports import registry as export_formats
from facilitator.exports.workshop_json import export_workshop
from facilitator.extensions import db
from facilitator.kits.loader import load_kit_file
from facilitator.methods.base import ROLES, Method
from facilitator.models import Contribution, Workshop
from facilitator.summaries import build_minutes
from tests.conftest import Room, act
from tests.contract.conftest import example_kit_id
from tests.contract.payloads import valid_example, variants
from tests.realtime.helpers import fingerprint, message, started


def method_of(app: Flask, method_id: str) -> Method:
    """The registered method."""
    return app.extensions["facilitator.methods"].get(method_id)  # type: ignore[no-any-return]


def phase_index(app: Flask, method_id: str) -> int:
    """The first phase of the method's example kit that runs the method."""
    kit = app.extensions["facilitator.kits"][example_kit_id(method_id)]
    return next(i for i, p in enumerate(kit.phases) if p.method == method_id)


class Session:
    """A running room at the method's phase: console, two phones, a projector."""

    def __init__(self, make_room: Any, app: Flask, method_id: str) -> None:
        self.app = app
        self.room: Room = make_room(kit=example_kit_id(method_id), locale="fi")
        self.console, self.phones = started(self.room, ("Anna", "client"), ("", "professional"))
        index = phase_index(app, method_id)
        if index:
            assert act(self.console, "phase.goto", {"index": index})["ok"]
        self.projector = self.room.projector()
        self.method = method_of(app, method_id)
        self.phase = self.room.phase_id(index)

    def seat(self, role: str) -> Any:
        """A socket of the role."""
        return {
            "participant": self.phones[0].sock,
            "facilitator": self.console,
            "projector": self.projector,
        }[role]

    def item_ids(self) -> list[int]:
        """Ids of every contribution of the room, newest first."""
        with self.app.app_context():
            rows = db.session.scalars(
                db.select(Contribution.id)
                .where(Contribution.workshop_id == self.room.id)
                .order_by(Contribution.id.desc())
            )
            return list(rows)

    def play(self, rounds: int = 2) -> None:
        """Every action the method declares, from every role it allows, with generated
        payloads (ids of the room's own items): what a lively session does, in any order."""
        for _ in range(rounds):
            for action, spec in sorted(self.method.handlers.items()):
                for role in sorted(spec.roles):
                    data = valid_example(spec.payload, self.item_ids())
                    if data is not None:
                        act(self.seat(role), action, data, phase=self.phase)
            for phone in self.phones[1:]:
                for action, spec in sorted(self.method.handlers.items()):
                    if "participant" in spec.roles:
                        data = valid_example(spec.payload, self.item_ids())
                        if data is not None:
                            act(phone.sock, action, data, phase=self.phase)


def test_the_example_kit_validates_and_uses_every_setting(app: Flask, method_id: str) -> None:
    method = method_of(app, method_id)
    assert method.folder is not None
    kit = load_kit_file(method.folder / "kit.example.yaml")
    registry = app.extensions["facilitator.methods"]
    assert registry.check_kit(kit, "kit.example.yaml") == []
    used: set[str] = set()
    for phase in kit.phases:
        if phase.method == method_id:
            method.config(phase.config)
            used |= set(phase.config)
    assert used == set(method.Config.model_fields), "the example leaves settings out"


def test_the_method_declares_its_parts(app: Flask, method_id: str) -> None:
    method = method_of(app, method_id)
    assert method.label, "a label for the console"
    assert method.kinds, "the contribution kinds it writes"
    for action, spec in method.handlers.items():
        assert spec.doc, f"{action}: a one-line docstring"
        assert spec.payload.model_config.get("extra") == "forbid", action
    assert method.folder is not None
    for name in ("README.md", "static/index.js", "kit.example.yaml"):
        assert (method.folder / name).is_file(), name


def test_every_action_refuses_every_role_it_does_not_declare(
    app: Flask, make_room: Any, method_id: str
) -> None:
    session = Session(make_room, app, method_id)
    session.play(rounds=1)
    before = fingerprint(session.room)
    for action, spec in sorted(session.method.handlers.items()):
        data = valid_example(spec.payload, session.item_ids()) or {}
        for role in sorted(set(ROLES) - spec.roles):
            ack = act(session.seat(role), action, data, phase=session.phase)
            assert ack["ok"] is False and ack["error"]["code"] == "forbidden", (action, role)
            assert fingerprint(session.room) == before, (action, role)


def test_another_workshops_seats_never_touch_its_items(
    app: Flask, make_room: Any, method_id: str
) -> None:
    mine = Session(make_room, app, method_id)
    mine.play()
    theirs = Session(make_room, app, method_id)
    before = fingerprint(mine.room)
    targets = mine.item_ids()
    assert targets, "the generated session made items to aim at"
    for action, spec in sorted(theirs.method.handlers.items()):
        for data in variants(spec.payload, targets):
            for role in sorted(spec.roles):
                # Their own phase id, and this room's phase id: neither reaches this room.
                act(theirs.seat(role), action, data, phase=theirs.phase)
                act(theirs.seat(role), action, data, phase=mine.phase)
                assert fingerprint(mine.room) == before, (action, role, data)


def test_unknown_payload_keys_are_refused_with_a_translated_message(
    app: Flask, make_room: Any, method_id: str
) -> None:
    session = Session(make_room, app, method_id)
    before = fingerprint(session.room)
    for action, spec in sorted(session.method.handlers.items()):
        role = sorted(spec.roles)[0]
        data = {**(valid_example(spec.payload, [1]) or {}), "not_a_field": 1}
        ack = act(session.seat(role), action, data, phase=session.phase)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid", (action, ack)
        # Finnish, naming only the field (never the validator's English words).
        assert ack["error"]["message"] == message("invalid", "fi", detail="not_a_field"), ack
        assert fingerprint(session.room) == before, action


def test_the_minutes_render_in_every_format(app: Flask, make_room: Any, method_id: str) -> None:
    session = Session(make_room, app, method_id)
    session.play()
    assert act(session.console, "workshop.end")["ok"]
    with app.app_context():
        workshop = db.session.get(Workshop, session.room.id)
        assert workshop is not None
        export = json.loads(json.dumps(export_workshop(db.session, workshop)))
    registry = app.extensions["facilitator.methods"]
    for locale in ("fi", "sv", "en"):
        minutes = build_minutes(export, locale, methods=registry)
        for fmt in ("md", "html", "docx", "pdf"):
            body = export_formats.render(minutes, fmt)
            assert body, (locale, fmt)
        text = export_formats.render(minutes, "md").decode()
        title = export["phases"][phase_index(app, method_id)]["title"][locale]
        assert title in text, (locale, "the phase has its section")
