"""Seats: create a participant with a number and a secret token."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy.orm import Session

from facilitator.models import Participant, Workshop
from facilitator.models.participant import KIND_PHONE


def token_hash(token: str) -> str:
    """Store only a hash of the seat token."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_participant(
    session: Session,
    workshop: Workshop,
    *,
    name: str = "",
    role: str = "",
    locale: str = "fi",
    kind: str = KIND_PHONE,
) -> tuple[Participant, str]:
    """A new seat numbered after the last one (call with the workshop locked)."""
    workshop.participant_count += 1
    token = secrets.token_urlsafe(24)
    participant = Participant(
        workshop_id=workshop.id,
        number=workshop.participant_count,
        token_hash=token_hash(token),
        name=name,
        role=role,
        locale=locale,
        kind=kind,
    )
    session.add(participant)
    session.flush()
    return participant, token
