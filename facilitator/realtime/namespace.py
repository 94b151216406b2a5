"""Socket events: connect fixes the seat; `act` goes through the gate; `sync` sends a snapshot."""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Any

from flask import current_app, request
from flask_babel import force_locale
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, SocketIO, join_room, leave_room
from sqlalchemy import select

from facilitator.access import may_facilitate
from facilitator.cleaning import TooDeep, clean_tree
from facilitator.extensions import db
from facilitator.logthrottle import LogThrottle
from facilitator.methods.base import FACILITATOR, PARTICIPANT, PROJECTOR
from facilitator.models import Participant, Workshop
from facilitator.models.types import MAX_ID
from facilitator.operations import groups
from facilitator.operations.participants import token_hash
from facilitator.realtime.errors import error_data
from facilitator.realtime.gate import handle_action
from facilitator.realtime.limits import seat_limits
from facilitator.realtime.ratelimit import TokenBucket
from facilitator.realtime.seat import Seat, group_room, public_room, rooms_for
from facilitator.realtime.snapshot import build_snapshot
from facilitator.security import same_secret

SEAT_COOKIE = "seat_{}"

# Per-process connection state, keyed by socket id (a socket lives in one process). Action and
# snapshot budgets and connection counts are per seat (realtime.limits).
_seats: dict[str, Seat] = {}
_presence_buckets: dict[str, TokenBucket] = {}
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
        if may_facilitate(current_user, workshop):
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
        where = groups.placement(db.session, workshop, participant.id)
        return Seat(
            workshop.id,
            PARTICIPANT,
            participant_id=participant.id,
            locale=participant.locale,
            group_id=where.group_id if where else None,
        )
    return None


def current_seat() -> Seat | None:
    """The seat of the connection handling this event."""
    return _seats.get(request.sid)  # type: ignore[attr-defined]


def reseat(sid: str, seat: Seat) -> Seat:
    """Make a participant's rooms follow their group now (after the facilitator formed groups
    or moved them): leave the old group's room, join the new one. Called on the connection's
    own process, when it asks for a snapshot (which every group change makes it do)."""
    if seat.participant_id is None:
        return seat
    workshop = db.session.get(Workshop, seat.workshop_id)
    where = groups.placement(db.session, workshop, seat.participant_id) if workshop else None
    group_id = where.group_id if where else None
    if group_id == seat.group_id:
        return seat
    if seat.group_id is not None:
        leave_room(group_room(seat.workshop_id, seat.group_id), sid=sid, namespace="/")
    if group_id is not None:
        join_room(group_room(seat.workshop_id, group_id), sid=sid, namespace="/")
    fresh = replace(seat, group_id=group_id)
    _seats[sid] = fresh
    return fresh


def _local(workshop_id: int) -> list[tuple[str, Seat]]:
    """This process's live connections to a workshop (forgetting any the server has dropped)."""
    from facilitator.extensions import socketio

    manager = socketio.server.manager
    found = []
    for sid, seat in list(_seats.items()):
        if seat.workshop_id != workshop_id:
            continue
        if not manager.is_connected(sid, "/"):
            _seats.pop(sid, None)
            continue
        found.append((sid, seat))
    return found


def move_local(workshop_id: int, participant_id: int) -> None:
    """Re-seat at once this process's connections of one person (a move made here); connections
    on other processes follow when they fetch the snapshot the move's event asks for."""
    for sid, seat in _local(workshop_id):
        if seat.participant_id == participant_id:
            reseat(sid, seat)


def regroup_local(workshop_id: int) -> None:
    """Re-seat every connection of this process in a workshop whose groups were formed anew."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        return
    placed = groups.members(db.session, workshop)
    for sid, seat in _local(workshop_id):
        if seat.participant_id is None:
            continue
        group_id = placed.get(seat.participant_id)
        if group_id == seat.group_id:
            continue
        if seat.group_id is not None:
            leave_room(group_room(workshop_id, seat.group_id), sid=sid, namespace="/")
        if group_id is not None:
            join_room(group_room(workshop_id, group_id), sid=sid, namespace="/")
        _seats[sid] = replace(seat, group_id=group_id)


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
        for room in rooms_for(seat):
            join_room(room)
        # Straight to this process's own socket: a snapshot can be large, and through the
        # message queue every process would have to decode every reconnecting phone's snapshot.
        socketio.emit("snapshot", snapshot_for(seat), to=sid, ignore_queue=True)
        return True

    @socketio.on("disconnect")
    def disconnect(*_: Any) -> None:
        """Forget the connection's seat."""
        sid = request.sid  # type: ignore[attr-defined]
        seat = _seats.pop(sid, None)
        if seat is not None:
            seat_limits(current_app).detach(seat.key)
        _presence_buckets.pop(sid, None)

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

    @socketio.on("presence")
    def presence(raw: Any = None, *_: Any) -> None:
        """Someone is editing (or stopped editing) a field: tell the others who can see it.

        Ephemeral: not saved, not numbered, never acknowledged; phones send it again every few
        seconds while a field has focus and forget it after a short while without news."""
        seat = current_seat()
        if seat is None or seat.role != PARTICIPANT or not isinstance(raw, dict):
            return
        key, phase_id, on = raw.get("key"), raw.get("phase"), raw.get("on", True)
        if not (isinstance(key, str) and 0 < len(key) <= 80 and isinstance(phase_id, int)):
            return
        bucket = _presence_buckets.setdefault(request.sid, TokenBucket(2, 10))  # type: ignore[attr-defined]
        if not bucket.allow(time.monotonic()):
            return
        try:
            workshop = db.session.get(Workshop, seat.workshop_id)
            if workshop is None or workshop.phase.id != phase_id:
                return
            me = db.session.get(Participant, seat.participant_id)
            where = groups.placement(db.session, workshop, seat.participant_id or 0)
            per_group = workshop.phase.per_group and where is not None
        finally:
            db.session.rollback()
        if me is None:
            return
        room = (
            group_room(seat.workshop_id, where.group_id)
            if per_group and where is not None
            else public_room(seat.workshop_id)
        )
        message = {
            "phase": phase_id,
            "key": key,
            "on": bool(on),
            "who": me.number,
            "name": me.name,
        }
        socketio.emit("presence", message, to=room, skip_sid=request.sid)  # type: ignore[attr-defined]

    @socketio.on("sync")
    def sync(*args: Any) -> dict[str, Any]:
        """A fresh snapshot, for a client that saw a gap in seq (or was moved to a group)."""
        seat = current_seat()
        if seat is None:
            return error_data("no_seat")
        if len(args) > 1:
            return malformed(seat, "extra_arguments")
        # Snapshots have their own budget: a client that just sent a burst must still resync.
        if not seat_limits(current_app).allow_sync(seat.key):
            with force_locale(seat.locale):
                return error_data("rate_limited")
        try:
            seat = reseat(request.sid, seat)  # type: ignore[attr-defined]
        finally:
            db.session.rollback()
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
