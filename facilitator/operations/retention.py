"""Retention: ended workshops older than the retention period are deleted with all their data."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.models import Workshop
from facilitator.models.workshop import STATUS_ENDED


def expired(session: Session, now: datetime, days: int) -> list[Workshop]:
    """Ended workshops whose end is more than ``days`` before ``now``, oldest first.

    A workshop of a series counts from the series' last meeting: the first meeting's data (and
    the artefacts the series carries) is never purged in the middle of a running series."""
    cutoff = now - timedelta(days=days)
    found = list(
        session.scalars(
            select(Workshop)
            .where(Workshop.status == STATUS_ENDED, Workshop.ended_at < cutoff)
            .order_by(Workshop.ended_at, Workshop.id)
        )
    )
    return [w for w in found if w.series_id is None or not _series_active(session, w, cutoff)]


def _series_active(session: Session, workshop: Workshop, cutoff: datetime) -> bool:
    """True when the workshop's series met (or was prepared) after ``cutoff``."""
    latest = session.scalar(
        select(
            func.max(func.coalesce(Workshop.ended_at, Workshop.started_at, Workshop.created_at))
        ).where(Workshop.series_id == workshop.series_id)
    )
    if latest is None:
        return False
    if latest.tzinfo is None:
        latest = latest.replace(tzinfo=cutoff.tzinfo)
    return bool(latest >= cutoff)


def delete_workshop(session: Session, workshop: Workshop) -> None:
    """Delete a workshop; participants, contributions, operations and phases go with it."""
    session.delete(workshop)
    session.flush()
