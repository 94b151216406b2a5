"""The replay log: one row per client operation id, holding the ack that was sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.extensions import db
from facilitator.models.types import JSONDict, UTCDateTime, utcnow


class Operation(db.Model):  # type: ignore[name-defined,misc]
    """A processed action; a replayed op id gets the stored ack and changes nothing."""

    __tablename__ = "operations"
    __table_args__ = (UniqueConstraint("workshop_id", "actor", "op_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    actor: Mapped[str] = mapped_column(String(40))
    op_id: Mapped[str] = mapped_column(String(64))
    ack: Mapped[dict[str, Any]] = mapped_column(JSONDict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
