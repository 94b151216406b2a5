"""The workshop transaction: lock, change, number events, commit, then publish in order.

Locking is per workshop and database-level on PostgreSQL (a session advisory lock held from
before the transaction until the events are published), so several server processes sharing one
database and one message queue publish each workshop's events in ``seq`` order. SQLite allows one
writer anyway and runs in one process, so there a process-wide lock serialises writers; it also
keeps a green thread from waiting on SQLite's busy handler, which would block the whole hub.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from facilitator.extensions import db, socketio
from facilitator.models import Workshop
from facilitator.realtime.context import Event
from facilitator.realtime.errors import ActionError
from facilitator.realtime.seat import (
    group_room,
    person_room,
    projector_room,
    public_room,
    staff_room,
)

EVENT = "ev"
#: The type of a placeholder: a phone outside an event's audience gets only its seq.
SKIP = "-"


# Workshop transactions running at once in one process on PostgreSQL. Each holds two pooled
# connections (the advisory lock's and the session's); bounding them keeps the pool (10 + 20
# overflow, see app._engine_options) from filling with lock connections whose transactions then
# wait forever for a session connection.
CONCURRENT_TRANSACTIONS = 10


class WorkshopLocks:
    """Per-workshop mutual exclusion, across processes on PostgreSQL."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[int, threading.Lock] = {}
        self._sqlite_lock = threading.RLock()
        self._slots = threading.BoundedSemaphore(CONCURRENT_TRANSACTIONS)

    def _local(self, workshop_id: int) -> threading.Lock:
        with self._guard:
            lock = self._locks.get(workshop_id)
            if lock is None:
                lock = self._locks[workshop_id] = threading.Lock()
            return lock

    @contextmanager
    def hold(self, workshop_id: int) -> Iterator[None]:
        """Hold the workshop's lock for the body (transaction and publishing)."""
        if db.engine.dialect.name == "sqlite":
            with self._sqlite_lock:
                yield
            return
        with self._local(workshop_id), self._slots, db.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": workshop_id})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": workshop_id})
                conn.commit()


locks = WorkshopLocks()


@dataclass
class Transaction:
    """The locked workshop and the events queued for publishing."""

    workshop: Workshop
    events: list[Event] = field(default_factory=list)

    def publish(
        self,
        type_: str,
        public: dict[str, Any],
        staff: dict[str, Any] | None = None,
        *,
        groups: tuple[int, ...] = (),
        people: tuple[int, ...] = (),
    ) -> None:
        """Queue an event for after the commit (``groups`` / ``people``: only those phones get
        the public data; see emit_event)."""
        self.events.append(
            Event(
                type_,
                public,
                public if staff is None else staff,
                groups=tuple(groups),
                people=tuple(people),
                projector=not people or bool(groups),
            )
        )


@contextmanager
def workshop_transaction(workshop_id: int) -> Iterator[Transaction]:
    """Lock, load fresh, yield; then number events, commit, publish, unlock."""
    session = db.session
    with locks.hold(workshop_id):
        try:
            workshop = session.get(Workshop, workshop_id, populate_existing=True)
            if workshop is None:
                raise ActionError("not_found", 404)
            txn = Transaction(workshop)
            yield txn
            numbered = []
            for event in txn.events:
                workshop.seq += 1
                numbered.append((workshop.seq, event))
            session.commit()
        except BaseException:
            session.rollback()
            raise
        for seq, event in numbered:
            emit_event(workshop_id, seq, event)


def emit_event(workshop_id: int, seq: int, event: Event) -> None:
    """Send one committed event: consoles, then big screens, then phones (same seq for all).

    Consoles also get the public projection as ``preview`` when it differs, so their preview of
    the big screen applies exactly what the big screen gets. An event for one group of people
    (or one person) goes to their room first; every phone then gets a placeholder with the same
    seq, which the audience's phones ignore (they have that seq already) and the others use to
    keep their seq gapless — so a phone outside the audience never receives the data, not even
    hidden, and receives one small message. The big screen shows every group; it gets the public
    data of group events, and a placeholder of events meant only for some people's phones."""
    staff: dict[str, Any] = {"seq": seq, "type": event.type, "data": event.staff}
    if event.public is not event.staff and event.public != event.staff:
        staff["preview"] = event.public
    public = {"seq": seq, "type": event.type, "data": event.public}
    skip = {"seq": seq, "type": SKIP}
    socketio.emit(EVENT, staff, to=staff_room(workshop_id))
    socketio.emit(EVENT, public if event.projector else skip, to=projector_room(workshop_id))
    if event.everyone:
        socketio.emit(EVENT, public, to=public_room(workshop_id))
        return
    rooms = [group_room(workshop_id, g) for g in event.groups]
    rooms += [person_room(workshop_id, p) for p in event.people]
    socketio.emit(EVENT, public, to=rooms)  # one delivery per phone, however many rooms hold it
    socketio.emit(EVENT, skip, to=public_room(workshop_id))
