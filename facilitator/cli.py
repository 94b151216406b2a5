"""Command line: serve, init-db, users create, kits check."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

import click
from flask import Flask


def _app() -> Flask:
    from facilitator import create_app

    return create_app()


@click.group()
def cli() -> None:
    """Facilitator: a real-time studio for co-development workshops."""


@cli.command()
@click.option("--host", default=None, help="Address to listen on (FACILITATOR_HOST).")
@click.option("--port", default=None, type=int, help="Port (FACILITATOR_PORT).")
@click.option(
    "--async-mode",
    type=click.Choice(["gevent", "eventlet", "threading"]),
    default=None,
    help="Async library (FACILITATOR_ASYNC_MODE); gevent by default.",
)
def serve(host: str | None, port: int | None, async_mode: str | None) -> None:
    """Migrate the database and run the server."""
    from facilitator import db_migrate
    from facilitator.extensions import socketio

    app = _app()
    host = host or app.config["HOST"]
    port = port or app.config["PORT"]
    with app.app_context():
        db_migrate.upgrade()
    from facilitator.summaries.text_analysis import warm_up

    warm_up(app.config["DEFAULT_LOCALE"])  # slow dictionary loads now, not when a workshop ends
    from facilitator.realtime import scheduler

    scheduler.start(app)  # timers whose end moves the room on (e.g. the next round)
    click.echo(f"Facilitator is running ({app.config['ASYNC_MODE']}).")
    click.echo(f"  Open on this laptop:  http://127.0.0.1:{port}/")
    for line in reach_lines(app.config, host, port):
        click.echo(line)
    sys.stdout.flush()
    options: dict[str, object] = {}
    if app.config["ASYNC_MODE"] == "gevent":
        from facilitator.realtime.guard import quiet_gevent_handler

        options["handler_class"] = quiet_gevent_handler()
    socketio.run(app, host=host, port=port, log_output=False, use_reloader=False, **options)


def reach_lines(config: Mapping[str, Any], host: str, port: int) -> list[str]:
    """What `serve` says about how phones reach this machine (read from its network
    interfaces, never from the host name; nothing is sent)."""
    from facilitator import network

    if config["PUBLIC_URL"]:
        return [f"  Phones join at:       {str(config['PUBLIC_URL']).rstrip('/')}/j"]
    found = network.reach(config["DATA_DIR"])
    if found.chosen is None:
        return [
            "  Phones cannot reach this computer: it is not connected to any network.",
            "  Connect it to the same Wi-Fi as the participants' phones and restart,",
            "  or set FACILITATOR_PUBLIC_URL to the address phones use.",
        ]
    lines = [f"  Phones on this Wi-Fi: http://{found.chosen.address}:{port}/j"]
    others = [c for c in found.options if c != found.chosen]
    if others:
        lines.append(
            f"  This computer is on {len(found.options)} networks; the console lets you pick "
            "the room's Wi-Fi:"
        )
        lines.extend(f"    {c.label}" for c in found.options)
    if host in ("127.0.0.1", "localhost", "::1"):
        lines.append(
            f"  Listening on {host} only: phones cannot connect. Use --host 0.0.0.0 to let them."
        )
    return lines


@cli.command("methods")
def methods() -> None:
    """List the installed workshop methods: their actions, who may send each, and their kinds."""
    from facilitator.methods.registry import build_registry

    for method in build_registry():
        click.echo(f"{method.id} — {method.label or method.id}  ({method.folder})")
        for action, spec in sorted(method.handlers.items()):
            roles = ", ".join(sorted(spec.roles))
            click.echo(f"  {action:<22} {roles:<34} {spec.doc}")
        kinds = ", ".join(f"{name} ({kind.meaning})" for name, kind in method.kinds.items())
        click.echo(f"  kinds: {kinds or '–'}")
        if method.errors:
            click.echo(f"  errors: {', '.join(sorted(method.errors))}")


@cli.command("init-db")
def init_db() -> None:
    """Create or upgrade the database schema."""
    from facilitator import db_migrate

    app = _app()
    with app.app_context():
        db_migrate.upgrade()
    click.echo("Database is up to date.")


@cli.group()
def users() -> None:
    """Facilitator accounts."""


@users.command("create")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def users_create(username: str, password: str) -> None:
    """Create a facilitator account."""
    from sqlalchemy import select

    from facilitator import db_migrate
    from facilitator.extensions import db
    from facilitator.models import User

    if len(password) < 10:
        raise click.ClickException("The password must have at least 10 characters.")
    app = _app()
    with app.app_context():
        db_migrate.upgrade()
        if db.session.scalars(select(User).where(User.username == username)).first():
            raise click.ClickException(f"User {username!r} already exists.")
        user = User(username=username, display_name=username)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
    click.echo(f"Created facilitator {username!r}.")


@cli.group()
def kits() -> None:
    """Session kits."""


@kits.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=True))
def kits_check(paths: tuple[str, ...]) -> None:
    """Validate kits (the bundled ones and FACILITATOR_KITS_DIR, or the given files)."""
    from pathlib import Path

    from facilitator import create_app
    from facilitator.kits.catalog import check_all
    from facilitator.kits.loader import KitError, load_kit_file

    app = create_app({"KITS_LENIENT": True})
    registry = app.extensions["facilitator.methods"]

    problems: list[str] = []
    checked = 0
    if paths:
        for raw in paths:
            path = Path(raw)
            files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
            for file in files:
                checked += 1
                try:
                    kit = load_kit_file(file)
                except KitError as exc:
                    problems.extend(exc.problems)
                    continue
                problems.extend(registry.check_kit(kit, str(file)))
    else:
        kits_found, problems = check_all(app)
        checked = len(kits_found) + len({p.split(": ")[0] for p in problems})
    for line in problems:
        click.echo(line, err=True)
    if problems:
        raise SystemExit(1)
    click.echo(f"{checked} kit(s) OK.")


@cli.command()
@click.option("--days", type=int, default=None, help="Override FACILITATOR_RETENTION_DAYS.")
@click.option("--dry-run", is_flag=True, help="List what would be deleted, delete nothing.")
def purge(days: int | None, dry_run: bool) -> None:
    """Delete workshops past the retention period (ended, left running or never started),
    with all their data, then compact the database files."""
    from facilitator import db_migrate
    from facilitator.extensions import db
    from facilitator.models.types import utcnow
    from facilitator.operations.erasure import compact
    from facilitator.operations.retention import delete_workshop, expired

    app = _app()
    with app.app_context():
        db_migrate.upgrade()
        keep = app.config["RETENTION_DAYS"] if days is None else days
        old = expired(db.session, utcnow(), keep)
        for workshop in old:
            click.echo(
                f"{'would delete' if dry_run else 'deleting'} {workshop.id}: {workshop.title}"
            )
            if not dry_run:
                delete_workshop(db.session, workshop)
        db.session.commit()
        if old and not dry_run:
            db.session.remove()
            compact(db.engine)
        db.session.remove()
        db.engine.dispose()
    click.echo(
        f"{len(old)} workshop(s) older than {keep} days {'found' if dry_run else 'deleted'}."
    )


from facilitator.cli_minutes import register as register_minutes  # noqa: E402

register_minutes(cli)
