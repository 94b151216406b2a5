"""`facilitator purge`: ended workshops past retention go, with all their data; others stay."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import func, select

from facilitator.extensions import db
from facilitator.models import Contribution, Participant, Workshop
from facilitator.models.types import utcnow
from facilitator.operations.retention import delete_workshop, expired
from tests.conftest import act


def _count(model: type) -> int:
    return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def test_expired_workshops_are_deleted_with_everything(app, make_room) -> None:
    old, fresh, running = make_room(), make_room(), make_room()
    for room in (old, fresh, running):
        console = room.console()
        phone = room.join(name="Aino")
        act(console, "workshop.start")
        assert act(phone.sock, "note.add", {"text": "Ajatus"}, phase=room.phase_id(0))["ok"]
    act(old.console(), "workshop.end")
    act(fresh.console(), "workshop.end")
    with app.app_context():
        db.session.get(Workshop, old.id).ended_at = utcnow() - timedelta(days=100)
        db.session.commit()
        assert [w.id for w in expired(db.session, utcnow(), 90)] == [old.id]
        delete_workshop(db.session, db.session.get(Workshop, old.id))
        db.session.commit()
        assert db.session.get(Workshop, old.id) is None
        assert {w.id for w in db.session.scalars(select(Workshop))} == {fresh.id, running.id}
        assert _count(Participant) == 2
        assert _count(Contribution) == 2


def test_purge_command_dry_run_deletes_nothing(app, make_room, monkeypatch) -> None:
    room = make_room()
    act(room.console(), "workshop.end")
    with app.app_context():
        db.session.get(Workshop, room.id).ended_at = utcnow() - timedelta(days=10)
        db.session.commit()
    monkeypatch.setenv("FACILITATOR_DATA_DIR", app.config["DATA_DIR"])
    monkeypatch.setenv("FACILITATOR_ASYNC_MODE", "threading")
    from facilitator.cli import cli

    result = CliRunner().invoke(cli, ["purge", "--days", "5", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would delete" in result.output
    result = CliRunner().invoke(cli, ["purge", "--days", "30"])
    assert "0 workshop(s)" in result.output
    result = CliRunner().invoke(cli, ["purge", "--days", "5"])
    assert "1 workshop(s) older than 5 days deleted" in result.output
    with app.app_context():
        assert db.session.get(Workshop, room.id) is None
