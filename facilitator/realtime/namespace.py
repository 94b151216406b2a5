"""Socket events: connect fixes the seat; `act` goes through the gate; `sync` sends a snapshot."""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app, request
from flask_babel import force_locale
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, SocketIO, join_room
from sqlalchemy import select

from facilitator.cleaning import TooDeep, clean_tree
from facilitator.extensions import db
from facilitator.logthrottle import LogThrottle
from facilitator.methods.base import FACILITATOR, PARTICIPANT, PROJECTOR
from facilitator.models import Participant, Workshop
from facilitator.models.types import MAX_ID
from facilitator.operations.participants import token_hash
from facilitator.realtime.errors import error_data
from facilitator.realtime.gate import handle_action
from facilitator.realtime.limits import seat_limits
from facilitator.realtime.seat import Seat, room_for
from facilitator.realtime.snapshot import build_snapshot
from facilitator.security import same_secret

SEAT_COOKIE = "seat_{}"

# Per-process connection state, keyed by socket id (a socket lives in one process). Budgets
# and connection counts are per seat (realtime.limits).
_seats: dict[str, Seat] = {}
_failures = LogThrottle()
log = logging.getLogger(__name__)


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
    if not 0 < workshop_id <= MAX_ID:  # no such row; a larger id overflows the column
        return None
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        return None
    role = auth.get("role")
    if role == FACILITATOR:
        if current_user.is_authenticated and workshop.owner_id == current_user.id:
            return Seat(workshop.id, FACILITATOR, user_id=current_user.id, locale=workshop.locale)
        return None
    if role == PROJECTOR:
        token = auth.get("token")
        if same_secret(token, workshop.projector_token):
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


def snapshot_for(seat: Seat) -> dict[str, Any] | None:
    """A fresh snapshot read in its own short transaction (None: the workshop was deleted)."""
    workshop = db.session.get(Workshop, seat.workshop_id, populate_existing=True)
    if workshop is None:
        db.session.rollback()
        return None
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
        if not seat_limits(current_app).attach(seat.key):
            with force_locale(seat.locale):
                refusal = error_data("too_many_connections")["error"]
            raise ConnectionRefusedError(refusal["message"], {"code": refusal["code"]})
        _seats[sid] = seat
        join_room(room_for(seat))
        # Straight to this process's own socket: a snapshot can be large, and through the
        # message queue every process would have to decode every reconnecting phone's snapshot.
        socketio.emit("snapshot", snapshot_for(seat), to=sid, ignore_queue=True)
        return True

    @socketio.on("disconnect")
    def disconnect(*_: Any) -> None:
        """Forget the connection's seat."""
        seat = _seats.pop(request.sid, None)  # type: ignore[attr-defined]
        if seat is not None:
            seat_limits(current_app).detach(seat.key)

    @socketio.on("act")
    def act(raw: Any = None, *extra: Any) -> dict[str, Any]:
        """One action through the gate; the return value is the ack."""
        seat = current_seat()
        if seat is None:
            return error_data("no_seat")
        if extra:
            return malformed(seat, "extra_arguments")
        if not seat_limits(current_app).allow_action(seat.key):
            with force_locale(seat.locale):
                return error_data("rate_limited")
        try:
            raw = clean_envelope(raw)
        except TooDeep:
            return malformed(seat, "too_deep")
        ack = handle_action(seat, raw)
        if not ack["ok"] and ack["error"]["code"] == "bad_request":
            strike("bad_envelope")
        return ack

    @socketio.on("sync")
    def sync(*args: Any) -> dict[str, Any]:
        """A fresh snapshot, for a client that saw a gap in seq."""
        seat = current_seat()
        if seat is None:
            return error_data("no_seat")
        if len(args) > 1:
            return malformed(seat, "extra_arguments")
        # Snapshots have their own budget: a client that just sent a burst must still resync.
        if not seat_limits(current_app).allow_sync(seat.key):
            with force_locale(seat.locale):
                return error_data("rate_limited")
        snapshot = snapshot_for(seat)
        if snapshot is None:
            with force_locale(seat.locale):
                return error_data("no_seat")
        return {"ok": True, "data": snapshot}

    @socketio.on("*")
    def unknown(event: Any = None, *_: Any) -> dict[str, Any]:
        """Any other event name: refused (and counted as malformed)."""
        return malformed(current_seat(), "unknown_event")

    @socketio.on_error_default
    def failed(exc: Exception) -> dict[str, Any]:
        """A handler raised: one short log line (throttled), the server_error answer."""
        _failures.log(
            log,
            str(request.sid),
            "socket event failed (%s)",
            type(exc).__name__,  # type: ignore[attr-defined]
        )
        seat = current_seat()
        with force_locale(seat.locale if seat else current_app.config["DEFAULT_LOCALE"]):
            return error_data("server_error")


def strike(kind: str) -> None:
    """Count a malformed message against this connection (see realtime.guard)."""
    guard = current_app.extensions.get("facilitator.message_guard")
    if guard is not None:
        guard.strike_socket(request.sid, kind)  # type: ignore[attr-defined]


def malformed(seat: Seat | None, kind: str) -> dict[str, Any]:
    """Refuse a message no real client sends: a strike and the bad_request answer."""
    strike(kind)
    with force_locale(seat.locale if seat else current_app.config["DEFAULT_LOCALE"]):
        return error_data("bad_request")


def clean_envelope(raw: Any) -> Any:
    """The envelope with every text in its data cleaned (facilitator.cleaning)."""
    if isinstance(raw, dict) and isinstance(raw.get("data"), dict):
        return {**raw, "data": clean_tree(raw["data"])}
    return raw
