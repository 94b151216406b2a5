"""Deleted means gone: what a participant deletes, and what a purge removes, leaves no text.

- A contribution marked ``deleted`` keeps no text: its body is emptied and the text values of
  its ``data`` are dropped whenever it is written (a tombstone with id, kind and times stays, so
  the order of what remains and the replay log still hold).
- The stored copy of an operation's ack (the replay log) keeps no user text: the ``text``,
  ``label``, ``body``, ``name`` and ``title`` values are left out. The client that sent the
  action already has its own text; a replayed ack tells it the ids and counts.
- On SQLite every connection runs with ``secure_delete`` (deleted content is overwritten with
  zeros, app._tune_engine) and :func:`compact` checkpoints the write-ahead log into the database
  and truncates it, then vacuums, so that a deleted workshop is in neither file afterwards.

Both hooks are SQLAlchemy mapper events: every code path that writes these rows goes through
them, whichever method or view made the change.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from facilitator.models import Contribution, Operation

log = logging.getLogger(__name__)

#: Keys whose values are user text in acks and in a contribution's data.
TEXT_KEYS = frozenset({"text", "label", "body", "name", "title"})


def without_text(value: Any) -> Any:
    """A copy of a JSON-like value without the values of TEXT_KEYS (at any depth)."""
    if isinstance(value, dict):
        return {k: without_text(v) for k, v in value.items() if k not in TEXT_KEYS}
    if isinstance(value, list):
        return [without_text(v) for v in value]
    return value


def tombstone(item: Contribution) -> None:
    """Empty a deleted contribution: no body, no text in its data."""
    item.body = ""
    data = item.data or {}
    kept = {k: v for k, v in data.items() if not isinstance(v, str) and k not in TEXT_KEYS}
    if kept != data:
        item.data = kept


@event.listens_for(Contribution, "before_insert")
@event.listens_for(Contribution, "before_update")
def _erase_deleted(_mapper: Any, _connection: Any, target: Contribution) -> None:
    """A contribution written as deleted is written as a tombstone."""
    if target.deleted:
        tombstone(target)


@event.listens_for(Operation, "before_insert")
@event.listens_for(Operation, "before_update")
def _ack_without_text(_mapper: Any, _connection: Any, target: Operation) -> None:
    """The replay log stores acks without user text (a new dict: the live ack is untouched)."""
    target.ack = without_text(target.ack)


def compact(engine: Engine) -> None:
    """SQLite: move the write-ahead log into the database, vacuum, and truncate the log, so
    deleted rows are in neither file. PostgreSQL: VACUUM the tables that hold user text (the
    space is marked free; see docs/deployment.md for what that means for the bytes)."""
    if engine.dialect.name == "sqlite":
        try:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.exec_driver_sql("VACUUM")
                busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
        except OperationalError as exc:
            busy = None
            log.warning("could not compact the database now (%s)", type(exc).__name__)
        if busy is not None and busy[0]:
            log.warning("the write-ahead log could not be truncated now (readers were busy)")
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(
            text("VACUUM contributions, operations, participants, minutes, phases, workshops")
        )
