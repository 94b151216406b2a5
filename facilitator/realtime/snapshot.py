"""A seat's full picture of the workshop: sent on connect, on resync and after a seq gap."""

from __future__ import annotations

import time
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from facilitator.methods.base import PARTICIPANT, PROJECTOR
from facilitator.models import Participant, Workshop
from facilitator.models.participant import KIND_PHONE
from facilitator.operations import groups
from facilitator.realtime.context import ViewContext
from facilitator.realtime.controls import timer_view
from facilitator.realtime.seat import Seat


def method_label(registry: Any, method_id: str) -> str:
    """A method's name in the current locale (its id when it declares none)."""
    from flask_babel import gettext

    label = registry.get(method_id).label if method_id in registry else ""
    return gettext(label) if label else method_id


def localized(text: dict[str, str], locale: str) -> str:
    """Kit text in ``locale``, falling back to Finnish."""
    return text.get(locale) or text.get("fi", "")


def participation(session: Any, workshop_id: int) -> dict[str, Any]:
    """People who joined, by stated role (phones only; scribe stand-ins are not people)."""
    rows = session.execute(
        select(Participant.role, func.count())
        .where(Participant.workshop_id == workshop_id, Participant.kind == KIND_PHONE)
        .group_by(Participant.role)
    ).all()
    by_role = {role or "": count for role, count in rows}
    return {"count": sum(by_role.values()), "by_role": dict(sorted(by_role.items()))}


def shared_minutes(session: Any, workshop: Workshop) -> bool:
    """True when the facilitator shows the minutes to participants and the projector."""
    from facilitator.minutes import service

    record = service.get(session, workshop)
    return bool(record is not None and record.shared and record.body.strip())


def groups_view(session: Any, workshop: Workshop, *, staff: bool) -> dict[str, Any]:
    """The groups of people in force: numbers, names and sizes for every screen (which group
    is shown alone on the big screen, if one is); the console also gets who is in each."""
    in_force = groups.groups(session, workshop)
    who = groups.members(session, workshop) if in_force else {}
    listed = []
    for group in in_force:
        ids = sorted(p for p, g in who.items() if g == group.id)
        entry: dict[str, Any] = {
            "id": group.id,
            "number": group.number,
            "name": group.name,
            "size": len(ids),
        }
        if staff:
            entry["members"] = ids
        listed.append(entry)
    out: dict[str, Any] = {"list": listed, "shown": workshop.state.get("group_shown")}
    if staff and in_force:
        people = {p.id: p for p in groups.people(session, workshop)}
        out["people"] = [
            {"id": p.id, "number": p.number, "name": p.name, "role": p.role, "group": who.get(p.id)}
            for p in people.values()
        ]
    return out


def build_snapshot(session: Any, workshop: Workshop, seat: Seat) -> dict[str, Any]:
    """Everything a screen needs to draw itself from scratch."""
    registry = current_app.extensions["facilitator.methods"]
    me = session.get(Participant, seat.participant_id) if seat.participant_id else None
    locale = me.locale if me is not None else workshop.locale
    phase = workshop.phase
    method = registry.get(phase.method)
    config = method.config(phase.config)
    where = groups.placement(session, workshop, me.id) if me is not None else None
    ctx = ViewContext(session, workshop, phase, seat, config, method)
    ctx.group_id = where.group_id if where else None
    people = participation(session, workshop.id)
    snapshot: dict[str, Any] = {
        "seq": workshop.seq,
        "server_now": time.time(),
        "role": seat.role,
        "locale": locale,
        "workshop": {
            "id": workshop.id,
            "title": workshop.title,
            "code": workshop.join_code,
            "status": workshop.status,
            "locale": workshop.locale,
            "join_hidden": bool(workshop.state.get("join_hidden")),
            "phase_count": len(workshop.phases),
        },
        "phase": {
            "id": phase.id,
            "index": phase.position,
            "key": phase.key,
            "method": phase.method,
            "title": localized(phase.title, locale),
            "question": localized(phase.question, locale),
            "locked": bool(phase.state.get("locked")),
            "revealed": bool(phase.state.get("revealed")),
            "capabilities": sorted(method.capabilities(config)),
            "per_group": bool(phase.per_group),
        },
        "groups": groups_view(session, workshop, staff=seat.is_staff),
        "timer": timer_view(workshop.state),
        "spotlight": workshop.state.get("spotlight"),
        "minutes_shared": shared_minutes(session, workshop),
        "participants": people if seat.is_staff else {"count": people["count"]},
        "view": method.view(ctx),
    }
    if seat.is_staff:
        # The console's preview shows what the big screen shows: the projector's own view,
        # computed by the same rules on the server (never re-derived in the browser).
        big_screen = Seat(workshop.id, PROJECTOR, locale=workshop.locale)
        snapshot["preview"] = method.view(
            ViewContext(session, workshop, phase, big_screen, config, method)
        )
        snapshot["agenda"] = [
            {
                "id": p.id,
                "index": p.position,
                "method": p.method,
                "method_label": method_label(registry, p.method),
                "title": localized(p.title, locale),
                "minutes": p.minutes,
            }
            for p in workshop.phases
        ]
    if seat.role == PARTICIPANT and me is not None:
        snapshot["me"] = {
            "number": me.number,
            "name": me.name,
            "role": me.role,
            "locale": me.locale,
            "group": (
                {"id": where.group_id, "number": where.number, "name": where.name}
                if where
                else None
            ),
        }
    return snapshot
