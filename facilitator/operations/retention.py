"""Retention: workshops past the retention period are deleted with all their data.

One period (``FACILITATOR_RETENTION_DAYS``, 90 days by default), counted from the last thing
that happened to the workshop's data:

- an ended workshop: from when it ended;
- a workshop left running (nobody pressed End): from when it started;
- a workshop never started (a draft, perhaps with phones in its lobby): from when it was made.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from facilitator.models import Workshop
from facilitator.models.workshop import STATUS_DRAFT, STATUS_ENDED, STATUS_RUNNING


def expired(session: Session, now: datetime, days: int) -> list[Workshop]:
    """Workshops whose retention period (see the module docstring) is over, oldest first.

    A workshop of a series counts from the series' last meeting: the first meeting's data (and
    the artefacts the series carries) is never purged in the middle of a running series."""
    cutoff = now - timedelta(days=days)
    found = list(
        session.scalars(
            select(Workshop)
            .where(
                or_(
                    and_(Workshop.status == STATUS_ENDED, Workshop.ended_at < cutoff),
                    and_(Workshop.status == STATUS_RUNNING, Workshop.started_at < cutoff),
                    and_(Workshop.status == STATUS_DRAFT, Workshop.created_at < cutoff),
                )
            )
            .order_by(Workshop.id)
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
    """Delete a workshop; participants, contributions, operations, phases and minutes go with
    it. The caller commits, then runs operations.erasure.compact so the files forget it too."""
    session.delete(workshop)
    session.flush()
