"""Retention: ended workshops older than the retention period are deleted with all their data."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.models import Workshop
from facilitator.models.workshop import STATUS_ENDED


def expired(session: Session, now: datetime, days: int) -> list[Workshop]:
    """Ended workshops whose end is more than ``days`` before ``now``, oldest first."""
    cutoff = now - timedelta(days=days)
    return list(
        session.scalars(
            select(Workshop)
            .where(Workshop.status == STATUS_ENDED, Workshop.ended_at < cutoff)
            .order_by(Workshop.ended_at, Workshop.id)
        )
    )


def delete_workshop(session: Session, workshop: Workshop) -> None:
    """Delete a workshop; participants, contributions, operations and phases go with it."""
    session.delete(workshop)
    session.flush()
