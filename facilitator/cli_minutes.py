"""Command line for minutes and exports: `facilitator export`, `import` and `summarize`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from flask import current_app

MINUTES_FORMATS = ("md", "html", "docx", "pdf")
ALL_FORMATS = ("docx", "pdf", "md", "html", "csv", "json")


def _write(content: bytes, output: str | None, default_name: str) -> None:
    """Write to a file, or to standard output with ``-o -`` (text formats only)."""
    if output == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    path = Path(output or default_name)
    path.write_bytes(content)
    click.echo(f"Wrote {path} ({len(content)} bytes).", err=True)


def _redactor(locale: str) -> Any:
    """Marker text for redaction in the minutes' language, without an app."""
    from facilitator.summaries.i18n import translator

    _ = translator(locale)
    labels = {
        "hetu": _("[identity code removed]"),
        "email": _("[e-mail address removed]"),
        "phone": _("[phone number removed]"),
    }
    return lambda kind: labels[kind]


def _find_workshop(session: Any, ref: str) -> Any:
    from sqlalchemy import select

    from facilitator.models import Workshop
    from facilitator.operations.workshops import find_by_code

    workshop = session.get(Workshop, int(ref)) if ref.isdigit() else find_by_code(session, ref)
    if workshop is None and ref.isdigit():
        workshop = session.scalars(select(Workshop).where(Workshop.join_code == ref)).first()
    if workshop is None:
        raise click.ClickException(f"No workshop {ref!r}: give its number or join code.")
    return workshop


@click.command("export")
@click.argument("workshop")
@click.option("--format", "fmt", type=click.Choice(ALL_FORMATS), default="docx", show_default=True)
@click.option("-o", "--output", default=None, help="File to write (- for standard output).")
@click.option("--redact", is_flag=True, help="Replace phone numbers, e-mails and identity codes.")
def export_command(workshop: str, fmt: str, output: str | None, redact: bool) -> None:
    """Export a workshop's minutes (docx, pdf, md, html) or data (csv, json)."""
    from facilitator import create_app, db_migrate, privacy
    from facilitator.exports import registry
    from facilitator.exports.workshop_json import export_workshop
    from facilitator.extensions import db
    from facilitator.minutes import service

    app = create_app()
    with app.app_context():
        db_migrate.upgrade()
        row = _find_workshop(db.session, workshop)
        record = service.get(db.session, row)
        label = _redactor(record.locale if record else row.locale)
        if fmt in MINUTES_FORMATS:
            minutes = service.current_minutes(
                db.session,
                row,
                redact_with=(lambda text: privacy.redact(text, label)) if redact else None,
            )
            content = registry.render(minutes, fmt)
        else:
            data = export_workshop(db.session, row)
            content = registry.export(privacy.redact_export(data, label) if redact else data, fmt)
        name = registry.filename(row.title, row.id, fmt)
    _write(content, output, name)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--owner", required=True, help="Username of the facilitator who will own it.")
@click.option("--title", default=None, help="A new title (default: the one in the file).")
def import_command(file: str, owner: str, title: str | None) -> None:
    """Import a workshop from a JSON export as a new workshop."""
    from sqlalchemy import select

    from facilitator import create_app, db_migrate
    from facilitator.cleaning import clean_tree
    from facilitator.exports.workshop_json import ImportProblem, import_workshop
    from facilitator.extensions import db
    from facilitator.models import User

    try:
        # Cleaned like any other input: no NUL or other control character reaches a database.
        data = clean_tree(json.loads(Path(file).read_text(encoding="utf-8")))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise click.ClickException(f"{file} is not a JSON file: {exc}") from None
    app = create_app()
    with app.app_context():
        db_migrate.upgrade()
        user = db.session.scalars(select(User).where(User.username == owner)).first()
        if user is None:
            raise click.ClickException(
                f"No facilitator {owner!r}. Create one with: facilitator users create {owner}"
            )
        try:
            workshop = import_workshop(
                db.session,
                data,
                user,
                title=title,
                methods=current_app.extensions["facilitator.methods"],
            )
        except ImportProblem as exc:
            db.session.rollback()
            for problem in exc.problems:
                click.echo(f"{file}: {problem}", err=True)
            raise click.ClickException("Nothing was imported.") from None
        db.session.commit()
        click.echo(f"Imported workshop {workshop.id}: {workshop.title}")


@click.command("summarize")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(MINUTES_FORMATS), default="md", show_default=True
)
@click.option("--locale", type=click.Choice(("fi", "sv", "en")), default=None)
@click.option("-o", "--output", default="-", help="File to write (default: standard output).")
@click.option("--decision", "decisions", multiple=True, help="A decision (repeatable).")
@click.option("--next-step", "next_steps", multiple=True, help="A next step (repeatable).")
def summarize_command(
    file: str,
    fmt: str,
    locale: str | None,
    output: str,
    decisions: tuple[str, ...],
    next_steps: tuple[str, ...],
) -> None:
    """Write the minutes of an exported workshop (JSON) without a server or database."""
    from facilitator.exports import registry
    from facilitator.exports.workshop_json import ImportProblem, read
    from facilitator.minutes.service import build

    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
        read(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise click.ClickException(f"{file} is not a JSON file: {exc}") from None
    except ImportProblem as exc:
        for problem in exc.problems:
            click.echo(f"{file}: {problem}", err=True)
        raise click.ClickException("This is not a workshop export.") from None
    chosen = locale or str(data.get("workshop", {}).get("locale") or "fi")
    minutes = build(data, chosen, decisions=decisions, next_steps=next_steps)
    if output == "-" and fmt in ("docx", "pdf") and sys.stdout.isatty():
        raise click.ClickException(f"Give a file for {fmt} output: -o minutes.{fmt}")
    _write(registry.render(minutes, fmt), output, f"minutes.{fmt}")


def register(group: click.Group) -> None:
    """Add the commands to the `facilitator` group."""
    for command in (export_command, import_command, summarize_command):
        group.add_command(command)
