"""The Alembic migrations build exactly the schema the models describe (no drift either way),
on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask

from facilitator.extensions import db
from tests.conftest import running_app

PG = "postgresql://postgres@127.0.0.1:5432"


def differences(app: Flask) -> list[object]:
    """What autogenerate would change between the migrated database and the models."""
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": False, "render_as_batch": True}
        )
        return list(compare_metadata(context, db.metadata))


def test_the_migrated_sqlite_database_matches_the_models(app: Flask) -> None:
    assert differences(app) == []


@pytest.fixture()
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    name = f"fx_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{PG}/test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(f"{PG}/test", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_the_migrated_postgresql_database_matches_the_models(
    tmp_path: Path, postgres_url: str
) -> None:
    with running_app(tmp_path / "data", DATABASE_URL=postgres_url) as app:
        with app.app_context():
            assert db.engine.dialect.name == "postgresql"
        assert differences(app) == []
