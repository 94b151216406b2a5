"""Who may facilitate a workshop: the one rule every page, API route, download and socket uses.

The workshop's owner; and for a workshop of a series, the series' owner and co-facilitators
(they run its workshops with the same rights). Nobody else.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, or_, select

from facilitator.models import Series, SeriesFacilitator, Workshop
from facilitator.models.types import MAX_ID  # INTEGER is 32-bit on PostgreSQL


def _series_of(user_id: int) -> Any:
    """Ids of the series a user owns or co-facilitates (a subquery)."""
    owned = select(Series.id).where(Series.owner_id == user_id)
    joined = select(SeriesFacilitator.series_id).where(SeriesFacilitator.user_id == user_id)
    return owned.union(joined)


def may_facilitate(user: Any, workshop: Workshop | None) -> bool:
    """True when ``user`` (a logged-in account or API token owner) may run ``workshop``."""
    if workshop is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    if workshop.owner_id == user.id:
        return True
    if workshop.series_id is None:
        return False
    from facilitator.extensions import db

    return workshop.series_id in set(db.session.scalars(_series_of(user.id)))


def may_run_series(user: Any, series: Series | None) -> bool:
    """True when ``user`` owns or co-facilitates ``series``."""
    if series is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    from facilitator.extensions import db

    return series.id in set(db.session.scalars(_series_of(user.id)))


def facilitated_by(user: Any) -> Select[tuple[Workshop]]:
    """The workshops ``user`` may run, as a query (add ordering and filters to it)."""
    return select(Workshop).where(
        or_(Workshop.owner_id == user.id, Workshop.series_id.in_(_series_of(user.id)))
    )


def workshop_for(session: Any, user: Any, workshop_id: int) -> Workshop | None:
    """The workshop with this id if ``user`` may run it, else None (no hint that it exists)."""
    if not 0 < workshop_id <= MAX_ID:
        return None
    workshop = session.get(Workshop, workshop_id)
    return workshop if may_facilitate(user, workshop) else None
