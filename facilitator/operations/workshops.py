"""Create workshops from kits (flush only; the caller commits)."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator import join_codes
from facilitator.kits.schema import Kit
from facilitator.models import Phase, User, Workshop


def unique_join_code(session: Session) -> str:
    """A join code no other workshop uses."""
    while True:
        code = join_codes.new_code()
        if session.scalars(select(Workshop.id).where(Workshop.join_code == code)).first() is None:
            return code


def create_workshop(
    session: Session, owner: User, kit: Kit, *, title: str = "", locale: str = "fi", place: str = ""
) -> Workshop:
    """A draft workshop with one phase per kit phase; the kit is copied so later edits of the
    file do not change a workshop already run."""
    workshop = Workshop(
        owner_id=owner.id,
        title=title.strip() or kit.title.get(locale),
        place=place.strip(),
        kit_id=kit.id,
        kit=kit.model_dump(mode="json"),
        locale=locale,
        join_code=unique_join_code(session),
        projector_token=secrets.token_urlsafe(24),
        state={},
    )
    session.add(workshop)
    session.flush()
    for position, spec in enumerate(kit.phases):
        session.add(
            Phase(
                workshop_id=workshop.id,
                position=position,
                key=spec.id,
                method=spec.method,
                title=spec.title.model_dump(),
                question=spec.question.model_dump(),
                minutes=spec.minutes,
                per_group=spec.per_group,
                config=spec.config,
                state={},
            )
        )
    session.flush()
    session.refresh(workshop)
    return workshop


def find_by_code(session: Session, code: str) -> Workshop | None:
    """The workshop with this join code, after normalising what was typed."""
    normalized = join_codes.normalize(code)
    if not join_codes.is_well_formed(normalized):
        return None
    return session.scalars(select(Workshop).where(Workshop.join_code == normalized)).first()
