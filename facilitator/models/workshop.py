"""A workshop (one meeting run from a kit) and its phases."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.extensions import db
from facilitator.models.types import JSONDict, UTCDateTime, utcnow

if TYPE_CHECKING:
    from facilitator.models.user import User

STATUS_DRAFT = "draft"
STATUS_RUNNING = "running"
STATUS_ENDED = "ended"


class Workshop(db.Model):  # type: ignore[name-defined,misc]
    """One workshop. ``seq`` numbers every published event; ``state`` holds timer and spotlight."""

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200), default="")
    kit_id: Mapped[str] = mapped_column(String(80))
    kit: Mapped[dict[str, Any]] = mapped_column(JSONDict)
    locale: Mapped[str] = mapped_column(String(5), default="fi")
    join_code: Mapped[str] = mapped_column(String(6), unique=True)
    projector_token: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default=STATUS_DRAFT)
    current_phase: Mapped[int] = mapped_column(Integer, default=0)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    participant_count: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[dict[str, Any]] = mapped_column(JSONDict, default=dict)
    #: The series this meeting belongs to (None: a stand-alone workshop).
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("series.id", ondelete="SET NULL"), default=None, index=True
    )
    #: The groups of people in force now (per-group phases use them); None: no groups.
    grouping_id: Mapped[int | None] = mapped_column(
        ForeignKey("groupings.id", ondelete="SET NULL", use_alter=True), default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    owner: Mapped[User] = relationship()
    phases: Mapped[list[Phase]] = relationship(
        back_populates="workshop",
        order_by="Phase.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def phase(self) -> Phase:
        """The phase the room is on now."""
        return self.phases[self.current_phase]


class Phase(db.Model):  # type: ignore[name-defined,misc]
    """One step of the agenda: a method with its validated config and live state."""

    __tablename__ = "phases"
    __table_args__ = (UniqueConstraint("workshop_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(80))
    method: Mapped[str] = mapped_column(String(40))
    title: Mapped[dict[str, str]] = mapped_column(JSONDict)
    question: Mapped[dict[str, str]] = mapped_column(JSONDict)
    minutes: Mapped[int | None] = mapped_column(Integer, default=None)
    #: Each group of people works on its own wall (the kit's per_group).
    per_group: Mapped[bool] = mapped_column(default=False, server_default="0")
    config: Mapped[dict[str, Any]] = mapped_column(JSONDict, default=dict)
    state: Mapped[dict[str, Any]] = mapped_column(JSONDict, default=dict)
    #: The method's own typed state (its ``State`` model), apart from ``state``'s core flags.
    method_state: Mapped[dict[str, Any]] = mapped_column(
        JSONDict, default=dict, server_default="{}"
    )
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    workshop: Mapped[Workshop] = relationship(back_populates="phases")
