"""Groups of people in a workshop: form, place late arrivals, move, name (flush only).

The forming itself is pure (facilitator/grouping.py); this module stores the result. The
workshop's ``grouping_id`` names the groups in force; a new formation makes a new grouping and
the old one stays, so notes written in a group keep pointing at the group they were written in.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator import grouping
from facilitator.models import Group, Grouping, GroupMember, Participant, Workshop
from facilitator.models.participant import KIND_PHONE


@dataclass(frozen=True)
class Placement:
    """Where one person is: the group's id, number and name."""

    group_id: int
    number: int
    name: str


def people(session: Session, workshop: Workshop) -> list[Participant]:
    """The people on phones (the facilitator's scribe stand-ins are not people)."""
    return list(
        session.scalars(
            select(Participant)
            .where(Participant.workshop_id == workshop.id, Participant.kind == KIND_PHONE)
            .order_by(Participant.number)
        )
    )


def groups(session: Session, workshop: Workshop) -> list[Group]:
    """The groups in force, by number (empty when there are none)."""
    if workshop.grouping_id is None:
        return []
    return list(
        session.scalars(
            select(Group).where(Group.grouping_id == workshop.grouping_id).order_by(Group.number)
        )
    )


def members(session: Session, workshop: Workshop) -> dict[int, int]:
    """Participant id → group id in the groups in force."""
    if workshop.grouping_id is None:
        return {}
    rows = session.execute(
        select(GroupMember.participant_id, GroupMember.group_id).where(
            GroupMember.grouping_id == workshop.grouping_id
        )
    ).all()
    return {int(p): int(g) for p, g in rows}


def placement(session: Session, workshop: Workshop, participant_id: int) -> Placement | None:
    """The group a person is in now, or None."""
    if workshop.grouping_id is None:
        return None
    row = session.execute(
        select(Group.id, Group.number, Group.name)
        .join(GroupMember, GroupMember.group_id == Group.id)
        .where(
            GroupMember.grouping_id == workshop.grouping_id,
            GroupMember.participant_id == participant_id,
        )
    ).first()
    return Placement(int(row[0]), int(row[1]), str(row[2])) if row else None


def form(session: Session, workshop: Workshop, options: grouping.Options) -> Grouping | None:
    """Form new groups of everyone on a phone; they are in force at once. None when nobody is
    here yet (forming then has nothing to do)."""
    everyone = people(session, workshop)
    if not everyone:
        return None
    seed = options.seed or secrets.randbelow(2**31 - 1) + 1
    options = grouping.Options(options.count, options.size, options.mix_roles, seed)
    formed = grouping.form([(p.id, p.role or "") for p in everyone], options)
    record = Grouping(
        workshop_id=workshop.id,
        options={
            "count": options.count,
            "size": options.size,
            "mix_roles": options.mix_roles,
            "seed": seed,
        },
    )
    session.add(record)
    session.flush()
    for number, ids in enumerate(formed, start=1):
        group = Group(workshop_id=workshop.id, grouping_id=record.id, number=number, name="")
        session.add(group)
        session.flush()
        for participant_id in ids:
            session.add(
                GroupMember(grouping_id=record.id, group_id=group.id, participant_id=participant_id)
            )
    workshop.grouping_id = record.id
    session.flush()
    return record


def clear(workshop: Workshop) -> None:
    """No groups in force (the formations stay for the minutes)."""
    workshop.grouping_id = None


def sizes(session: Session, workshop: Workshop) -> dict[int, int]:
    """People per group in force (group id → count; empty groups included)."""
    found = {g.id: 0 for g in groups(session, workshop)}
    if not found:
        return {}
    rows = session.execute(
        select(GroupMember.group_id, func.count())
        .where(GroupMember.grouping_id == workshop.grouping_id)
        .group_by(GroupMember.group_id)
    ).all()
    for group_id, count in rows:
        found[int(group_id)] = int(count)
    return found


def place_late(session: Session, workshop: Workshop, participant: Participant) -> Group | None:
    """Put someone who arrived after the groups were formed into the smallest group."""
    if workshop.grouping_id is None or participant.kind != KIND_PHONE:
        return None
    in_force = groups(session, workshop)
    if not in_force:
        return None
    counts = sizes(session, workshop)
    chosen = in_force[grouping.smallest([counts[g.id] for g in in_force])]
    session.add(
        GroupMember(
            grouping_id=workshop.grouping_id, group_id=chosen.id, participant_id=participant.id
        )
    )
    session.flush()
    return chosen


def move(session: Session, workshop: Workshop, participant_id: int, group_id: int) -> bool:
    """Move a person to another group in force; False when the person or group is not here."""
    target = session.get(Group, group_id)
    person = session.get(Participant, participant_id)
    if (
        target is None
        or target.grouping_id != workshop.grouping_id
        or person is None
        or person.workshop_id != workshop.id
        or person.kind != KIND_PHONE
    ):
        return False
    row = session.scalars(
        select(GroupMember).where(
            GroupMember.grouping_id == workshop.grouping_id,
            GroupMember.participant_id == participant_id,
        )
    ).first()
    if row is None:
        session.add(
            GroupMember(
                grouping_id=target.grouping_id, group_id=target.id, participant_id=participant_id
            )
        )
    else:
        row.group_id = target.id
    session.flush()
    return True


def rename(session: Session, workshop: Workshop, group_id: int, name: str) -> Group | None:
    """Name a group in force ("the table by the window"); None when it is not one."""
    group = session.get(Group, group_id)
    if group is None or group.grouping_id != workshop.grouping_id or workshop.grouping_id is None:
        return None
    group.name = name
    session.flush()
    return group
