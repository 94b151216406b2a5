"""Who may facilitate a workshop: the one rule every page, API route, download and socket uses.

Today that is the workshop's owner; co-facilitators of a series join this rule when series
arrive, and every caller follows without change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from facilitator.models import Workshop

#: Largest id a database column holds; larger ids cannot exist (and overflow SQLite's integer).
MAX_ID = 2**63 - 1


def may_facilitate(user: Any, workshop: Workshop | None) -> bool:
    """True when ``user`` (a logged-in account or API token owner) may run ``workshop``."""
    if workshop is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(workshop.owner_id == user.id)


def facilitated_by(user: Any) -> Select[tuple[Workshop]]:
    """The workshops ``user`` may run, as a query (add ordering and filters to it)."""
    return select(Workshop).where(Workshop.owner_id == user.id)


def workshop_for(session: Any, user: Any, workshop_id: int) -> Workshop | None:
    """The workshop with this id if ``user`` may run it, else None (no hint that it exists)."""
    if not 0 < workshop_id <= MAX_ID:
        return None
    workshop = session.get(Workshop, workshop_id)
    return workshop if may_facilitate(user, workshop) else None
