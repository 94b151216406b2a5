"""Schema migrations through Alembic, driven from the app's engine."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from facilitator.extensions import db

# Advisory lock held while migrating: the two-key form, a key space apart from the workshop locks.
MIGRATION_LOCK = (0x46AC, 1)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """Alembic config pointing at the bundled migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade() -> None:
    """Bring the database to the newest schema (run inside an app context)."""
    config = alembic_config()
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several processes starting at once migrate one after another, not all together.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:a, :b)"),
                {"a": MIGRATION_LOCK[0], "b": MIGRATION_LOCK[1]},
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def revision(message: str) -> None:
    """Autogenerate a migration from the models (developers only)."""
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)
