"""What a handler and a view get: the loaded workshop, phase, seat, the method's typed state, and
small write helpers (create, revise, place, the timer) so a method never edits the core."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from facilitator import ordering, revisions, timer
from facilitator.models import Contribution, Phase, Workshop
from facilitator.models.types import utcnow
from facilitator.realtime.errors import ActionError
from facilitator.realtime.seat import PARTICIPANT, Seat

if TYPE_CHECKING:
    from facilitator.methods.base import Method


@dataclass
class Event:
    """One change to publish: ``staff`` gets the full data, ``public`` the safe projection.

    ``groups``: only the phones of those groups of people get ``public`` (a per-group phase, a
    station visited by some groups); ``people``: only those participants' phones (alone or
    besides the groups). Others get a placeholder (publish.emit_event). Both empty: everyone.
    ``projector``: the big screen gets ``public`` (it shows every group); off for events meant
    only for some people's phones."""

    type: str
    public: dict[str, Any]
    staff: dict[str, Any]
    groups: tuple[int, ...] = ()
    people: tuple[int, ...] = ()
    projector: bool = True

    @property
    def everyone(self) -> bool:
        """True when every phone gets the public data."""
        return not self.groups and not self.people


@dataclass
class ViewContext:
    """Read-only context for snapshots."""

    session: Session
    workshop: Workshop
    phase: Phase
    seat: Seat
    config: BaseModel
    method: Method | None = None
    #: The seat's group of people now (participants, when groups are in force).
    group_id: int | None = None
    _state: BaseModel | None = field(default=None, init=False, repr=False)

    @property
    def separate(self) -> bool:
        """True when this seat sees only its own group's wall: a participant in a group, in a
        per-group phase. Its reads are filtered to its group (and the room-wide items)
        automatically. Without groups in force the walls are one again."""
        return (
            bool(self.phase.per_group)
            and self.seat.role == PARTICIPANT
            and self.group_id is not None
        )

    @property
    def state(self) -> BaseModel:
        """The method's typed live state (its ``State`` model), loaded once per action."""
        if self._state is None:
            model = self.method.State if self.method is not None else None
            if model is None:
                raise RuntimeError("this context has no method")
            self._state = model.model_validate(self.phase.method_state or {})
        return self._state

    def contributions(self, kind: str, *, include_deleted: bool = False) -> list[Contribution]:
        """This phase's contributions of one kind, oldest first."""
        query = select(Contribution).where(
            Contribution.phase_id == self.phase.id, Contribution.kind == kind
        )
        if not include_deleted:
            query = query.where(Contribution.deleted.is_(False))
        if self.separate:
            query = query.where(
                or_(Contribution.group_id.is_(None), Contribution.group_id == self.group_id)
            )
        return list(self.session.scalars(query.order_by(Contribution.id)))

    items = contributions

    def artefacts(self, kind: str | None = None) -> list[Any]:
        """The latest version of each artefact of this workshop's series (of one kind): what
        earlier meetings produced (``facilitator.operations.series.Carried``)."""
        from facilitator.operations.series import latest

        return latest(self.session, self.workshop.series_id, kind)

    def ordered(self, kind: str, parent: int | None = None) -> list[Contribution]:
        """Live items of one kind (under one parent) in their ordering-key order."""
        rows = [c for c in self.contributions(kind) if c.parent_id == parent]
        return ordering.sort(rows)


@dataclass
class ActionContext(ViewContext):
    """A handler's context inside the locked transaction; events publish after commit."""

    events: list[Event] = field(default_factory=list)
    #: What the handler's guard found (e.g. the note being edited).
    target: Any = None

    def publish(
        self,
        type_: str,
        public: dict[str, Any],
        staff: dict[str, Any] | None = None,
        *,
        about: Contribution | None = None,
        group: int | None = None,
        groups: tuple[int, ...] = (),
        person: int | None = None,
        people: tuple[int, ...] = (),
    ) -> None:
        """Queue an event; it is numbered now and sent only after the commit.

        In a per-group phase an event ``about`` an item reaches only the phones of the item's
        group (and the big screen and consoles); without ``about`` or a group, a participant's
        action reaches their own group. ``group``/``groups``: only those groups' phones;
        ``person``/``people``: only those participants' phones (and not the big screen)."""
        chosen = tuple(groups) + ((group,) if group is not None else ())
        if not chosen and self.phase.per_group:
            own = about.group_id if about is not None else self.group_id
            chosen = (own,) if own is not None else ()
        whom = tuple(people) + ((person,) if person is not None else ())
        self.events.append(
            Event(
                type_,
                public,
                public if staff is None else staff,
                groups=chosen,
                people=whom,
                projector=not whom or bool(chosen),
            )
        )

    def fail(self, code: str, status: int = 400, **params: Any) -> ActionError:
        """A refusal to raise: ``raise ctx.fail("own_note")`` (the code is the core's or the
        method's own)."""
        return ActionError(code, status, **params)

    def get(self, contribution_id: int, kind: str) -> Contribution | None:
        """A live contribution of this phase by id, or None (also when this seat may not see
        it: another group's item in a per-group phase)."""
        item = self.session.get(Contribution, contribution_id)
        if item is None or item.phase_id != self.phase.id or item.kind != kind or item.deleted:
            return None
        if self.separate and item.group_id not in (None, self.group_id):
            return None
        return item

    def add(self, item: Contribution) -> Contribution:
        """Add and flush so the id exists."""
        self.session.add(item)
        self.session.flush()
        return item

    def create(
        self,
        kind: str,
        body: str = "",
        *,
        parent: int | None = None,
        value: int = 0,
        data: dict[str, Any] | None = None,
        author: int | bool | None = True,
    ) -> Contribution:
        """A new contribution of this phase, written by this seat's participant (``author``
        True), by another participant id, or by nobody (``author`` None: kit or facilitator
        structure). The kind must be one the method declares."""
        if self.method is not None and kind not in self.method.kinds:
            raise ValueError(f"{self.method.id} does not declare the kind {kind!r}")
        participant = self.seat.participant_id if author is True else author or None
        group = self.group_id if self.separate and author is True else None
        return self.add(
            Contribution(
                workshop_id=self.workshop.id,
                phase_id=self.phase.id,
                participant_id=participant,
                kind=kind,
                body=body,
                value=value,
                parent_id=parent,
                data=data or {},
                group_id=group,
            )
        )

    def revise(
        self, item: Contribution, base: int, text: str, base_text: str | None = None
    ) -> Contribution:
        """Change a co-edited text that the client last saw at revision ``base``.

        Current revision: the text is replaced. Stale: the client's change (from ``base_text``
        to ``text``) is merged into the current text when it applies cleanly; otherwise the edit
        is refused with ``conflict`` and the current text and revision, so nobody's words are
        lost silently (docs/protocol.md, "Co-edited text")."""
        if base != item.revision:
            merged = None if base_text is None else revisions.merge(base_text, item.body, text)
            if merged is None:
                raise ActionError(
                    "conflict",
                    409,
                    extra={"current": {"id": item.id, "text": item.body, "rev": item.revision}},
                )
            text = merged
        item.body = text
        item.revision += 1
        item.updated_at = utcnow()
        self.session.flush()
        return item

    def place(self, item: Contribution, after: int | None) -> Contribution:
        """Move ``item`` right after the sibling with id ``after`` (None: first) among the
        items of its kind and parent; other items keep their keys."""
        siblings = [c for c in self.ordered(item.kind, item.parent_id) if c.id != item.id]
        index = 0
        if after is not None:
            position = next((i for i, c in enumerate(siblings) if c.id == after), None)
            if position is None:
                raise ActionError("not_found", 404)
            index = position + 1
        before_key = siblings[index - 1].order_key if index > 0 else None
        after_key = siblings[index].order_key if index < len(siblings) else None
        item.order_key = ordering.between(before_key, after_key)
        self.session.flush()
        return item

    def append(self, item: Contribution) -> Contribution:
        """Give a new item the key after the last of its siblings."""
        siblings = [c for c in self.ordered(item.kind, item.parent_id) if c.id != item.id]
        item.order_key = ordering.between(siblings[-1].order_key if siblings else None, None)
        self.session.flush()
        return item

    @property
    def timer(self) -> TimerControl:
        """The room's timer (rounds of a method use it like the console does)."""
        return TimerControl(self)

    def save_state(self) -> None:
        """Write the typed state back if a handler or hook loaded it (the gate calls this)."""
        if self._state is not None:
            self.phase.method_state = self._state.model_dump(mode="json")

    @staticmethod
    def now() -> float:
        """Wall-clock seconds (timers only; summaries never read clocks)."""
        return time.time()


@dataclass
class TimerControl:
    """Start, pause, set and extend the room's timer; every change is published to all screens.

    ``warning``: seconds before the end at which every screen shows a calm "one minute left".
    """

    ctx: ActionContext

    @property
    def value(self) -> dict[str, Any]:
        """The timer as stored (a stopped zero timer when none was set)."""
        return self.ctx.workshop.state.get("timer") or timer.new_timer(0)

    def _set(self, value: dict[str, Any]) -> dict[str, Any]:
        self.ctx.workshop.state = {**self.ctx.workshop.state, "timer": value}
        self.ctx.publish("timer", {"timer": value, "server_now": self.ctx.now()})
        return value

    def reset(self, seconds: int, *, warning: int = timer.DEFAULT_WARNING) -> dict[str, Any]:
        """Stop and set to ``seconds``."""
        return self._set(timer.new_timer(seconds, warning=warning))

    def start(
        self, *, then: str | None = None, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Run (or resume) the timer. ``then``: an action of this phase's method (one the
        facilitator may send) that runs by itself, once, when the time runs out — e.g. the next
        round (facilitator/realtime/scheduler.py)."""
        value = timer.start(self.value, self.ctx.now())
        if then is not None:
            value["then"] = {"type": then, "phase": self.ctx.phase.id, "data": data or {}}
        return self._set(value)

    def pause(self) -> dict[str, Any]:
        """Stop and keep what is left."""
        return self._set(timer.pause(self.value, self.ctx.now()))

    def add(self, seconds: int) -> dict[str, Any]:
        """Add (or remove) time."""
        return self._set(timer.add(self.value, seconds, self.ctx.now()))
