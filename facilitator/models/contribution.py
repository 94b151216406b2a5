"""Everything participants and facilitators produce: notes, +1s, votes, themes, options…"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.extensions import db
from facilitator.models.types import JSONDict, UTCDateTime, utcnow


class Contribution(db.Model):  # type: ignore[name-defined,misc]
    """One piece of content in a phase. ``parent_id`` points at what it belongs to or targets."""

    __tablename__ = "contributions"
    __table_args__ = (Index("ix_contrib_phase_kind", "phase_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    phase_id: Mapped[int] = mapped_column(ForeignKey("phases.id", ondelete="CASCADE"))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), default=None
    )
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[int] = mapped_column(Integer, default=0)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), default=None, index=True
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSONDict, default=dict)
    #: The group of people it was written in (per-group phases); None: the whole room.
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("groups.id", ondelete="SET NULL"), default=None, index=True
    )
    #: Co-edited text: bumped on every change (a stale edit is merged or refused).
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Place among siblings people reorder (facilitator/ordering.py); None: by id.
    order_key: Mapped[str | None] = mapped_column(String(80), default=None)
    hidden: Mapped[bool] = mapped_column(default=False)
    deleted: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
