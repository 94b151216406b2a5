"""Workshop-wide facilitator actions: start, navigate, lock, reveal, timer, spotlight, moderate,
end. Declared exactly like method handlers, so the gate treats them the same way."""

from __future__ import annotations

import logging
from typing import Any, Literal

from flask import current_app
from pydantic import Field

from facilitator import grouping, timer
from facilitator.methods.base import FACILITATOR, ItemId, Method, Payload, on
from facilitator.models import Contribution
from facilitator.models.workshop import STATUS_DRAFT, STATUS_ENDED, STATUS_RUNNING
from facilitator.operations import groups
from facilitator.realtime.context import ActionContext
from facilitator.realtime.errors import ActionError

log = logging.getLogger(__name__)


class GotoPayload(Payload):
    index: int = Field(ge=0, le=100)


class FlagPayload(Payload):
    on: bool = True


class SecondsPayload(Payload):
    seconds: int = Field(ge=-3600, le=3600)


class ResetPayload(Payload):
    seconds: int | None = Field(default=None, ge=0, le=36000)


class ItemPayload(Payload):
    id: ItemId | None = None


class HidePayload(Payload):
    id: ItemId
    hidden: bool = True


class LocalePayload(Payload):
    locale: Literal["fi", "sv", "en"]


class FormPayload(Payload):
    """Form groups by number of groups or by group size (exactly one of them)."""

    count: int | None = Field(default=None, ge=1, le=60)
    size: int | None = Field(default=None, ge=1, le=60)
    mix_roles: bool = False


class MovePayload(Payload):
    person: ItemId
    group: ItemId


class NamePayload(Payload):
    group: ItemId
    name: str = Field(max_length=60)


class ShowPayload(Payload):
    group: ItemId | None = None


def publish_groups(txn: Any, *, resync: bool = False) -> None:
    """Tell every screen the groups in force: consoles get who is where, the others sizes and
    names (a phone reads its own group from its snapshot)."""
    from facilitator.realtime.snapshot import groups_view

    session = _session()
    public: dict[str, Any] = {"groups": groups_view(session, txn.workshop, staff=False)}
    staff: dict[str, Any] = {"groups": groups_view(session, txn.workshop, staff=True)}
    if resync:
        public["resync"] = staff["resync"] = True
    txn.publish("groups.changed", public, staff)


def _session() -> Any:
    from facilitator.extensions import db

    return db.session


def timer_view(state: dict[str, Any]) -> dict[str, Any]:
    """The timer as clients need it."""
    return state.get("timer") or timer.new_timer(0)


def enter_phase(ctx: ActionContext, index: int) -> None:
    """Make phase ``index`` current: first entry runs the method's start hook; timer resets."""
    workshop = ctx.workshop
    if not 0 <= index < len(workshop.phases):
        raise ActionError("not_found", 404)
    workshop.current_phase = index
    phase = workshop.phases[index]
    registry = current_app.extensions["facilitator.methods"]
    method = registry.get(phase.method)
    ctx.phase = phase
    ctx.config = method.config(phase.config)
    ctx.method = method
    ctx._state = None
    seconds = (phase.minutes or 0) * 60
    workshop.state = {
        **workshop.state,
        "timer": timer.new_timer(seconds),
        "spotlight": None,
    }
    if phase.started_at is None:
        phase.started_at = _utcnow()
        method.start(ctx)  # may set its own timer (a first round), after the phase's default
        ctx.save_state()
    ctx.publish("phase.changed", {"index": index, "phase": phase.id, "resync": True})


def _utcnow() -> Any:
    from facilitator.models.types import utcnow

    return utcnow()


def follow_spotlight(ctx: ActionContext, item_id: int, text: str | None) -> None:
    """Keep the projector's spotlight true to its note: new text after an edit, cleared (text
    None) when the note is deleted or hidden."""
    spot = ctx.workshop.state.get("spotlight")
    if not spot or spot.get("id") != item_id:
        return
    new = None if text is None else {"id": item_id, "text": text}
    ctx.workshop.state = {**ctx.workshop.state, "spotlight": new}
    ctx.publish("spotlight", {"spotlight": new})


class Controls(Method):
    """Not a workshop method: the console's controls, registered with the gate directly."""

    id = "workshop"

    @on("workshop.start", role=FACILITATOR)
    def start_workshop(self, ctx: ActionContext, payload: Payload) -> dict[str, Any]:
        """Open the first phase (from the lobby) and let participants act."""
        if ctx.workshop.status != STATUS_DRAFT:
            return {"status": ctx.workshop.status}
        ctx.workshop.status = STATUS_RUNNING
        ctx.workshop.started_at = _utcnow()
        ctx.publish("workshop.status", {"status": STATUS_RUNNING})
        enter_phase(ctx, 0)
        return {"status": STATUS_RUNNING}

    @on("phase.goto", GotoPayload, role=FACILITATOR)
    def goto(self, ctx: ActionContext, payload: GotoPayload) -> dict[str, Any]:
        """Jump to a phase of the agenda."""
        if ctx.workshop.status == STATUS_DRAFT:
            self.start_workshop(ctx, payload)
        elif payload.index == ctx.workshop.current_phase:
            # Already there (a second console, a double click): keep the timer and spotlight.
            return {"index": payload.index}
        enter_phase(ctx, payload.index)
        return {"index": payload.index}

    @on("phase.next", role=FACILITATOR)
    def next(self, ctx: ActionContext, payload: Payload) -> dict[str, Any]:
        """Move on to the following phase."""
        if ctx.workshop.status == STATUS_DRAFT:
            return self.start_workshop(ctx, payload)
        index = min(ctx.workshop.current_phase + 1, len(ctx.workshop.phases) - 1)
        if index != ctx.workshop.current_phase:
            enter_phase(ctx, index)
        return {"index": index}

    @on("phase.back", role=FACILITATOR)
    def back(self, ctx: ActionContext, payload: Payload) -> dict[str, Any]:
        """Return to the previous phase."""
        index = max(ctx.workshop.current_phase - 1, 0)
        if index != ctx.workshop.current_phase:
            enter_phase(ctx, index)
        return {"index": index}

    @on("phase.lock", FlagPayload, role=FACILITATOR)
    def lock(self, ctx: ActionContext, payload: FlagPayload) -> dict[str, Any]:
        """Close (or reopen) the phase for participants' changes."""
        ctx.phase.state = {**ctx.phase.state, "locked": payload.on}
        ctx.publish("phase.state", {"phase": ctx.phase.id, "locked": payload.on})
        return {"locked": payload.on}

    @on("phase.reveal", FlagPayload, role=FACILITATOR)
    def reveal(self, ctx: ActionContext, payload: FlagPayload) -> dict[str, Any]:
        """Show (or conceal again) what was hidden until reveal; screens refresh."""
        ctx.phase.state = {**ctx.phase.state, "revealed": payload.on}
        ctx.publish("phase.state", {"phase": ctx.phase.id, "revealed": payload.on, "resync": True})
        return {"revealed": payload.on}

    @on("timer.start", role=FACILITATOR)
    def timer_start(self, ctx: ActionContext, payload: Payload) -> dict[str, Any]:
        """Start or resume the phase timer."""
        return {"timer": ctx.timer.start()}

    @on("timer.pause", role=FACILITATOR)
    def timer_pause(self, ctx: ActionContext, payload: Payload) -> dict[str, Any]:
        """Pause the timer, keeping what is left."""
        return {"timer": ctx.timer.pause()}

    @on("timer.add", SecondsPayload, role=FACILITATOR)
    def timer_add(self, ctx: ActionContext, payload: SecondsPayload) -> dict[str, Any]:
        """Add (or remove) time."""
        return {"timer": ctx.timer.add(payload.seconds)}

    @on("timer.reset", ResetPayload, role=FACILITATOR)
    def timer_reset(self, ctx: ActionContext, payload: ResetPayload) -> dict[str, Any]:
        """Stop and set the timer (default: the phase's planned minutes)."""
        seconds = payload.seconds if payload.seconds is not None else (ctx.phase.minutes or 0) * 60
        return {"timer": ctx.timer.reset(seconds)}

    @on("spotlight.set", ItemPayload, role=FACILITATOR)
    def spotlight(self, ctx: ActionContext, payload: ItemPayload) -> dict[str, Any]:
        """Fill the projector's centre with one note (or clear it with id null)."""
        item = None
        if payload.id is not None:
            item = ctx.session.get(Contribution, payload.id)
            if item is None or item.workshop_id != ctx.workshop.id or item.deleted or item.hidden:
                raise ActionError("not_found", 404)
        spot = None if item is None else {"id": item.id, "text": item.body}
        ctx.workshop.state = {**ctx.workshop.state, "spotlight": spot}
        ctx.publish("spotlight", {"spotlight": spot})
        return {"spotlight": spot}

    @on("item.hide", HidePayload, role=FACILITATOR, allowed_when_locked=True)
    def hide(self, ctx: ActionContext, payload: HidePayload) -> dict[str, Any]:
        """Moderation: hide a contribution from every screen (it is kept and counted)."""
        item = ctx.session.get(Contribution, payload.id)
        if item is None or item.workshop_id != ctx.workshop.id or item.deleted:
            raise ActionError("not_found", 404)
        item.hidden = payload.hidden
        if payload.hidden:
            follow_spotlight(ctx, item.id, None)
        staff = {"id": item.id, "phase": item.phase_id, "hidden": payload.hidden}
        if payload.hidden:
            ctx.publish("item.removed", {"id": item.id, "phase": item.phase_id}, staff, about=item)
        else:
            ctx.publish("item.restored", {"phase": item.phase_id, "resync": True}, staff)
        return {"id": item.id, "hidden": payload.hidden}

    @on("join.visible", FlagPayload, role=FACILITATOR)
    def join_visible(self, ctx: ActionContext, payload: FlagPayload) -> dict[str, Any]:
        """Show or hide the QR code and join code on the projector."""
        ctx.workshop.state = {**ctx.workshop.state, "join_hidden": not payload.on}
        ctx.publish("join.visible", {"visible": payload.on})
        return {"visible": payload.on}

    @on("groups.form", FormPayload, role=FACILITATOR, allowed_when_locked=True)
    def form_groups(self, ctx: ActionContext, payload: FormPayload) -> dict[str, Any]:
        """Form groups of the people here (by count or size, balanced, optionally mixing stated
        roles); they are in force at once and every phone shows its group."""
        from facilitator.realtime.namespace import regroup_local

        if (payload.count is None) == (payload.size is None):
            raise ActionError("invalid", detail="count")
        options = grouping.Options(payload.count, payload.size, payload.mix_roles)
        formed = groups.form(ctx.session, ctx.workshop, options)
        if formed is None:
            raise ActionError("nobody_here", 409)
        publish_groups(ctx, resync=True)
        regroup_local(ctx.workshop.id)
        return {"grouping": formed.id, "groups": len(groups.groups(ctx.session, ctx.workshop))}

    @on("groups.move", MovePayload, role=FACILITATOR, allowed_when_locked=True)
    def move_person(self, ctx: ActionContext, payload: MovePayload) -> dict[str, Any]:
        """Move a person to another group; their phone follows at once."""
        from facilitator.realtime.namespace import move_local

        if not groups.move(ctx.session, ctx.workshop, payload.person, payload.group):
            raise ActionError("not_found", 404)
        ctx.publish("groups.moved", {"resync": True}, person=payload.person)
        publish_groups(ctx)
        move_local(ctx.workshop.id, payload.person)
        return {"person": payload.person, "group": payload.group}

    @on("groups.name", NamePayload, role=FACILITATOR, allowed_when_locked=True)
    def name_group(self, ctx: ActionContext, payload: NamePayload) -> dict[str, Any]:
        """Name a group ("the table by the window")."""
        if groups.rename(ctx.session, ctx.workshop, payload.group, payload.name) is None:
            raise ActionError("not_found", 404)
        publish_groups(ctx)
        return {"group": payload.group, "name": payload.name}

    @on("groups.clear", role=FACILITATOR, allowed_when_locked=True)
    def clear_groups(self, ctx: ActionContext, payload: Payload) -> dict[str, Any]:
        """End the groups: the whole room works together again (the groups stay in the
        minutes)."""
        from facilitator.realtime.namespace import regroup_local

        groups.clear(ctx.workshop)
        ctx.workshop.state = {**ctx.workshop.state, "group_shown": None}
        publish_groups(ctx, resync=True)
        regroup_local(ctx.workshop.id)
        return {}

    @on("groups.show", ShowPayload, role=FACILITATOR, allowed_when_locked=True)
    def show_group(self, ctx: ActionContext, payload: ShowPayload) -> dict[str, Any]:
        """Show one group's wall on the big screen (or, with null, all groups side by side)."""
        if payload.group is not None and payload.group not in {
            g.id for g in groups.groups(ctx.session, ctx.workshop)
        }:
            raise ActionError("not_found", 404)
        ctx.workshop.state = {**ctx.workshop.state, "group_shown": payload.group}
        ctx.publish("groups.shown", {"group": payload.group})
        return {"group": payload.group}

    @on("workshop.locale", LocalePayload, role=FACILITATOR)
    def locale(self, ctx: ActionContext, payload: LocalePayload) -> dict[str, Any]:
        """Change the workshop's language (projector and new phones)."""
        ctx.workshop.locale = payload.locale
        ctx.publish("workshop.locale", {"locale": payload.locale, "resync": True})
        return {"locale": payload.locale}

    @on("workshop.end", role=FACILITATOR, allowed_when_locked=True)
    def end(self, ctx: ActionContext, payload: Payload) -> dict[str, Any]:
        """End the workshop: every phase locks, participants are thanked."""
        if ctx.workshop.status == STATUS_ENDED:
            return {"status": STATUS_ENDED}
        ctx.workshop.status = STATUS_ENDED
        ctx.workshop.ended_at = _utcnow()
        ctx.workshop.state = {
            **ctx.workshop.state,
            "timer": timer.pause(timer_view(ctx.workshop.state), ctx.now()),
        }
        from facilitator.minutes.service import on_workshop_end
        from facilitator.operations.series import record_workshop

        try:  # what the series carries on to its next meeting
            record_workshop(
                ctx.session, ctx.workshop, current_app.extensions["facilitator.methods"]
            )
        except Exception:
            log.exception("recording the artefacts of workshop %s failed", ctx.workshop.id)
        on_workshop_end(ctx.session, ctx.workshop)  # minutes exist when the workshop ends
        ctx.publish("workshop.status", {"status": STATUS_ENDED, "resync": True})
        return {"status": STATUS_ENDED}


CONTROLS = Controls()
