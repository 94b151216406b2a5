"""Alembic environment: uses the app's engine and models."""

from __future__ import annotations

from alembic import context

from facilitator.extensions import db
from facilitator.models import *  # noqa: F403  (register every table)

config = context.config
connection = config.attributes.get("connection")


def run() -> None:
    """Run migrations on the connection handed in by facilitator.db_migrate."""
    if connection is None:
        raise RuntimeError("run migrations with `facilitator init-db`")
    context.configure(
        connection=connection,
        target_metadata=db.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
