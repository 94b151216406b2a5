"""Brainstorm: short notes under a question, +1s, facilitator grouping, hide-until-reveal."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select

from facilitator.methods.base import FACILITATOR, PARTICIPANT, ItemId, Method, Payload, on
from facilitator.models import Contribution, Participant
from facilitator.models.participant import KIND_SCRIBE
from facilitator.models.types import utcnow
from facilitator.realtime.context import ActionContext, ViewContext
from facilitator.realtime.controls import follow_spotlight
from facilitator.realtime.errors import ActionError
from facilitator.realtime.payload_keys import staff_only
from facilitator.roles import STATED_ROLES

NOTE = "note"
PLUS = "plus"
GROUP = "group"
TEXT_MAX = 500
LABEL_MAX = 80


class Config(BaseModel):
    """Kit settings for a brainstorm phase."""

    model_config = ConfigDict(extra="forbid")

    hide_until_reveal: bool = False
    show_others: bool = True
    allow_plus: bool = True
    max_length: int = Field(default=280, ge=20, le=TEXT_MAX)


# Note text has no length limit in the payload model: the phase's own ``max_length`` (at most
# TEXT_MAX) is checked by the handler, so the refusal names the limit the person actually has.
# The message size limit of the gate bounds what arrives.


class NoteAdd(Payload):
    text: str = Field(min_length=1)
    on_behalf_role: str | None = Field(default=None, max_length=20, json_schema_extra=staff_only())


class NoteEdit(Payload):
    id: ItemId
    text: str = Field(min_length=1)


class NoteRef(Payload):
    id: ItemId


class PlusSet(Payload):
    id: ItemId
    on: bool = True


class GroupCreate(Payload):
    label: str = Field(min_length=1, max_length=LABEL_MAX)


class GroupRename(Payload):
    id: ItemId
    label: str = Field(min_length=1, max_length=LABEL_MAX)


class NoteGroup(Payload):
    id: ItemId
    group: ItemId | None = None


def participant_label(participant: Participant | None) -> str:
    """'Anna' or 'Osallistuja 7' style label for the console (never for the projector)."""
    if participant is None:
        return ""
    return participant.name or f"#{participant.number}"


class Brainstorm(Method):
    """Notes under one question; see methods.md."""

    id = "brainstorm"
    Config = Config
    kinds = (NOTE, PLUS, GROUP)

    def summarize(self, phase: Any, workshop: Any) -> list[Any]:
        """The brainstorm section of the minutes (see summary.py)."""
        from facilitator.methods.brainstorm import summary

        return summary.summarize(phase, workshop)

    # -- visibility -------------------------------------------------------------------------

    @staticmethod
    def concealed(ctx: ViewContext) -> bool:
        """Notes are visible only to their authors and staff until the facilitator reveals."""
        config: Config = ctx.config  # type: ignore[assignment]
        return config.hide_until_reveal and not ctx.phase.state.get("revealed")

    def private(self, ctx: ViewContext) -> bool:
        """Phones and the projector see only their own notes: hidden until reveal, or a kit
        that does not show others' notes."""
        return self.concealed(ctx) or not ctx.config.show_others  # type: ignore[attr-defined]

    def public_note(self, note: Contribution, plus: int) -> dict[str, Any]:
        """What everyone may see of a note: no author."""
        return {"id": note.id, "text": note.body, "plus": plus, "group": note.parent_id}

    def staff_note(self, note: Contribution, plus: int, author: Participant | None) -> dict:
        """The console's view: author label, stated role, hidden flag."""
        return {
            **self.public_note(note, plus),
            "author": participant_label(author),
            "role": author.role if author else "",
            "hidden": note.hidden,
            "scribe": bool(note.data.get("scribe")),
        }

    def _note_event(
        self, ctx: ActionContext, type_: str, note: Contribution, *, plus: int | None = None
    ) -> None:
        """Publish a note: full to staff, safe (or a concealed stub) to everyone else."""
        if plus is None:
            plus = self._plus_count(ctx, note.id)
        author = ctx.session.get(Participant, note.participant_id) if note.participant_id else None
        staff = self.staff_note(note, plus, author)
        if self.private(ctx):
            public: dict[str, Any] = {"id": note.id, "concealed": True}
        else:
            public = self.public_note(note, plus)
        ctx.publish(
            type_, {"phase": ctx.phase.id, "note": public}, {"phase": ctx.phase.id, "note": staff}
        )

    @staticmethod
    def _plus_count(ctx: ViewContext, note_id: int) -> int:
        return int(
            ctx.session.scalar(
                select(func.count())
                .select_from(Contribution)
                .where(Contribution.parent_id == note_id, Contribution.kind == PLUS)
            )
            or 0
        )

    def _own_note(self, ctx: ActionContext, note_id: int) -> Contribution:
        note = ctx.get(note_id, NOTE)
        if note is None or note.hidden:
            raise ActionError("not_found", 404)
        if note.participant_id != ctx.seat.participant_id:
            raise ActionError("not_yours", 403)
        return note

    # -- participant actions ----------------------------------------------------------------

    @on("note.add", NoteAdd, role=(PARTICIPANT, FACILITATOR), allowed_late=True)
    def add_note(self, ctx: ActionContext, payload: NoteAdd) -> dict[str, Any]:
        """Write a note; a facilitator writing one is a scribe for someone without a phone."""
        limit = ctx.config.max_length  # type: ignore[attr-defined]
        if len(payload.text) > limit:
            raise ActionError("too_long", max=limit)
        data: dict[str, Any] = {}
        if ctx.seat.role == FACILITATOR:
            participant_id = scribe_seat(ctx, payload.on_behalf_role or "").id
            data["scribe"] = True
        else:
            participant_id = ctx.seat.participant_id
        if ctx.phase is not ctx.workshop.phase:
            data["late"] = True
        note = ctx.add(
            Contribution(
                workshop_id=ctx.workshop.id,
                phase_id=ctx.phase.id,
                participant_id=participant_id,
                kind=NOTE,
                body=payload.text,
                data=data,
            )
        )
        self._note_event(ctx, "note.added", note, plus=0)  # a new note has no +1 yet
        return {"note": {**self.public_note(note, 0), "mine": True}}

    @on("note.edit", NoteEdit)
    def edit_note(self, ctx: ActionContext, payload: NoteEdit) -> dict[str, Any]:
        """Change one's own note until the phase is locked."""
        note = self._own_note(ctx, payload.id)
        limit = ctx.config.max_length  # type: ignore[attr-defined]
        if len(payload.text) > limit:
            raise ActionError("too_long", max=limit)
        note.body = payload.text
        note.updated_at = utcnow()
        self._note_event(ctx, "note.updated", note)
        follow_spotlight(ctx, note.id, note.body)
        return {"note": {**self.public_note(note, self._plus_count(ctx, note.id)), "mine": True}}

    @on("note.delete", NoteRef)
    def delete_note(self, ctx: ActionContext, payload: NoteRef) -> dict[str, Any]:
        """Remove one's own note (kept in the database as deleted, left out of the minutes)."""
        note = self._own_note(ctx, payload.id)
        note.deleted = True
        note.updated_at = utcnow()
        follow_spotlight(ctx, note.id, None)
        ctx.publish("item.removed", {"id": note.id, "phase": ctx.phase.id})
        return {"id": note.id}

    @on("note.plus", PlusSet)
    def plus(self, ctx: ActionContext, payload: PlusSet) -> dict[str, Any]:
        """Mark (or unmark) "+1" on someone else's note."""
        if not ctx.config.allow_plus:  # type: ignore[attr-defined]
            raise ActionError("unknown_action")
        note = ctx.get(payload.id, NOTE)
        unseen = (
            self.private(ctx)
            and note is not None
            and note.participant_id != ctx.seat.participant_id
        )
        if note is None or note.hidden or unseen:  # what a phone cannot see does not exist for it
            raise ActionError("not_found", 404)
        if note.participant_id == ctx.seat.participant_id:
            raise ActionError("own_note")
        existing = ctx.session.scalars(
            select(Contribution).where(
                Contribution.parent_id == note.id,
                Contribution.kind == PLUS,
                Contribution.participant_id == ctx.seat.participant_id,
            )
        ).first()
        if payload.on and existing is None:
            ctx.add(
                Contribution(
                    workshop_id=ctx.workshop.id,
                    phase_id=ctx.phase.id,
                    participant_id=ctx.seat.participant_id,
                    kind=PLUS,
                    parent_id=note.id,
                )
            )
        elif not payload.on and existing is not None:
            ctx.session.delete(existing)
            ctx.session.flush()
        count = self._plus_count(ctx, note.id)
        change = {"phase": ctx.phase.id, "id": note.id, "plus": count}
        if self.private(ctx):
            ctx.publish("note.plus", {"phase": ctx.phase.id}, change)
        else:
            ctx.publish("note.plus", change)
        return {"id": note.id, "plus": count, "plussed": payload.on}

    # -- facilitator actions ----------------------------------------------------------------

    @on("group.create", GroupCreate, role=FACILITATOR, allowed_when_locked=True)
    def create_group(self, ctx: ActionContext, payload: GroupCreate) -> dict[str, Any]:
        """Name a new group of notes."""
        group = ctx.add(
            Contribution(
                workshop_id=ctx.workshop.id,
                phase_id=ctx.phase.id,
                kind=GROUP,
                body=payload.label,
            )
        )
        out = {"id": group.id, "label": group.body}
        ctx.publish("group.changed", {"phase": ctx.phase.id, "group": out})
        return {"group": out}

    @on("group.rename", GroupRename, role=FACILITATOR, allowed_when_locked=True)
    def rename_group(self, ctx: ActionContext, payload: GroupRename) -> dict[str, Any]:
        """Rename a group."""
        group = ctx.get(payload.id, GROUP)
        if group is None:
            raise ActionError("not_found", 404)
        group.body = payload.label
        out = {"id": group.id, "label": group.body}
        ctx.publish("group.changed", {"phase": ctx.phase.id, "group": out})
        return {"group": out}

    @on("group.delete", NoteRef, role=FACILITATOR, allowed_when_locked=True)
    def delete_group(self, ctx: ActionContext, payload: NoteRef) -> dict[str, Any]:
        """Remove a group; its notes become ungrouped."""
        group = ctx.get(payload.id, GROUP)
        if group is None:
            raise ActionError("not_found", 404)
        for note in ctx.contributions(NOTE):
            if note.parent_id == group.id:
                note.parent_id = None
        group.deleted = True
        ctx.publish("group.removed", {"phase": ctx.phase.id, "id": group.id, "resync": True})
        return {"id": group.id}

    @on("note.group", NoteGroup, role=FACILITATOR, allowed_when_locked=True)
    def group_note(self, ctx: ActionContext, payload: NoteGroup) -> dict[str, Any]:
        """Put a note in a group (or take it out with group null)."""
        note = ctx.get(payload.id, NOTE)
        if note is None:
            raise ActionError("not_found", 404)
        if payload.group is not None and ctx.get(payload.group, GROUP) is None:
            raise ActionError("not_found", 404)
        note.parent_id = payload.group
        change = {"phase": ctx.phase.id, "id": note.id, "group": payload.group}
        if self.private(ctx) or note.hidden:
            ctx.publish("note.grouped", {"phase": ctx.phase.id}, change)
        else:
            ctx.publish("note.grouped", change)
        return change

    # -- snapshot ---------------------------------------------------------------------------

    def view(self, ctx: ViewContext) -> dict[str, Any]:
        """Notes and groups as this seat may see them."""
        notes = ctx.contributions(NOTE)
        pluses = ctx.contributions(PLUS)
        counts: dict[int, int] = {}
        mine_plus: set[int] = set()
        for item in pluses:
            if item.parent_id is not None:
                counts[item.parent_id] = counts.get(item.parent_id, 0) + 1
                if item.participant_id == ctx.seat.participant_id:
                    mine_plus.add(item.parent_id)
        groups = [
            {"id": g.id, "label": g.body, **({"hidden": g.hidden} if ctx.seat.is_staff else {})}
            for g in ctx.contributions(GROUP)
            if ctx.seat.is_staff or not g.hidden
        ]
        out: list[dict[str, Any]] = []
        concealed_count = 0
        if ctx.seat.is_staff:
            authors = {
                p.id: p
                for p in ctx.session.scalars(
                    select(Participant).where(Participant.workshop_id == ctx.workshop.id)
                )
            }
            for note in notes:
                author = authors.get(note.participant_id or -1)
                out.append(self.staff_note(note, counts.get(note.id, 0), author))
        else:
            hidden_to_public = self.private(ctx)
            for note in notes:
                if note.hidden:
                    continue
                mine = ctx.seat.participant_id is not None and (
                    note.participant_id == ctx.seat.participant_id
                )
                if hidden_to_public and not mine:
                    concealed_count += 1
                    continue
                item = self.public_note(note, counts.get(note.id, 0))
                if ctx.seat.participant_id is not None:
                    item["mine"] = mine
                    item["plussed"] = note.id in mine_plus
                out.append(item)
        return {
            "notes": out,
            "groups": groups,
            "concealed": concealed_count,
            "max_length": ctx.config.max_length,  # type: ignore[attr-defined]
            "hide_until_reveal": ctx.config.hide_until_reveal,  # type: ignore[attr-defined]
            "allow_plus": ctx.config.allow_plus,  # type: ignore[attr-defined]
        }


def scribe_seat(ctx: ActionContext, role: str) -> Participant:
    """The stand-in participant a facilitator writes for (one per stated role)."""
    role = role if role in STATED_ROLES else ""
    existing = ctx.session.scalars(
        select(Participant).where(
            Participant.workshop_id == ctx.workshop.id,
            Participant.kind == KIND_SCRIBE,
            Participant.role == role,
        )
    ).first()
    if existing is not None:
        return existing
    from facilitator.operations.participants import create_participant

    return create_participant(ctx.session, ctx.workshop, role=role, kind=KIND_SCRIBE)[0]
