"""The one pipeline every socket action passes. Handlers never check roles themselves.

parse envelope → lock the workshop → replay check on the op id → resolve the phase (stale-phase
check) → authorize role → lock/status checks → validate payload → guard (per-item rules such as
"own note") → handler → save the method's typed state → commit → publish with seq → ack.

The replay check comes before the stale-phase check on purpose: a phone whose ack was lost
resends the same op id, and must get the original ack even if the room has moved on since.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import current_app
from flask_babel import force_locale
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select

from facilitator.methods.base import PARTICIPANT, HandlerSpec, Method
from facilitator.models import Operation, Phase, Workshop
from facilitator.models.workshop import STATUS_DRAFT, STATUS_ENDED
from facilitator.operations import groups
from facilitator.realtime.context import ActionContext
from facilitator.realtime.errors import ActionError, error_data
from facilitator.realtime.payload_keys import refuse_keys
from facilitator.realtime.publish import workshop_transaction
from facilitator.realtime.seat import Seat

log = logging.getLogger(__name__)


class Envelope(BaseModel):
    """What a client sends: {op, phase, type, data}."""

    model_config = ConfigDict(extra="forbid")

    op: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    phase: int | None = None
    type: str = Field(min_length=1, max_length=40)
    data: dict[str, Any] = Field(default_factory=dict)


def payload_error(exc: ValidationError) -> ActionError:
    """Map a payload validation error to a clear, translated refusal."""
    for item in exc.errors():
        if item["type"] == "string_too_long":
            return ActionError("too_long", max=item["ctx"]["max_length"])
        if item["type"] == "string_too_short":
            return ActionError("empty")
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "data"
    # Only the field's name: the validator's own words are English and would break the sentence
    # in Finnish or Swedish (the details go to the log instead).
    log.info("invalid payload at %s: %s", where, first["msg"])
    return ActionError("invalid", detail=where)


def handle_action(seat: Seat, raw: Any) -> dict[str, Any]:
    """Run one action through the gate; always returns an ack (never raises)."""
    with force_locale(seat.locale):
        try:
            envelope = _parse(raw)
            return _run(seat, envelope)
        except ActionError as exc:
            return exc.as_data()
        except Exception:
            log.exception("action failed")
            return error_data("server_error")


def _parse(raw: Any) -> Envelope:
    limit = current_app.config["MAX_MESSAGE_BYTES"]
    if not isinstance(raw, dict):
        raise ActionError("bad_request")
    try:
        size = len(json.dumps(raw, ensure_ascii=False).encode())
    except (TypeError, ValueError, RecursionError):
        raise ActionError("bad_request") from None  # binary attachments or other non-JSON
    if size > limit:
        raise ActionError("too_large")
    try:
        return Envelope.model_validate(raw)
    except ValidationError:
        raise ActionError("bad_request") from None


def _run(seat: Seat, envelope: Envelope) -> dict[str, Any]:
    registry = current_app.extensions["facilitator.methods"]
    with workshop_transaction(seat.workshop_id) as txn:
        workshop = txn.workshop
        session = _session()
        previous = session.scalars(
            select(Operation).where(
                Operation.workshop_id == workshop.id,
                Operation.actor == seat.actor,
                Operation.op_id == envelope.op,
            )
        ).first()
        if previous is not None:
            return previous.ack
        phase, spec, method = _resolve(workshop, envelope, registry)
        if seat.role not in spec.roles:
            raise ActionError("forbidden", 403)
        _check_open(workshop, phase, spec, seat)
        refuse_keys(spec.payload, envelope.data, seat.role)
        try:
            payload = spec.payload.model_validate(envelope.data)
        except ValidationError as exc:
            raise payload_error(exc) from None
        ctx = ActionContext(
            session=session,
            workshop=workshop,
            phase=phase,
            seat=seat,
            config=registry.get(phase.method).config(phase.config),
            method=registry.get(phase.method),
            events=txn.events,
        )
        if phase.per_group and seat.role == PARTICIPANT and seat.participant_id is not None:
            # Read now, not from the seat: a person the facilitator just moved writes in the new
            # group at once, whichever process holds their connection.
            where = groups.placement(session, workshop, seat.participant_id)
            ctx.group_id = where.group_id if where else None
        if spec.guard is not None:
            ctx.target = spec.guard(ctx, payload)
        result = spec.fn(method, ctx, payload)
        ctx.save_state()
        ack = {"ok": True, "data": result or {}}
        session.add(
            Operation(workshop_id=workshop.id, actor=seat.actor, op_id=envelope.op, ack=ack)
        )
    return ack


def _session() -> Any:
    from facilitator.extensions import db

    return db.session


def _resolve(
    workshop: Workshop, envelope: Envelope, registry: Any
) -> tuple[Phase, HandlerSpec, Method]:
    """Find the phase the action addresses and its handler; refuse stale phases."""
    from facilitator.realtime.controls import CONTROLS

    current = workshop.phase
    if envelope.phase is None or envelope.phase == current.id:
        phase = current
    else:
        phase = next((p for p in workshop.phases if p.id == envelope.phase), None)
        if phase is None:
            raise ActionError("stale_phase", 409)
    control = CONTROLS.handlers.get(envelope.type)
    if control is not None:
        if phase is not current:
            raise ActionError("stale_phase", 409)
        return phase, control, CONTROLS
    method = registry.get(phase.method)
    spec = method.handlers.get(envelope.type)
    if spec is None:
        # A screen still showing an earlier phase is stale, whatever it sent: it must resync.
        raise ActionError("unknown_action" if phase is current else "stale_phase", 409)
    if phase is not current and not (spec.allowed_late and phase.started_at is not None):
        raise ActionError("stale_phase", 409)
    return phase, spec, method


def _check_open(workshop: Workshop, phase: Phase, spec: HandlerSpec, seat: Seat) -> None:
    """Participants act only in a running workshop, and not in a locked phase."""
    if seat.role != PARTICIPANT:
        return
    if workshop.status == STATUS_ENDED:
        raise ActionError("ended", 409)
    if workshop.status == STATUS_DRAFT and not spec.allowed_when_locked:
        raise ActionError("not_started", 409)
    if phase.state.get("locked") and not spec.allowed_when_locked:
        raise ActionError("locked", 409)
