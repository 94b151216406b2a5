"""The whole workshop as JSON: what was run and everything produced, importable elsewhere."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.models import (
    Artefact,
    ArtefactVersion,
    Contribution,
    Group,
    Grouping,
    GroupMember,
    Participant,
    Phase,
    Series,
    User,
    Workshop,
)
from facilitator.models.types import utcnow

FORMAT = "facilitator.workshop"
#: 2: brainstorm's note sets are kind "theme" (were "group"); phases carry ``method_state`` and
#: ``per_group``, contributions ``revision``, ``order_key`` and ``group``; the groups of people,
#: the series and the artefacts the workshop used and produced are exported. Version-1 files are
#: upgraded on reading.
VERSION = 2


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export_workshop(session: Session, workshop: Workshop) -> dict[str, Any]:
    """A deterministic dump: phases in order, participants by number, contributions by id.

    Participants appear only as number, optional first name and stated role; seat tokens and
    facilitator accounts are never exported.
    """
    participants = session.scalars(
        select(Participant)
        .where(Participant.workshop_id == workshop.id)
        .order_by(Participant.number)
    ).all()
    contributions = session.scalars(
        select(Contribution)
        .where(Contribution.workshop_id == workshop.id)
        .order_by(Contribution.id)
    ).all()
    phase_keys = {p.id: p.key for p in workshop.phases}
    numbers = {p.id: p.number for p in participants}
    people_groups, group_keys, in_force = _groups(session, workshop, numbers)
    return {
        "format": FORMAT,
        "version": VERSION,
        "workshop": {
            "title": workshop.title,
            "place": workshop.place,
            "kit_id": workshop.kit_id,
            "kit": workshop.kit,
            "locale": workshop.locale,
            "status": workshop.status,
            "created_at": _time(workshop.created_at),
            "started_at": _time(workshop.started_at),
            "ended_at": _time(workshop.ended_at),
            "facilitators": [workshop.owner.display_name or workshop.owner.username],
            "groups_in_force": in_force,
        },
        "phases": [
            {
                "key": p.key,
                "position": p.position,
                "method": p.method,
                "title": p.title,
                "question": p.question,
                "minutes": p.minutes,
                "config": p.config,
                "state": p.state,
                "method_state": p.method_state or {},
                "per_group": bool(p.per_group),
                "started_at": _time(p.started_at),
            }
            for p in workshop.phases
        ],
        "groups": people_groups,
        "participants": [
            {"number": p.number, "name": p.name, "role": p.role, "kind": p.kind}
            for p in participants
        ],
        "contributions": [
            {
                "id": c.id,
                "phase": phase_keys[c.phase_id],
                "participant": numbers.get(c.participant_id) if c.participant_id else None,
                "kind": c.kind,
                "body": c.body,
                "value": c.value,
                "parent": c.parent_id,
                "data": c.data,
                "revision": c.revision,
                "order_key": c.order_key,
                "group": group_keys.get(c.group_id) if c.group_id else None,
                "hidden": c.hidden,
                "deleted": c.deleted,
                "created_at": _time(c.created_at),
                "updated_at": _time(c.updated_at),
            }
            for c in contributions
        ],
        **_series(session, workshop),
    }


def _groups(
    session: Session, workshop: Workshop, numbers: dict[int, int]
) -> tuple[list[dict[str, Any]], dict[int, str], int | None]:
    """Every formation of the room into groups, with members as participant numbers; the
    groups' export keys ("1.2": the second group of the first formation); which formation was
    in force."""
    formations = list(
        session.scalars(
            select(Grouping).where(Grouping.workshop_id == workshop.id).order_by(Grouping.id)
        )
    )
    out: list[dict[str, Any]] = []
    keys: dict[int, str] = {}
    in_force = None
    for index, formation in enumerate(formations, start=1):
        if formation.id == workshop.grouping_id:
            in_force = index
        members = session.execute(
            select(GroupMember.group_id, GroupMember.participant_id).where(
                GroupMember.grouping_id == formation.id
            )
        ).all()
        for group in session.scalars(
            select(Group).where(Group.grouping_id == formation.id).order_by(Group.number)
        ):
            key = f"{index}.{group.number}"
            keys[group.id] = key
            out.append(
                {
                    "key": key,
                    "grouping": index,
                    "number": group.number,
                    "name": group.name,
                    "members": sorted(numbers[p] for g, p in members if g == group.id),
                }
            )
    return out, keys, in_force


def _series(session: Session, workshop: Workshop) -> dict[str, Any]:
    """The series the workshop belongs to, and the artefacts it used (the latest versions the
    series had when it started) and produced."""
    if workshop.series_id is None:
        return {"series": None, "artefacts": []}
    series = session.get(Series, workshop.series_id)
    assert series is not None
    since = workshop.started_at or workshop.created_at
    artefacts = []
    for artefact in session.scalars(
        select(Artefact).where(Artefact.series_id == series.id).order_by(Artefact.id)
    ):
        versions = list(
            session.scalars(
                select(ArtefactVersion)
                .where(ArtefactVersion.artefact_id == artefact.id)
                .order_by(ArtefactVersion.version)
            )
        )
        before = [v for v in versions if v.workshop_id != workshop.id and v.created_at <= since]
        chosen = ([before[-1]] if before else []) + [
            v for v in versions if v.workshop_id == workshop.id
        ]
        for version in chosen:
            artefacts.append(
                {
                    "kind": artefact.kind,
                    "key": artefact.key,
                    "version": version.version,
                    "title": version.title,
                    "data": version.data,
                    "phase": version.phase_key,
                    "method": version.method,
                    "produced_here": version.workshop_id == workshop.id,
                    "created_at": _time(version.created_at),
                }
            )
    return {
        "series": {"title": series.title, "description": series.description},
        "artefacts": artefacts,
    }


def upgrade(export: dict[str, Any]) -> dict[str, Any]:
    """An export in the current version's shape (a copy when it had to change): version 1's
    brainstorm kind "group" becomes "theme"."""
    if not isinstance(export, dict) or export.get("version") != 1:
        return export
    brainstorm = {
        p.get("key")
        for p in export.get("phases") or []
        if isinstance(p, dict) and p.get("method") == "brainstorm"
    }
    contributions = [
        {**c, "kind": "theme"}
        if isinstance(c, dict) and c.get("kind") == "group" and c.get("phase") in brainstorm
        else c
        for c in export.get("contributions") or []
    ]
    return {**export, "version": VERSION, "contributions": contributions}


# --- Writing and reading the file -------------------------------------------------------------

MEDIA_TYPE = "application/json"
EXTENSION = "json"


def contribution_refs(methods: Any, method_id: str, kind: str) -> tuple[str, ...]:
    """Keys in a contribution's ``data`` that hold ids of other contributions of the workshop,
    as its method declares them (``Kind.refs``); import maps them to the new ids."""
    try:
        declared = methods.get(method_id).kinds.get(kind)
    except KeyError:
        return ()
    return declared.refs if declared is not None else ()


def render(export: dict[str, Any]) -> bytes:
    """The registered workshop exporter: the export dict as pretty, UTF-8 JSON."""
    return (json.dumps(export, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class ImportProblem(ValueError):
    """The file is not a workshop export this version can read; ``problems`` say where."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _Workshop(_In):
    title: str = Field(max_length=200)
    place: str = Field(default="", max_length=200)
    kit_id: str = Field(max_length=80)
    kit: dict[str, Any] = Field(default_factory=dict)
    locale: Literal["fi", "sv", "en"] = "fi"
    status: Literal["draft", "running", "ended"] = "ended"
    created_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    groups_in_force: int | None = None


class _Group(_In):
    key: str = Field(max_length=20)
    grouping: int = Field(ge=1)
    number: int = Field(ge=1)
    name: str = Field(default="", max_length=80)
    members: list[int] = Field(default_factory=list)


class _SeriesIn(_In):
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=1000)


class _ArtefactIn(_In):
    kind: str = Field(max_length=40)
    key: str = Field(max_length=120)
    version: int = Field(ge=1)
    title: str = Field(max_length=200)
    data: dict[str, Any] = Field(default_factory=dict)
    phase: str = Field(default="", max_length=80)
    method: str = Field(default="", max_length=40)
    produced_here: bool = False
    created_at: datetime | None = None


class _Phase(_In):
    key: str = Field(min_length=1, max_length=80)
    position: int = Field(ge=0)
    method: str = Field(max_length=40)
    title: dict[str, str]
    question: dict[str, str]
    minutes: int | None = None
    config: dict[str, Any] = Field(default_factory=dict)
    state: dict[str, Any] = Field(default_factory=dict)
    method_state: dict[str, Any] = Field(default_factory=dict)
    per_group: bool = False
    started_at: datetime | None = None


class _Participant(_In):
    number: int = Field(ge=0)
    name: str = Field(default="", max_length=40)
    role: str = Field(default="", max_length=20)
    kind: str = Field(default="phone", max_length=10)


class _Contribution(_In):
    id: int
    phase: str
    participant: int | None = None
    kind: str = Field(max_length=20)
    body: str = ""
    value: int = 0
    parent: int | None = None
    data: dict[str, Any] = Field(default_factory=dict)
    revision: int = Field(default=0, ge=0)
    order_key: str | None = Field(default=None, max_length=80)
    group: str | None = Field(default=None, max_length=20)
    hidden: bool = False
    deleted: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None


class _Export(_In):
    format: Literal["facilitator.workshop"]
    version: int = Field(ge=1, le=VERSION)
    workshop: _Workshop
    phases: list[_Phase]
    participants: list[_Participant] = Field(default_factory=list)
    groups: list[_Group] = Field(default_factory=list)
    series: _SeriesIn | None = None
    artefacts: list[_ArtefactIn] = Field(default_factory=list)
    contributions: list[_Contribution] = Field(default_factory=list)


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


_SURROGATES = re.compile("[\ud800-\udfff]")


def _scrub(value: Any) -> Any:
    """Drop lone surrogates (valid JSON escapes, but not text any database or file can hold)."""
    if isinstance(value, str):
        return _SURROGATES.sub("", value)
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value


def read(data: Any) -> _Export:
    """Validate an export; every problem names its place in the file."""
    if not isinstance(data, dict):
        raise ImportProblem(["the file does not contain a JSON object"])
    try:
        doc = _Export.model_validate(_scrub(upgrade(data)))
    except ValidationError as exc:
        raise ImportProblem(
            [
                f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}"
                for e in exc.errors()[:20]
            ]
        ) from None
    problems: list[str] = []
    keys = [p.key for p in doc.phases]
    if len(set(keys)) != len(keys):
        problems.append("phases: two phases have the same key")
    if not doc.phases:
        problems.append("phases: a workshop needs at least one phase")
    numbers = [p.number for p in doc.participants]
    if len(set(numbers)) != len(numbers):
        problems.append("participants: two participants have the same number")
    ids = {c.id for c in doc.contributions}
    if len(ids) != len(doc.contributions):
        problems.append("contributions: two contributions have the same id")
    group_keys = {g.key for g in doc.groups}
    for n, g in enumerate(doc.groups):
        for number in g.members:
            if number not in numbers:
                problems.append(f"groups.{n}.members: no participant {number}")
    for n, c in enumerate(doc.contributions):
        if c.group is not None and c.group not in group_keys:
            problems.append(f"contributions.{n}.group: no group {c.group!r}")
        if c.phase not in keys:
            problems.append(f"contributions.{n}.phase: no phase {c.phase!r}")
        if c.parent is not None and c.parent not in ids:
            problems.append(f"contributions.{n}.parent: no contribution {c.parent}")
        if c.participant is not None and c.participant not in numbers:
            problems.append(f"contributions.{n}.participant: no participant {c.participant}")
    if problems:
        raise ImportProblem(problems[:20])
    return doc


def import_workshop(
    session: Session, data: Any, owner: User, *, title: str | None = None, methods: Any = None
) -> Workshop:
    """Create a new workshop owned by ``owner`` from an export (flush only; caller commits).

    Everything gets new ids; parents and known references in ``data`` are mapped to them. The
    join code and projector token are new; participants get seats nobody can take over.
    """
    from facilitator.operations.workshops import unique_join_code

    if methods is None:
        from facilitator.methods.registry import default_registry

        methods = default_registry()
    doc = read(data)
    w = doc.workshop
    workshop = Workshop(
        owner_id=owner.id,
        title=(title or w.title).strip()[:200] or w.kit_id,
        place=w.place,
        kit_id=w.kit_id,
        kit=w.kit,
        locale=w.locale,
        join_code=unique_join_code(session),
        projector_token=secrets.token_urlsafe(24),
        status=w.status,
        current_phase=0,
        state={},
        participant_count=len(doc.participants),
        created_at=_aware(w.created_at) or utcnow(),
        started_at=_aware(w.started_at),
        ended_at=_aware(w.ended_at),
    )
    session.add(workshop)
    session.flush()
    phases: dict[str, Phase] = {}
    for position, p in enumerate(sorted(doc.phases, key=lambda p: p.position)):
        phase = Phase(
            workshop_id=workshop.id,
            position=position,
            key=p.key,
            method=p.method,
            title=p.title,
            question=p.question,
            minutes=p.minutes,
            config=p.config,
            state=p.state,
            method_state=p.method_state,
            per_group=p.per_group,
            started_at=_aware(p.started_at),
        )
        session.add(phase)
        phases[p.key] = phase
    people: dict[int, Participant] = {}
    for p in doc.participants:
        person = Participant(
            workshop_id=workshop.id,
            number=p.number,
            token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
            name=p.name,
            role=p.role,
            locale=w.locale,
            kind=p.kind,
        )
        session.add(person)
        people[p.number] = person
    session.flush()
    new_groups = _import_groups(session, workshop, doc, people)
    rows: dict[int, Contribution] = {}
    for c in sorted(doc.contributions, key=lambda c: c.id):
        row = Contribution(
            workshop_id=workshop.id,
            phase_id=phases[c.phase].id,
            participant_id=people[c.participant].id if c.participant is not None else None,
            kind=c.kind,
            body=c.body,
            value=c.value,
            data=dict(c.data),
            revision=c.revision,
            order_key=c.order_key,
            group_id=new_groups[c.group].id if c.group is not None else None,
            hidden=c.hidden,
            deleted=c.deleted,
            created_at=_aware(c.created_at) or workshop.created_at,
            updated_at=_aware(c.updated_at) or _aware(c.created_at) or workshop.created_at,
        )
        session.add(row)
        rows[c.id] = row
    session.flush()
    new_ids = {old: row.id for old, row in rows.items()}
    method_of = {p.key: p.method for p in doc.phases}
    for c in doc.contributions:
        row = rows[c.id]
        if c.parent is not None:
            row.parent_id = new_ids[c.parent]
        keys = contribution_refs(methods, method_of[c.phase], c.kind)
        refs = {k: new_ids.get(v) for k, v in c.data.items() if k in keys}
        if refs:
            row.data = {**row.data, **{k: v for k, v in refs.items() if v is not None}}
    session.flush()
    _import_series(session, workshop, doc, owner)
    session.flush()
    session.refresh(workshop)
    return workshop


def _import_groups(
    session: Session, workshop: Workshop, doc: _Export, people: dict[int, Participant]
) -> dict[str, Group]:
    """The formations into groups again, with new ids; the one in force stays in force."""
    formations: dict[int, Grouping] = {}
    made: dict[str, Group] = {}
    for g in sorted(doc.groups, key=lambda g: (g.grouping, g.number)):
        formation = formations.get(g.grouping)
        if formation is None:
            formation = formations[g.grouping] = Grouping(workshop_id=workshop.id, options={})
            session.add(formation)
            session.flush()
        group = Group(
            workshop_id=workshop.id, grouping_id=formation.id, number=g.number, name=g.name
        )
        session.add(group)
        session.flush()
        made[g.key] = group
        for number in g.members:
            session.add(
                GroupMember(
                    grouping_id=formation.id, group_id=group.id, participant_id=people[number].id
                )
            )
    in_force = doc.workshop.groups_in_force
    if in_force is not None and in_force in formations:
        workshop.grouping_id = formations[in_force].id
    session.flush()
    return made


def _import_series(session: Session, workshop: Workshop, doc: _Export, owner: User) -> None:
    """A workshop of a series comes with its series (a new one, owned by the importer) and the
    artefacts it used and produced, versions kept."""
    if doc.series is None:
        return
    series = Series(owner_id=owner.id, title=doc.series.title, description=doc.series.description)
    session.add(series)
    session.flush()
    workshop.series_id = series.id
    artefacts: dict[str, Artefact] = {}
    for a in sorted(doc.artefacts, key=lambda a: (a.key, a.version)):
        artefact = artefacts.get(a.key)
        if artefact is None:
            artefact = artefacts[a.key] = Artefact(series_id=series.id, kind=a.kind, key=a.key)
            session.add(artefact)
            session.flush()
        session.add(
            ArtefactVersion(
                artefact_id=artefact.id,
                version=a.version,
                title=a.title,
                data=a.data,
                workshop_id=workshop.id if a.produced_here else None,
                phase_key=a.phase,
                method=a.method,
                created_at=_aware(a.created_at) or workshop.created_at,
            )
        )
    session.flush()
