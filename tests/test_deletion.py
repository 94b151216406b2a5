"""Deleted means gone (issue 16, finding 4): a deleted note keeps no text anywhere, edits keep no
earlier text, the replay log and the JSON export hold none, a facilitator can delete a workshop
from the console, and purge follows its rules and leaves nothing in the database files."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from alembic import command
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import func, select, text

from facilitator import db_migrate
from facilitator.exports.workshop_json import export_workshop, render
from facilitator.extensions import db, socketio
from facilitator.models import Contribution, Operation, Participant, User, Workshop
from facilitator.models.types import utcnow
from facilitator.models.workshop import STATUS_DRAFT, STATUS_ENDED, STATUS_RUNNING
from facilitator.operations.workshops import create_workshop
from tests.conftest import act, running_app
from tests.realtime.conftest import password_hash
from tests.realtime.helpers import snapshot, started
from tests.support.pg import throwaway_database


def _files(app: Flask) -> bytes:
    """Every byte of the SQLite database and its write-ahead log."""
    base = Path(app.config["DATA_DIR"]) / "facilitator.db"
    return b"".join(p.read_bytes() for p in (base, Path(f"{base}-wal")) if p.exists())


def _stored_text(app: Flask, workshop_id: int) -> str:
    """Every row of the workshop as the database holds it, as one string."""
    with app.app_context():
        rows = db.session.execute(
            select(Contribution.body, Contribution.data).where(
                Contribution.workshop_id == workshop_id
            )
        ).all()
        acks = db.session.scalars(
            select(Operation.ack).where(Operation.workshop_id == workshop_id)
        ).all()
        return json.dumps([list(r) for r in rows] + list(acks), ensure_ascii=False)


def _export(app: Flask, workshop_id: int) -> str:
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        return render(export_workshop(db.session, workshop)).decode()


def test_a_deleted_note_and_earlier_text_are_gone(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    room = make_room()
    console, [phone] = started(room, ("", ""))
    note = act(phone.sock, "note.add", {"text": "Ensimmäinen versio KANARIA1"})["data"]["note"]
    edited = act(phone.sock, "note.edit", {"id": note["id"], "text": "Toinen versio KANARIA2"})
    assert edited["data"]["note"]["text"] == "Toinen versio KANARIA2"  # the live ack has it
    act(console, "theme.create", {"label": "Teema KANARIA3"})
    stored = _stored_text(app, room.id)
    assert "KANARIA1" not in stored  # the text before the edit is nowhere
    assert stored.count("KANARIA2") == 1  # only in the note's own row, not in any ack
    assert stored.count("KANARIA3") == 1
    assert act(phone.sock, "note.delete", {"id": note["id"]})["ok"]
    stored = _stored_text(app, room.id)
    assert "KANARIA2" not in stored and "KANARIA1" not in stored
    exported = _export(app, room.id)
    assert "KANARIA1" not in exported and "KANARIA2" not in exported
    [tombstone] = [c for c in json.loads(exported)["contributions"] if c["kind"] == "note"]
    assert tombstone["deleted"] is True and tombstone["body"] == ""
    assert snapshot(console)["view"]["notes"] == []


def test_the_migration_erases_text_deleted_before_it(tmp_path: Path) -> None:
    """Deleted notes and acks stored by an older version lose their text on upgrade."""
    with running_app(tmp_path / "data") as app, app.app_context():
        config = db_migrate.alembic_config()
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0005")
            conn.execute(
                text(
                    "INSERT INTO users (id, username, display_name, password_hash, created_at) "
                    "VALUES (1, 'f', 'f', 'x', '2026-01-01')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO workshops (id, owner_id, title, place, kit_id, kit, locale, "
                    "join_code, projector_token, status, current_phase, seq, participant_count, "
                    "state, created_at) VALUES (1, 1, 't', '', 'demo', '{}', 'fi', 'AAAAAA', "
                    "'x', 'ended', 0, 0, 0, '{}', '2026-01-01')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO phases (id, workshop_id, position, key, method, title, "
                    "question, config, state) VALUES (1, 1, 0, 'p', 'brainstorm', '{}', '{}', "
                    "'{}', '{}')"
                )
            )
            for row_id, deleted in ((1, True), (2, False)):
                conn.execute(
                    text(
                        "INSERT INTO contributions (id, workshop_id, phase_id, kind, body, value, "
                        "data, hidden, deleted, created_at, updated_at) VALUES (:id, 1, 1, "
                        "'note', :body, 0, :data, false, :deleted, '2026-01-01', '2026-01-01')"
                    ),
                    {
                        "id": row_id,
                        "body": f"VANHA{row_id}",
                        "data": json.dumps({"quote": f"VANHA{row_id}", "scribe": True}),
                        "deleted": deleted,
                    },
                )
            ack = {"ok": True, "data": {"note": {"id": 2, "text": "VANHA2", "plus": 0}}}
            conn.execute(
                text(
                    "INSERT INTO operations (workshop_id, actor, op_id, ack, created_at) "
                    "VALUES (1, 'p:1', 'op-000001', :ack, '2026-01-01')"
                ),
                {"ack": json.dumps(ack)},
            )
            command.upgrade(config, "head")
        rows = db.session.execute(
            select(Contribution.id, Contribution.body, Contribution.data).order_by(Contribution.id)
        ).all()
        assert [tuple(r) for r in rows] == [
            (1, "", {"scribe": True}),
            (2, "VANHA2", {"quote": "VANHA2", "scribe": True}),
        ]
        assert db.session.scalars(select(Operation.ack)).one() == {
            "ok": True,
            "data": {"note": {"id": 2, "plus": 0}},
        }


def test_a_facilitator_deletes_a_workshop_from_the_console(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """A confirmation page, then the workshop is gone: rows, database file and its log."""
    room, kept = make_room(), make_room()
    console, phones = started(room, ("Kanarialintu", "client"), ("", ""))
    for n, phone in enumerate(phones):
        assert act(phone.sock, "note.add", {"text": f"Salassa pidettävä POISTO{n}"})["ok"]
    assert act(console, "workshop.end")["ok"]  # minutes are written too
    assert b"POISTO0" in _files(app)  # the test can see text in the files
    http, token = room.console_http, room.workshop.projector_token
    page = http.get(f"/console/{room.id}/delete")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'method="post"' in html and room.workshop.title in html
    assert f'href="/console/{room.id}/delete"' in http.get("/").get_data(as_text=True)
    response = http.post(f"/console/{room.id}/delete")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    with app.app_context():
        assert db.session.get(Workshop, room.id) is None
        assert db.session.get(Workshop, kept.id) is not None
        for model in (Contribution, Participant, Operation):
            query = select(func.count()).select_from(model).where(model.workshop_id == room.id)
            assert db.session.scalar(query) == 0
    files = _files(app)
    assert b"POISTO0" not in files and b"POISTO1" not in files
    assert b"Kanarialintu" not in files
    # The open screens of the deleted workshop are closed, and cannot come back.
    assert not phones[0].sock.is_connected() and not console.is_connected()
    projector = socketio.test_client(
        app, auth={"workshop": room.id, "role": "projector", "token": token}
    )
    assert not projector.is_connected()
    assert http.get(f"/console/{room.id}").status_code == 404


def test_only_the_owner_can_delete(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    room = make_room()
    stranger = app.test_client()
    assert stranger.post(f"/console/{room.id}/delete").status_code == 302  # to the log-in page
    with app.app_context():
        assert db.session.get(Workshop, room.id) is not None


def _age(app: Flask, workshop_id: int, days: int) -> None:
    """Move every time of a workshop ``days`` into the past."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        past = utcnow() - timedelta(days=days)
        workshop.created_at = past
        workshop.started_at = past if workshop.started_at else None
        workshop.ended_at = past if workshop.ended_at else None
        db.session.commit()


def _purge(app: Flask, monkeypatch, *args: str) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FACILITATOR_DATA_DIR", app.config["DATA_DIR"])
    monkeypatch.setenv("FACILITATOR_ASYNC_MODE", "threading")
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        monkeypatch.setenv("FACILITATOR_DATABASE_URL", app.config["DATABASE_URL"])
    from facilitator.cli import cli

    result = CliRunner().invoke(cli, ["purge", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _statuses(app: Flask) -> dict[int, str]:
    with app.app_context():
        return {w.id: w.status for w in db.session.scalars(select(Workshop))}


def _rooms_in_every_state(make_room):  # type: ignore[no-untyped-def]
    """An old and a new workshop in each status (draft, running, ended), each with a note."""
    rooms = {}
    for status in (STATUS_DRAFT, STATUS_RUNNING, STATUS_ENDED):
        for age in ("old", "new"):
            room = make_room()
            console = room.console()
            phone = room.join()
            act(console, "workshop.start")
            act(phone.sock, "note.add", {"text": f"PURGE-{status}-{age}"})
            if status == STATUS_ENDED:
                act(console, "workshop.end")
            if status == STATUS_DRAFT:
                with room.app.app_context():
                    w = db.session.get(Workshop, room.id)
                    w.status, w.started_at = STATUS_DRAFT, None
                    db.session.commit()
            rooms[(status, age)] = room
    return rooms


def test_purge_rules_for_every_state_and_the_files_forget(
    app: Flask, make_room, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Ended: from the end; left running: from the start; never started: from creation."""
    rooms = _rooms_in_every_state(make_room)
    for (_, age), room in rooms.items():
        if age == "old":
            _age(app, room.id, 100)
    assert b"PURGE-running-old" in _files(app)
    dry = _purge(app, monkeypatch, "--dry-run")
    assert "3 workshop(s)" in dry and len(_statuses(app)) == 6
    assert "3 workshop(s) older than 90 days deleted" in _purge(app, monkeypatch)
    left = _statuses(app)
    assert set(left) == {room.id for (_, age), room in rooms.items() if age == "new"}
    files = _files(app)
    for status in (STATUS_DRAFT, STATUS_RUNNING, STATUS_ENDED):
        assert f"PURGE-{status}-old".encode() not in files, status


def test_purge_on_postgresql(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The same rules on PostgreSQL (the tables are vacuumed afterwards)."""
    with throwaway_database("purge") as url, running_app(tmp_path / "pg", DATABASE_URL=url) as app:
        with app.app_context():
            owner = User(username="fasi", display_name="F", password_hash=password_hash())
            db.session.add(owner)
            db.session.commit()
            kit = app.extensions["facilitator.kits"]["demo"]
            ids = [create_workshop(db.session, owner, kit).id for _ in range(2)]
            db.session.commit()
        _age(app, ids[0], 100)
        assert "1 workshop(s)" in _purge(app, monkeypatch)
        assert set(_statuses(app)) == {ids[1]}
