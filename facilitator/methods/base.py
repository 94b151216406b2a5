"""The method plug-in seam: one class of declared attributes and small hooks per method.

A method declares ``id``, a ``Config`` model validated from the kit, event handlers with
``@on(type, Payload, role=...)`` and ``view(ctx, role)`` for snapshots. The realtime gate is
the only caller of handlers and the only place that checks roles; handlers just do the work.
Pure helpers (tallies, budgets) live beside the method and import nothing from Flask.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from facilitator.realtime.context import ActionContext, ViewContext

PARTICIPANT = "participant"
FACILITATOR = "facilitator"
PROJECTOR = "projector"
ROLES = (PARTICIPANT, FACILITATOR, PROJECTOR)


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


Handler = Callable[[Any, "ActionContext", Any], dict[str, Any] | None]


@dataclass(frozen=True)
class HandlerSpec:
    """A declared action: who may send it, its payload model, and whether a lock stops it."""

    type: str
    payload: type[Payload]
    roles: frozenset[str]
    fn: Handler
    allowed_when_locked: bool
    allowed_late: bool


def on(
    type_: str,
    payload: type[Payload] = NoPayload,
    *,
    role: str | tuple[str, ...] = PARTICIPANT,
    allowed_when_locked: bool = False,
    allowed_late: bool = False,
) -> Callable[[Handler], Handler]:
    """Declare a handler for action ``type_``; the gate enforces ``role`` and the lock.

    ``allowed_late``: the action may address an earlier, started phase that is not locked (a note
    written offline arrives after the room moved on and is still kept where it was written).
    """
    roles = frozenset((role,) if isinstance(role, str) else role)
    unknown = roles - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role(s) {sorted(unknown)} for {type_!r}")

    def mark(fn: Handler) -> Handler:
        fn._spec = HandlerSpec(type_, payload, roles, fn, allowed_when_locked, allowed_late)  # type: ignore[attr-defined]
        return fn

    return mark


class Method:
    """Base class; subclasses are stateless singletons, all state lives in the database."""

    id: ClassVar[str]
    Config: ClassVar[type[BaseModel]] = NoConfig
    #: Contribution kinds this method writes, for counts and the appendix.
    kinds: ClassVar[tuple[str, ...]] = ()
    handlers: ClassVar[dict[str, HandlerSpec]] = {}

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

    def start(self, ctx: ActionContext) -> None:
        """Called inside the transaction the first time the room enters the phase."""

    def view(self, ctx: ViewContext) -> dict[str, Any]:
        """The phase's content as the seat in ``ctx`` may see it (a snapshot)."""
        return {}

    def summarize(self, phase: Any, workshop: Any) -> list[Any]:
        """The method's own section of the minutes, as blocks (see facilitator/summaries).

        A pure function of the exported workshop data: no database, no clock."""
        return []
