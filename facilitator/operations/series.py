"""Series and their artefacts (flush only; the caller commits).

A series holds a theme group's meetings. When a meeting ends, each phase's method names what it
produced that the series carries on (``Method.artefacts``: confirmed concepts, named themes,
personas…); each becomes a new version of its artefact, unless nothing changed. A later meeting
reads the latest versions (``latest``) and the previous meeting (``previous_workshop``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.models import (
    Artefact,
    ArtefactVersion,
    Series,
    SeriesFacilitator,
    User,
    Workshop,
)
from facilitator.models.workshop import STATUS_ENDED


@dataclass(frozen=True)
class ArtefactDraft:
    """What a method says a phase produced.

    ``key``: a series-wide identity (the same key in a later meeting makes a new version, e.g. a
    persona revised, a concept redefined); ``local``: an identity within this meeting only (a
    theme named today), made series-wide by the recorder.
    """

    kind: str
    title: str
    data: dict[str, Any] = field(default_factory=dict)
    key: str | None = None
    local: str | None = None


@dataclass(frozen=True)
class Carried:
    """The latest version of an artefact, as a later meeting reads it."""

    id: int
    key: str
    kind: str
    title: str
    data: dict[str, Any]
    version: int
    workshop_id: int | None
    phase_key: str


def create_series(session: Session, owner: User, title: str, description: str = "") -> Series:
    """A new series owned by ``owner``."""
    series = Series(owner_id=owner.id, title=title.strip()[:200], description=description[:1000])
    session.add(series)
    session.flush()
    return series


def facilitators(session: Session, series: Series) -> list[User]:
    """The owner first, then the co-facilitators by name."""
    owner = session.get(User, series.owner_id)
    others = list(
        session.scalars(
            select(User)
            .join(SeriesFacilitator, SeriesFacilitator.user_id == User.id)
            .where(SeriesFacilitator.series_id == series.id)
            .order_by(User.username)
        )
    )
    return [u for u in [owner, *others] if u is not None]


def add_facilitator(session: Session, series: Series, user: User) -> bool:
    """Let ``user`` run the series' workshops; False when they already can."""
    if user.id == series.owner_id or user.id in {u.id for u in facilitators(session, series)}:
        return False
    session.add(SeriesFacilitator(series_id=series.id, user_id=user.id))
    session.flush()
    return True


def remove_facilitator(session: Session, series: Series, user_id: int) -> bool:
    """Take a co-facilitator off the series (the owner cannot be removed)."""
    row = session.scalars(
        select(SeriesFacilitator).where(
            SeriesFacilitator.series_id == series.id, SeriesFacilitator.user_id == user_id
        )
    ).first()
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def meetings(session: Session, series: Series) -> list[Workshop]:
    """The series' workshops in meeting order (by when they were made)."""
    return list(
        session.scalars(
            select(Workshop)
            .where(Workshop.series_id == series.id)
            .order_by(Workshop.created_at, Workshop.id)
        )
    )


def previous_workshop(session: Session, workshop: Workshop) -> Workshop | None:
    """The meeting of the same series held before this one (the latest ended one made before
    it), or None."""
    if workshop.series_id is None:
        return None
    return session.scalars(
        select(Workshop)
        .where(
            Workshop.series_id == workshop.series_id,
            Workshop.id != workshop.id,
            Workshop.status == STATUS_ENDED,
            Workshop.created_at <= workshop.created_at,
        )
        .order_by(Workshop.ended_at.desc(), Workshop.id.desc())
    ).first()


def _latest_version(session: Session, artefact_id: int) -> ArtefactVersion | None:
    return session.scalars(
        select(ArtefactVersion)
        .where(ArtefactVersion.artefact_id == artefact_id)
        .order_by(ArtefactVersion.version.desc())
    ).first()


def latest(session: Session, series_id: int | None, kind: str | None = None) -> list[Carried]:
    """The latest version of every artefact of a series (of one kind), oldest artefact first."""
    if series_id is None:
        return []
    query = select(Artefact).where(Artefact.series_id == series_id)
    if kind is not None:
        query = query.where(Artefact.kind == kind)
    out = []
    for artefact in session.scalars(query.order_by(Artefact.id)):
        version = _latest_version(session, artefact.id)
        if version is None:
            continue
        out.append(
            Carried(
                id=artefact.id,
                key=artefact.key,
                kind=artefact.kind,
                title=version.title,
                data=dict(version.data),
                version=version.version,
                workshop_id=version.workshop_id,
                phase_key=version.phase_key,
            )
        )
    return out


def history(session: Session, artefact: Artefact) -> list[ArtefactVersion]:
    """Every version of an artefact, oldest first."""
    return list(
        session.scalars(
            select(ArtefactVersion)
            .where(ArtefactVersion.artefact_id == artefact.id)
            .order_by(ArtefactVersion.version)
        )
    )


def record(
    session: Session,
    workshop: Workshop,
    phase_key: str,
    method: str,
    drafts: list[ArtefactDraft],
) -> int:
    """Store what a phase produced as new artefact versions; returns how many were new."""
    if workshop.series_id is None:
        return 0
    added = 0
    for draft in drafts:
        key = draft.key or f"w{workshop.id}:{phase_key}:{draft.local}"
        artefact = session.scalars(
            select(Artefact).where(Artefact.series_id == workshop.series_id, Artefact.key == key)
        ).first()
        if artefact is None:
            artefact = Artefact(series_id=workshop.series_id, kind=draft.kind, key=key[:120])
            session.add(artefact)
            session.flush()
        current = _latest_version(session, artefact.id)
        if current is not None and current.data == draft.data and current.title == draft.title:
            continue  # nothing changed: no new version
        number = (
            session.scalar(
                select(func.max(ArtefactVersion.version)).where(
                    ArtefactVersion.artefact_id == artefact.id
                )
            )
            or 0
        )
        session.add(
            ArtefactVersion(
                artefact_id=artefact.id,
                version=number + 1,
                title=draft.title[:200],
                data=draft.data,
                workshop_id=workshop.id,
                phase_key=phase_key,
                method=method,
            )
        )
        added += 1
    session.flush()
    return added


def record_workshop(session: Session, workshop: Workshop, methods: Any) -> int:
    """Ask every phase's method what it produced (a pure function of the export) and record it.
    Called when the workshop ends, in the same transaction."""
    if workshop.series_id is None:
        return 0
    from facilitator.exports.workshop_json import export_workshop
    from facilitator.summaries import SummaryContext
    from facilitator.summaries.text_analysis import get_analyser

    export = export_workshop(session, workshop)
    ctx = SummaryContext(
        export=export,
        locale=workshop.locale,
        analyser=get_analyser(workshop.locale, "snowball"),
        methods=methods,
    )
    added = 0
    for phase in ctx.phases:
        method_id = str(phase.get("method"))
        if method_id not in methods:
            continue
        drafts = methods.get(method_id).artefacts(phase, ctx)
        if drafts:
            added += record(session, workshop, str(phase.get("key")), method_id, drafts)
    return added
