"""The whole workshop as JSON: what was run and everything produced, importable elsewhere."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.models import Contribution, Participant, Workshop

FORMAT = "facilitator.workshop"
VERSION = 1


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export_workshop(session: Session, workshop: Workshop) -> dict[str, Any]:
    """A deterministic dump: phases in order, participants by number, contributions by id.

    Participants appear only as number, optional first name and stated role; seat tokens and
    facilitator accounts are never exported.
    """
    participants = session.scalars(
        select(Participant)
        .where(Participant.workshop_id == workshop.id)
        .order_by(Participant.number)
    ).all()
    contributions = session.scalars(
        select(Contribution)
        .where(Contribution.workshop_id == workshop.id)
        .order_by(Contribution.id)
    ).all()
    phase_keys = {p.id: p.key for p in workshop.phases}
    numbers = {p.id: p.number for p in participants}
    return {
        "format": FORMAT,
        "version": VERSION,
        "workshop": {
            "title": workshop.title,
            "place": workshop.place,
            "kit_id": workshop.kit_id,
            "kit": workshop.kit,
            "locale": workshop.locale,
            "status": workshop.status,
            "created_at": _time(workshop.created_at),
            "started_at": _time(workshop.started_at),
            "ended_at": _time(workshop.ended_at),
            "facilitators": [workshop.owner.display_name or workshop.owner.username],
        },
        "phases": [
            {
                "key": p.key,
                "position": p.position,
                "method": p.method,
                "title": p.title,
                "question": p.question,
                "minutes": p.minutes,
                "config": p.config,
                "state": p.state,
                "started_at": _time(p.started_at),
            }
            for p in workshop.phases
        ],
        "participants": [
            {"number": p.number, "name": p.name, "role": p.role, "kind": p.kind}
            for p in participants
        ],
        "contributions": [
            {
                "id": c.id,
                "phase": phase_keys[c.phase_id],
                "participant": numbers.get(c.participant_id) if c.participant_id else None,
                "kind": c.kind,
                "body": c.body,
                "value": c.value,
                "parent": c.parent_id,
                "data": c.data,
                "hidden": c.hidden,
                "deleted": c.deleted,
                "created_at": _time(c.created_at),
                "updated_at": _time(c.updated_at),
            }
            for c in contributions
        ],
    }
