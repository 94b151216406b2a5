"""Groups of people: a grouping is one formation of the room into groups; a person is in at most
one group of a grouping. Groupings are kept (a later phase may form new groups), so the minutes
and the notes written in a group always know which group that was."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.extensions import db
from facilitator.models.types import JSONDict, UTCDateTime, utcnow


class Grouping(db.Model):  # type: ignore[name-defined,misc]
    """One formation of the room: how it was formed (options, seed) and when."""

    __tablename__ = "groupings"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    options: Mapped[dict[str, Any]] = mapped_column(JSONDict, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Group(db.Model):  # type: ignore[name-defined,misc]
    """A group of people: numbered within its grouping, optionally named by the facilitator."""

    __tablename__ = "groups"
    __table_args__ = (UniqueConstraint("grouping_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    grouping_id: Mapped[int] = mapped_column(ForeignKey("groupings.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(80), default="")


class GroupMember(db.Model):  # type: ignore[name-defined,misc]
    """A person's place in one grouping."""

    __tablename__ = "group_members"
    __table_args__ = (UniqueConstraint("grouping_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    grouping_id: Mapped[int] = mapped_column(
        ForeignKey("groupings.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
