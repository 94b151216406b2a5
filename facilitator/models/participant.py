"""Participants: anonymous seats in one workshop, no account."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.extensions import db
from facilitator.models.types import UTCDateTime, utcnow

KIND_PHONE = "phone"
KIND_SCRIBE = "scribe"


class Participant(db.Model):  # type: ignore[name-defined,misc]
    """A seat: number for the anonymous label, optional first name and stated role."""

    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("workshop_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(40), default="")
    role: Mapped[str] = mapped_column(String(20), default="")
    locale: Mapped[str] = mapped_column(String(5), default="fi")
    kind: Mapped[str] = mapped_column(String(10), default=KIND_PHONE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
