"""Socket-test fixtures: the facilitator account with its scrypt hash computed once."""

from __future__ import annotations

import functools
import itertools

import pytest
from flask import Flask

from facilitator.extensions import db
from facilitator.models import User
from tests.conftest import PASSWORD

_names = itertools.count(1)


@functools.cache
def password_hash() -> str:
    """A real scrypt hash of the test password, made once per run (hashing costs ~0.1 s)."""
    user = User()
    user.set_password(PASSWORD)
    return user.password_hash


@pytest.fixture()
def facilitator(app: Flask) -> User:
    """Like the shared fixture, reusing one scrypt hash of the same password."""
    with app.app_context():
        user = User(
            username=f"fasi{next(_names)}", display_name="Fasi", password_hash=password_hash()
        )
        db.session.add(user)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
        return user
