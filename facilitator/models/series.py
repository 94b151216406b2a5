"""Series: a theme group's meetings, their facilitators, and the artefacts carried between them.

An artefact (a confirmed concept, a named theme, a persona, a path…) belongs to the series; each
change is a new version (never overwritten), remembering the meeting and phase it came from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.extensions import db
from facilitator.models.types import JSONDict, UTCDateTime, utcnow


class Series(db.Model):  # type: ignore[name-defined,misc]
    """A series of workshops of one group (6–10 meetings in the seeds)."""

    __tablename__ = "series"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SeriesFacilitator(db.Model):  # type: ignore[name-defined,misc]
    """A co-facilitator: runs the series' workshops with the owner's rights."""

    __tablename__ = "series_facilitators"
    __table_args__ = (UniqueConstraint("series_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class Artefact(db.Model):  # type: ignore[name-defined,misc]
    """Something a meeting produced that the series carries on (its versions hold the content)."""

    __tablename__ = "artefacts"
    __table_args__ = (UniqueConstraint("series_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    #: The artefact kind: "concept", "theme", "persona", "path", "map", "ladder"…
    kind: Mapped[str] = mapped_column(String(40))
    #: A stable identity across meetings (given by the method that made it).
    key: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ArtefactVersion(db.Model):  # type: ignore[name-defined,misc]
    """One version of an artefact, from one meeting and phase."""

    __tablename__ = "artefact_versions"
    __table_args__ = (UniqueConstraint("artefact_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    artefact_id: Mapped[int] = mapped_column(
        ForeignKey("artefacts.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSONDict, default=dict)
    workshop_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshops.id", ondelete="SET NULL"), default=None, index=True
    )
    phase_key: Mapped[str] = mapped_column(String(80), default="")
    method: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
