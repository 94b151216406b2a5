"""Timers that act: when a running timer with a follow-up action runs out, the action runs once,
through the gate, as the facilitator would send it (a learning café moving to its next round
when the kit says rounds advance by themselves).

Every server process checks once a second; the action's op id is made from the timer's end, so
however many processes see it due, the gate's replay check lets it run once. A follow-up for a
phase the room has left is dropped (moving to another phase resets the timer anyway).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Flask
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.models import Workshop
from facilitator.models.workshop import STATUS_RUNNING
from facilitator.realtime.seat import FACILITATOR, Seat

log = logging.getLogger(__name__)

TICK = 1.0
#: The system's seat: a facilitator without an account (its op ids are kept apart).
SYSTEM_USER = 0


def due(workshop: Workshop, now: float) -> dict[str, Any] | None:
    """The follow-up action of the workshop's timer if it has run out now, else None."""
    timer = workshop.state.get("timer") or {}
    then = timer.get("then")
    if not then or not timer.get("running") or timer.get("ends_at") is None:
        return None
    if float(timer["ends_at"]) > now:
        return None
    if then.get("phase") != workshop.phase.id:
        return None
    return {**then, "op": f"timer-{workshop.id}-{int(float(timer['ends_at']) * 1000)}"}


def run_due(app: Flask, now: float | None = None) -> int:
    """Run every follow-up action that is due; returns how many were sent to the gate."""
    from facilitator.realtime.gate import handle_action

    now = time.time() if now is None else now
    sent = 0
    with app.app_context():
        try:
            running = list(
                db.session.scalars(select(Workshop).where(Workshop.status == STATUS_RUNNING))
            )
            actions = [(w.id, w.locale, due(w, now)) for w in running]
        finally:
            db.session.rollback()
        for workshop_id, locale, action in actions:
            if action is None:
                continue
            seat = Seat(workshop_id, FACILITATOR, user_id=SYSTEM_USER, locale=locale)
            envelope = {
                "op": action["op"],
                "phase": action["phase"],
                "type": action["type"],
                "data": action.get("data") or {},
            }
            ack = handle_action(seat, envelope)
            if not ack.get("ok"):
                log.info("timer follow-up %s refused: %s", action["type"], ack.get("error"))
            sent += 1
            db.session.remove()
    return sent


def start(app: Flask) -> None:
    """Check timers once a second in the background of this process."""
    from facilitator.extensions import socketio

    def loop() -> None:
        while True:
            socketio.sleep(TICK)
            try:
                run_due(app)
            except Exception:
                log.exception("the timer check failed")

    socketio.start_background_task(loop)
