"""Socket events: connect fixes the seat; `act` goes through the gate; `sync` sends a snapshot."""

from __future__ import annotations

import hmac
import time
from typing import Any

from flask import current_app, request
from flask_babel import force_locale
from flask_login import current_user
from flask_socketio import SocketIO, join_room
from sqlalchemy import select

from facilitator.access import may_facilitate
from facilitator.extensions import db
from facilitator.methods.base import FACILITATOR, PARTICIPANT, PROJECTOR
from facilitator.models import Participant, Workshop
from facilitator.operations.participants import token_hash
from facilitator.realtime.errors import error_data
from facilitator.realtime.gate import handle_action
from facilitator.realtime.ratelimit import TokenBucket
from facilitator.realtime.seat import Seat, room_for
from facilitator.realtime.snapshot import build_snapshot

SEAT_COOKIE = "seat_{}"

# Per-process connection state, keyed by socket id (a socket lives in one process).
_seats: dict[str, Seat] = {}
_buckets: dict[str, TokenBucket] = {}
_sync_buckets: dict[str, TokenBucket] = {}


def seat_cookie_name(workshop_id: int) -> str:
    """The cookie that holds a phone's seat token for one workshop."""
    return SEAT_COOKIE.format(workshop_id)


def resolve_seat(auth: Any) -> Seat | None:
    """Who is connecting, from the login session, the seat cookie or the projector token."""
    if not isinstance(auth, dict):
        return None
    try:
        workshop_id = int(auth.get("workshop"))
    except (TypeError, ValueError):
        return None
    if not 0 < workshop_id < 2**63:  # no such row; a larger id would overflow SQLite
        return None
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        return None
    role = auth.get("role")
    if role == FACILITATOR:
        if may_facilitate(current_user, workshop):
            return Seat(workshop.id, FACILITATOR, user_id=current_user.id, locale=workshop.locale)
        return None
    if role == PROJECTOR:
        token = auth.get("token")
        if (
            isinstance(token, str)
            and token
            and hmac.compare_digest(token, workshop.projector_token)
        ):
            return Seat(workshop.id, PROJECTOR, locale=workshop.locale)
        return None
    if role == PARTICIPANT:
        token = request.cookies.get(seat_cookie_name(workshop.id))
        if not token:
            return None
        participant = db.session.scalars(
            select(Participant).where(Participant.token_hash == token_hash(token))
        ).first()
        if participant is None or participant.workshop_id != workshop.id:
            return None
        return Seat(
            workshop.id, PARTICIPANT, participant_id=participant.id, locale=participant.locale
        )
    return None


def current_seat() -> Seat | None:
    """The seat of the connection handling this event."""
    return _seats.get(request.sid)  # type: ignore[attr-defined]


def snapshot_for(seat: Seat) -> dict[str, Any]:
    """A fresh snapshot read in its own short transaction."""
    workshop = db.session.get(Workshop, seat.workshop_id, populate_existing=True)
    assert workshop is not None
    try:
        return build_snapshot(db.session, workshop, seat)
    finally:
        db.session.rollback()


def register(socketio: SocketIO) -> None:
    """Attach the socket event handlers."""

    @socketio.on("connect")
    def connect(auth: Any = None) -> bool:
        """Fix the seat for this connection, join its room, send a snapshot."""
        seat = resolve_seat(auth)
        db.session.rollback()
        if seat is None:
            return False
        sid = request.sid  # type: ignore[attr-defined]
        _seats[sid] = seat
        config = current_app.config
        _buckets[sid] = TokenBucket(config["RATE_PER_SECOND"], config["RATE_BURST"])
        # Snapshots have their own budget: a client that just sent a burst must still resync.
        _sync_buckets[sid] = TokenBucket(config["RATE_PER_SECOND"], config["RATE_BURST"])
        join_room(room_for(seat))
        # Straight to this process's own socket: a snapshot can be large, and through the
        # message queue every process would have to decode every reconnecting phone's snapshot.
        socketio.emit("snapshot", snapshot_for(seat), to=sid, ignore_queue=True)
        return True

    @socketio.on("disconnect")
    def disconnect(*_: Any) -> None:
        """Forget the connection's seat."""
        sid = request.sid  # type: ignore[attr-defined]
        _seats.pop(sid, None)
        _buckets.pop(sid, None)
        _sync_buckets.pop(sid, None)

    @socketio.on("act")
    def act(raw: Any = None) -> dict[str, Any]:
        """One action through the gate; the return value is the ack."""
        seat = current_seat()
        if seat is None:
            return error_data("no_seat")
        bucket = _buckets.get(request.sid)  # type: ignore[attr-defined]
        if bucket is not None and not bucket.allow(time.monotonic()):
            with force_locale(seat.locale):
                return error_data("rate_limited")
        return handle_action(seat, raw)

    @socketio.on("sync")
    def sync(*_: Any) -> dict[str, Any]:
        """A fresh snapshot, for a client that saw a gap in seq."""
        seat = current_seat()
        if seat is None:
            return error_data("no_seat")
        bucket = _sync_buckets.get(request.sid)  # type: ignore[attr-defined]
        if bucket is not None and not bucket.allow(time.monotonic()):
            with force_locale(seat.locale):
                return error_data("rate_limited")
        return {"ok": True, "data": snapshot_for(seat)}
