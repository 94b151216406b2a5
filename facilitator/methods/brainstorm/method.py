"""Brainstorm: short notes under a question, +1s, the facilitator's themes, hide-until-reveal."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select

from facilitator.methods.base import (
    FACILITATOR,
    N_,
    PARTICIPANT,
    ItemId,
    Kind,
    Meaning,
    Method,
    Payload,
    on,
)
from facilitator.methods.brainstorm.strings import STRINGS
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
THEME = "theme"
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


class ThemeCreate(Payload):
    label: str = Field(min_length=1, max_length=LABEL_MAX)


class ThemeRename(Payload):
    id: ItemId
    label: str = Field(min_length=1, max_length=LABEL_MAX)


class NoteTheme(Payload):
    id: ItemId
    theme: ItemId | None = None


def participant_label(participant: Participant | None) -> str:
    """'Anna' or 'Osallistuja 7' style label for the console (never for the projector)."""
    if participant is None:
        return ""
    return participant.name or f"#{participant.number}"


def own_note(ctx: ActionContext, payload: Any) -> Contribution:
    """Guard: the note exists, is visible, and is the sender's own."""
    note = ctx.get(payload.id, NOTE)
    if note is None or note.hidden:
        raise ActionError("not_found", 404)
    if note.participant_id != ctx.seat.participant_id:
        raise ActionError("not_yours", 403)
    return note


class Brainstorm(Method):
    """Notes under one question; see methods.md."""

    id = "brainstorm"
    label = N_("Notes")
    per_group = True
    Config = Config
    kinds = {
        NOTE: Kind(Meaning.TEXT, N_("Note")),
        PLUS: Kind(Meaning.REACTION, N_("+1")),
        THEME: Kind(Meaning.STRUCTURE, N_("Theme")),
    }
    errors = {"own_note": N_("You cannot +1 your own note.")}
    strings = STRINGS

    def capabilities(self, config: BaseModel) -> frozenset[str]:
        """Reveal, when the kit hides notes until then."""
        return frozenset({"reveal"}) if config.hide_until_reveal else frozenset()  # type: ignore[attr-defined]

    def artefacts(self, phase: Any, workshop: Any) -> list[Any]:
        """Named themes, with their notes, are carried on to the series' next meetings."""
        from facilitator.methods.brainstorm import summary

        return summary.artefacts(phase, workshop)

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
        """What everyone may see of a note: no author (and, in a per-group phase, its group)."""
        out = {"id": note.id, "text": note.body, "plus": plus, "theme": note.parent_id}
        if note.group_id is not None:
            out["group"] = note.group_id
        return out

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
            type_,
            {"phase": ctx.phase.id, "note": public},
            {"phase": ctx.phase.id, "note": staff},
            about=note,
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

    # -- participant actions ----------------------------------------------------------------

    @on("note.add", NoteAdd, role=(PARTICIPANT, FACILITATOR), allowed_late=True)
    def add_note(self, ctx: ActionContext, payload: NoteAdd) -> dict[str, Any]:
        """Write a note; a facilitator writing one is a scribe for someone without a phone."""
        limit = ctx.config.max_length  # type: ignore[attr-defined]
        if len(payload.text) > limit:
            raise ActionError("too_long", max=limit)
        data: dict[str, Any] = {}
        author: int | bool = True
        if ctx.seat.role == FACILITATOR:
            author = scribe_seat(ctx, payload.on_behalf_role or "").id
            data["scribe"] = True
        if ctx.phase is not ctx.workshop.phase:
            data["late"] = True
        note = ctx.create(NOTE, payload.text, data=data, author=author)
        self._note_event(ctx, "note.added", note, plus=0)  # a new note has no +1 yet
        return {"note": {**self.public_note(note, 0), "mine": True}}

    @on("note.edit", NoteEdit, guard=own_note)
    def edit_note(self, ctx: ActionContext, payload: NoteEdit) -> dict[str, Any]:
        """Change one's own note until the phase is locked."""
        note: Contribution = ctx.target
        limit = ctx.config.max_length  # type: ignore[attr-defined]
        if len(payload.text) > limit:
            raise ActionError("too_long", max=limit)
        note.body = payload.text
        note.updated_at = utcnow()
        self._note_event(ctx, "note.updated", note)
        follow_spotlight(ctx, note.id, note.body)
        return {"note": {**self.public_note(note, self._plus_count(ctx, note.id)), "mine": True}}

    @on("note.delete", NoteRef, guard=own_note)
    def delete_note(self, ctx: ActionContext, payload: NoteRef) -> dict[str, Any]:
        """Remove one's own note (kept in the database as deleted, left out of the minutes)."""
        note: Contribution = ctx.target
        note.deleted = True
        note.updated_at = utcnow()
        follow_spotlight(ctx, note.id, None)
        ctx.publish("item.removed", {"id": note.id, "phase": ctx.phase.id}, about=note)
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
            ctx.create(PLUS, parent=note.id)
        elif not payload.on and existing is not None:
            ctx.session.delete(existing)
            ctx.session.flush()
        count = self._plus_count(ctx, note.id)
        change = {"phase": ctx.phase.id, "id": note.id, "plus": count}
        if self.private(ctx):
            ctx.publish("note.plus", {"phase": ctx.phase.id}, change, about=note)
        else:
            ctx.publish("note.plus", change, about=note)
        return {"id": note.id, "plus": count, "plussed": payload.on}

    # -- facilitator actions ----------------------------------------------------------------

    @on("theme.create", ThemeCreate, role=FACILITATOR, allowed_when_locked=True)
    def create_theme(self, ctx: ActionContext, payload: ThemeCreate) -> dict[str, Any]:
        """Name a new theme (a set of notes that belong together)."""
        theme = ctx.create(THEME, payload.label, author=None)
        out = {"id": theme.id, "label": theme.body}
        ctx.publish("theme.changed", {"phase": ctx.phase.id, "theme": out})
        return {"theme": out}

    @on("theme.rename", ThemeRename, role=FACILITATOR, allowed_when_locked=True)
    def rename_theme(self, ctx: ActionContext, payload: ThemeRename) -> dict[str, Any]:
        """Rename a theme."""
        theme = ctx.get(payload.id, THEME)
        if theme is None:
            raise ActionError("not_found", 404)
        theme.body = payload.label
        out = {"id": theme.id, "label": theme.body}
        ctx.publish("theme.changed", {"phase": ctx.phase.id, "theme": out})
        return {"theme": out}

    @on("theme.delete", NoteRef, role=FACILITATOR, allowed_when_locked=True)
    def delete_theme(self, ctx: ActionContext, payload: NoteRef) -> dict[str, Any]:
        """Remove a theme; its notes stay, without a theme."""
        theme = ctx.get(payload.id, THEME)
        if theme is None:
            raise ActionError("not_found", 404)
        for note in ctx.contributions(NOTE):
            if note.parent_id == theme.id:
                note.parent_id = None
        theme.deleted = True
        ctx.publish("theme.removed", {"phase": ctx.phase.id, "id": theme.id, "resync": True})
        return {"id": theme.id}

    @on("note.theme", NoteTheme, role=FACILITATOR, allowed_when_locked=True)
    def theme_note(self, ctx: ActionContext, payload: NoteTheme) -> dict[str, Any]:
        """Put a note in a theme (or take it out with theme null)."""
        note = ctx.get(payload.id, NOTE)
        if note is None:
            raise ActionError("not_found", 404)
        if payload.theme is not None and ctx.get(payload.theme, THEME) is None:
            raise ActionError("not_found", 404)
        note.parent_id = payload.theme
        change = {"phase": ctx.phase.id, "id": note.id, "theme": payload.theme}
        if self.private(ctx) or note.hidden:
            ctx.publish("note.themed", {"phase": ctx.phase.id}, change, about=note)
        else:
            ctx.publish("note.themed", change, about=note)
        return change

    # -- snapshot ---------------------------------------------------------------------------

    def view(self, ctx: ViewContext) -> dict[str, Any]:
        """Notes and themes as this seat may see them."""
        notes = ctx.contributions(NOTE)
        pluses = ctx.contributions(PLUS)
        counts: dict[int, int] = {}
        mine_plus: set[int] = set()
        for item in pluses:
            if item.parent_id is not None:
                counts[item.parent_id] = counts.get(item.parent_id, 0) + 1
                if item.participant_id == ctx.seat.participant_id:
                    mine_plus.add(item.parent_id)
        themes = [
            {"id": g.id, "label": g.body, **({"hidden": g.hidden} if ctx.seat.is_staff else {})}
            for g in ctx.contributions(THEME)
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
            "themes": themes,
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
