"""The method plug-in seam: one class of declared attributes and small hooks per method.

A method is one folder ``facilitator/methods/<id>/`` (or an add-on package anywhere) whose class
declares:

- ``id`` and ``label`` (the name the console shows; a string marked with :func:`N_`);
- ``Config``: a pydantic model validated from the kit phase's ``config``;
- ``State``: a pydantic model of the method's own live state (kept apart from the core's
  ``locked`` / ``revealed``; loaded and saved by the gate, see ``ActionContext.state``);
- ``kinds``: the contribution kinds it writes and what each means to counts, the appendix and the
  minutes (:class:`Kind`);
- ``errors``: refusal codes of its own with their (translatable) messages;
- ``strings``: the texts its scripts show, per screen (phone, projector, console);
- handlers declared with ``@on(type, Payload, role=..., guard=...)``; the realtime gate is the
  only caller and the only place that checks roles and runs guards;
- hooks: ``view(ctx)``, ``start(ctx)``, ``capabilities(config)``, ``summarize(phase, workshop)``.

Its folder holds ``static/index.js`` (one front-end contract for phone, projector and console),
``static/style.css``, ``translations/`` and ``kit.example.yaml``; the registry checks them.
This module imports no Flask: pure helpers and summaries can import the seam freely.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from facilitator.catalogues import N_
from facilitator.realtime.seat import FACILITATOR, PARTICIPANT, PROJECTOR, ROLES

if TYPE_CHECKING:
    from facilitator.realtime.context import ActionContext, ViewContext

__all__ = [
    "FACILITATOR",
    "N_",
    "PARTICIPANT",
    "PROJECTOR",
    "ROLES",
    "SCREENS",
    "HandlerSpec",
    "ItemId",
    "Kind",
    "Meaning",
    "Method",
    "NoConfig",
    "NoPayload",
    "NoState",
    "Payload",
    "on",
]

#: The three screens a method draws on.
SCREENS = ("phone", "projector", "console")

#: A row id in a payload: a positive integer a database column can hold (models.types.MAX_ID).
ItemId = Annotated[int, Field(ge=1, le=2**31 - 1)]  # INTEGER is 32-bit on PostgreSQL


class Payload(BaseModel):
    """Base for action payloads: unknown keys are refused, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NoPayload(Payload):
    """An action that takes no data."""


class NoConfig(BaseModel):
    """A method without kit settings."""

    model_config = ConfigDict(extra="forbid")


class NoState(BaseModel):
    """A method without live state of its own."""

    model_config = ConfigDict(extra="forbid")


class Meaning(enum.StrEnum):
    """What a contribution kind stands for, to the counts, the appendix and the minutes."""

    #: Words a participant wrote: counted as written, quoted, listed in the appendix.
    TEXT = "text"
    #: Agreement with another item (+1): counted as a reaction, never as text.
    REACTION = "reaction"
    #: Votes on an item; ``value`` is how many.
    VOTE = "vote"
    #: An answer on a scale; ``value`` is the answer.
    RATING = "rating"
    #: A relation between two items (a causal link, "builds on").
    LINK = "link"
    #: Made by the facilitator (or the kit) to organise: themes, options, terms.
    STRUCTURE = "structure"


@dataclass(frozen=True)
class Kind:
    """A contribution kind a method declares.

    ``label``: the kind's name in the appendix (marked with :func:`N_`). ``editable``: the text
    is co-edited and carries a revision (see ``ActionContext.revise``). ``refs``: keys of the
    item's ``data`` that hold ids of other contributions (the JSON import maps them).
    ``anonymous``: never attributed, not even to a stated role (the answers of an anonymous
    questionnaire): the appendix and quotes show the words only.
    """

    meaning: Meaning
    label: str = ""
    editable: bool = False
    refs: tuple[str, ...] = ()
    anonymous: bool = False

    @property
    def written(self) -> bool:
        """True for text people wrote (the appendix and the word analysis read these)."""
        return self.meaning is Meaning.TEXT

    @property
    def reaction(self) -> bool:
        """True for +1s and votes (participation counts them as reactions)."""
        return self.meaning in (Meaning.REACTION, Meaning.VOTE)


#: A guard runs after the payload is validated and before the handler; it refuses with an
#: ActionError or returns the item the action is about (the handler reads it as ``ctx.target``).
Guard = Callable[["ActionContext", Any], Any]
Handler = Callable[[Any, "ActionContext", Any], dict[str, Any] | None]


@dataclass(frozen=True)
class HandlerSpec:
    """A declared action: who may send it, its payload model, its guard and lock rules."""

    type: str
    payload: type[Payload]
    roles: frozenset[str]
    fn: Handler
    allowed_when_locked: bool
    allowed_late: bool
    guard: Guard | None = None
    doc: str = field(default="", compare=False)


def on(
    type_: str,
    payload: type[Payload] = NoPayload,
    *,
    role: str | tuple[str, ...] = PARTICIPANT,
    guard: Guard | None = None,
    allowed_when_locked: bool = False,
    allowed_late: bool = False,
) -> Callable[[Handler], Handler]:
    """Declare a handler for action ``type_``; the gate enforces ``role``, the lock and ``guard``.

    ``allowed_late``: the action may address an earlier, started phase that is not locked (a note
    written offline arrives after the room moved on and is still kept where it was written).
    """
    roles = frozenset((role,) if isinstance(role, str) else role)
    unknown = roles - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role(s) {sorted(unknown)} for {type_!r}")

    def mark(fn: Handler) -> Handler:
        doc = (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else ""
        spec = HandlerSpec(type_, payload, roles, fn, allowed_when_locked, allowed_late, guard, doc)
        fn._spec = spec  # type: ignore[attr-defined]
        return fn

    return mark


class Method:
    """Base class; subclasses are stateless singletons, all state lives in the database."""

    id: ClassVar[str]
    #: The method's name on the console (agenda, kit editor); mark it with N_.
    label: ClassVar[str] = ""
    Config: ClassVar[type[BaseModel]] = NoConfig
    State: ClassVar[type[BaseModel]] = NoState
    #: Contribution kinds this method writes, with their meaning.
    kinds: ClassVar[Mapping[str, Kind]] = {}
    #: Refusal codes of this method: code → message (marked with N_; may use %(name)s).
    errors: ClassVar[Mapping[str, str]] = {}
    #: Texts the method's scripts show: screen → key → text (marked with N_).
    strings: ClassVar[Mapping[str, Mapping[str, str]]] = {}
    #: Declared handlers by action type (collected from @on methods).
    handlers: ClassVar[dict[str, HandlerSpec]] = {}
    #: The method can run per group of people (a kit phase's ``per_group: true``): each group
    #: writes on its own wall. The core filters reads and events by group (ActionContext).
    per_group: ClassVar[bool] = False
    #: The method's folder (static/, translations/, kit.example.yaml); set by the registry.
    folder: ClassVar[Path | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        found: dict[str, HandlerSpec] = {}
        for base in reversed(cls.__mro__):
            for value in vars(base).values():
                spec = getattr(value, "_spec", None)
                if isinstance(spec, HandlerSpec):
                    found[spec.type] = spec
        cls.handlers = found

    def config(self, raw: dict[str, Any]) -> BaseModel:
        """Validate a kit phase's ``config`` mapping."""
        return self.Config.model_validate(raw)

    def check_kit(self, config: BaseModel, phase_ids: list[str], position: int) -> list[str]:
        """Cross-phase checks (e.g. a source phase exists); returns problems as "key: message"
        lines, the key being the config key at fault."""
        return []

    def capabilities(self, config: BaseModel) -> frozenset[str]:
        """Core controls this phase offers on the console (e.g. ``{"reveal"}``)."""
        return frozenset()

    def start(self, ctx: ActionContext) -> None:
        """Called inside the transaction the first time the room enters the phase."""

    def view(self, ctx: ViewContext) -> dict[str, Any]:
        """The phase's content as the seat in ``ctx`` may see it (a snapshot)."""
        return {}

    def describe(self, item: Mapping[str, Any], by_id: Mapping[int, Mapping[str, Any]]) -> str:
        """One line for an exported contribution in the appendix and the CSV (default: its text).

        ``by_id``: the workshop's exported contributions by id (to name a link's ends)."""
        return str(item.get("body") or "").strip()

    def artefacts(self, phase: Any, workshop: Any) -> list[Any]:
        """What this phase produced that a series carries on to its next meetings, as
        ``facilitator.operations.series.ArtefactDraft`` items (a pure function of the export,
        like ``summarize``; recorded when the workshop ends, if it belongs to a series)."""
        return []

    def summarize(self, phase: Any, workshop: Any) -> list[Any]:
        """The method's own section of the minutes, as blocks (see facilitator/summaries).

        A pure function of the exported workshop data: no database, no clock."""
        return []
