"""What a handler and a view get: the loaded workshop, phase, seat and an event list."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.models import Contribution, Phase, Workshop
from facilitator.realtime.seat import Seat


@dataclass
class Event:
    """One change to publish: ``staff`` gets the full data, ``public`` the safe projection."""

    type: str
    public: dict[str, Any]
    staff: dict[str, Any]


@dataclass
class ViewContext:
    """Read-only context for snapshots."""

    session: Session
    workshop: Workshop
    phase: Phase
    seat: Seat
    config: BaseModel

    def contributions(self, kind: str, *, include_deleted: bool = False) -> list[Contribution]:
        """This phase's contributions of one kind, oldest first."""
        query = select(Contribution).where(
            Contribution.phase_id == self.phase.id, Contribution.kind == kind
        )
        if not include_deleted:
            query = query.where(Contribution.deleted.is_(False))
        return list(self.session.scalars(query.order_by(Contribution.id)))


@dataclass
class ActionContext(ViewContext):
    """A handler's context inside the locked transaction; events publish after commit."""

    events: list[Event] = field(default_factory=list)

    def publish(
        self, type_: str, public: dict[str, Any], staff: dict[str, Any] | None = None
    ) -> None:
        """Queue an event; it is numbered now and sent only after the commit."""
        self.events.append(Event(type_, public, public if staff is None else staff))

    def get(self, contribution_id: int, kind: str) -> Contribution | None:
        """A live contribution of this phase by id, or None."""
        item = self.session.get(Contribution, contribution_id)
        if item is None or item.phase_id != self.phase.id or item.kind != kind or item.deleted:
            return None
        return item

    def add(self, item: Contribution) -> Contribution:
        """Add and flush so the id exists."""
        self.session.add(item)
        self.session.flush()
        return item

    @staticmethod
    def now() -> float:
        """Wall-clock seconds (timers only; summaries never read clocks)."""
        return time.time()
