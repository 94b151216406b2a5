"""Concept definitions: the kit's terms, participants' proposed wordings and +1s, and one agreed
wording per term that the room co-edits and the facilitator confirms (see README.md)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import select

from facilitator.kits.schema import LocalizedText
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
from facilitator.methods.concepts.logic import current_term, pick, plus_counts
from facilitator.methods.concepts.strings import STRINGS
from facilitator.models import Contribution, Participant
from facilitator.models.types import utcnow
from facilitator.realtime.context import ActionContext, ViewContext
from facilitator.realtime.controls import follow_spotlight
from facilitator.realtime.errors import ActionError

TERM = "term"
PROPOSAL = "proposal"
PLUS = "plus"
WORDING = "wording"
#: Longest proposal or agreed wording a kit may allow; longest term name and hint.
TEXT_MAX = 500
NAME_MAX = 80
HINT_MAX = 300
TERMS_MAX = 40
#: Who may edit the agreed wording: the whole room, or only the facilitator.
EVERYONE = "everyone"


def _localize(value: Any) -> Any:
    return {"fi": value, "sv": value, "en": value} if isinstance(value, str) else value


def _check_lengths(value: LocalizedText | None, limit: int) -> LocalizedText | None:
    if value is None:
        return None
    for locale in ("fi", "sv", "en"):
        if len(getattr(value, locale)) > limit:
            raise ValueError(f"{locale}: at most {limit} characters")
    return value


class TermSpec(BaseModel):
    """One term the kit names (fi, sv, en), with an optional hint on what to think about."""

    model_config = ConfigDict(extra="forbid")

    name: LocalizedText
    hint: LocalizedText | None = None

    _loc = field_validator("name", "hint", mode="before")(_localize)

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, value: Any) -> Any:
        """A term may be written as its name alone: ``- Palveluohjaus``."""
        return {"name": value} if isinstance(value, str) else value

    @field_validator("name")
    @classmethod
    def _name(cls, value: LocalizedText) -> LocalizedText:
        if not value.fi.strip():
            raise ValueError("the Finnish name is empty")
        return _check_lengths(value, NAME_MAX)  # type: ignore[return-value]

    @field_validator("hint")
    @classmethod
    def _hint(cls, value: LocalizedText | None) -> LocalizedText | None:
        return _check_lengths(value, HINT_MAX)


class Config(BaseModel):
    """Kit settings for a concept-definitions phase."""

    model_config = ConfigDict(extra="forbid")

    terms: list[TermSpec] = Field(default_factory=list, max_length=TERMS_MAX)
    #: Who may edit the agreed wording: everyone in the room, or the facilitator only.
    co_edit: Literal["everyone", "facilitator"] = EVERYONE
    #: Longest proposal and agreed wording, in characters.
    max_length: int = Field(default=300, ge=20, le=TEXT_MAX)
    allow_plus: bool = True
    #: In a series: also the concepts earlier meetings confirmed, their definitions offered as
    #: the starting draft (the room may keep, change or confirm them again).
    from_series: bool = False


class State(BaseModel):
    """The term the room is on, or all terms at once (overview)."""

    model_config = ConfigDict(extra="forbid")

    current: int | None = None
    overview: bool = False


# Proposal and wording texts have no length limit in the payload models: the phase's own
# max_length is checked by the handlers, so the refusal names the limit the person really has.


class ProposalAdd(Payload):
    term: ItemId
    text: str = Field(min_length=1)


class ProposalEdit(Payload):
    id: ItemId
    text: str = Field(min_length=1)


class ItemRef(Payload):
    id: ItemId


class PlusSet(Payload):
    id: ItemId
    on: bool = True


class WordingEdit(Payload):
    term: ItemId
    #: The revision the editor started from (0: there was no wording yet) and its text then.
    base: int = Field(ge=0, le=2**31)
    base_text: str = Field(default="", max_length=TEXT_MAX)
    text: str = Field(min_length=1)


class WordingFrom(Payload):
    id: ItemId
    #: The revision of the wording the console showed (replacing one needs it).
    base: int | None = Field(default=None, ge=0, le=2**31)


class WordingConfirm(Payload):
    term: ItemId
    on: bool = True


class TermAdd(Payload):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    hint: str = Field(default="", max_length=HINT_MAX)


class TermEdit(Payload):
    id: ItemId
    name: str = Field(min_length=1, max_length=NAME_MAX)
    hint: str = Field(default="", max_length=HINT_MAX)


class TermMove(Payload):
    id: ItemId
    after: ItemId | None = None


class TermCurrent(Payload):
    #: The term the room moves to; null shows every term at once.
    id: ItemId | None = None


# -- guards -----------------------------------------------------------------------------------


def _term(ctx: ActionContext, term_id: int | None, *, hidden_ok: bool = False) -> Contribution:
    term = ctx.get(term_id, TERM) if term_id is not None else None
    if term is None or (term.hidden and not hidden_ok):
        raise ActionError("not_found", 404)
    return term


def open_term(ctx: ActionContext, payload: Any) -> Contribution:
    """Guard: the term exists and is not hidden."""
    return _term(ctx, payload.term)


def any_term(ctx: ActionContext, payload: Any) -> Contribution:
    """Guard: the term exists (the facilitator may manage a hidden one)."""
    return _term(ctx, payload.id, hidden_ok=True)


def shown_proposal(ctx: ActionContext, payload: Any) -> Contribution:
    """Guard: the proposal exists, is not hidden, and its term is shown."""
    proposal = ctx.get(payload.id, PROPOSAL)
    if proposal is None or proposal.hidden:
        raise ActionError("not_found", 404)
    _term(ctx, proposal.parent_id)
    return proposal


def own_proposal(ctx: ActionContext, payload: Any) -> Contribution:
    """Guard: a shown proposal that the sender wrote."""
    proposal = shown_proposal(ctx, payload)
    if proposal.participant_id != ctx.seat.participant_id:
        raise ActionError("not_yours", 403)
    return proposal


def may_edit_wording(ctx: ActionContext, payload: Any) -> Contribution:
    """Guard: the term is shown, and the kit lets this seat edit the agreed wording."""
    if ctx.seat.role != FACILITATOR and ctx.config.co_edit != EVERYONE:  # type: ignore[attr-defined]
        raise ActionError("forbidden", 403)
    return _term(ctx, payload.term)


# -- the method -------------------------------------------------------------------------------


def author_label(participant: Participant | None) -> str:
    """'Anna' or '#7' for the console (never for the projector)."""
    if participant is None:
        return ""
    return participant.name or f"#{participant.number}"


class Concepts(Method):
    """Concept definitions; see README.md."""

    id = "concepts"
    label = N_("Concept definitions")
    Config = Config
    State = State
    kinds = {
        TERM: Kind(Meaning.STRUCTURE, N_("Term")),
        PROPOSAL: Kind(Meaning.TEXT, N_("Proposed definition")),
        PLUS: Kind(Meaning.REACTION, N_("+1")),
        WORDING: Kind(Meaning.TEXT, N_("Shared definition"), editable=True, refs=("source",)),
    }
    errors = {
        "own_proposal": N_("You cannot +1 your own proposal."),
        "wording_confirmed": N_(
            "The definition of this term has been confirmed. The facilitator can reopen it if "
            "it still needs changes."
        ),
        "no_wording": N_("There is no shared definition yet. Write one or start from a proposal."),
    }
    strings = STRINGS

    def check_kit(self, config: BaseModel, phase_ids: list[str], position: int) -> list[str]:
        """Each term is named once."""
        cfg: Config = config  # type: ignore[assignment]
        seen: dict[str, int] = {}
        problems = []
        for index, spec in enumerate(cfg.terms):
            key = spec.name.fi.strip().casefold()
            if key in seen:
                problems.append(
                    f"terms[{index}].name: {spec.name.fi!r} is already terms[{seen[key]}]"
                )
            seen.setdefault(key, index)
        return problems

    def start(self, ctx: ActionContext) -> None:
        """Write the kit's terms in their order (and, with from_series, the concepts earlier
        meetings of the series confirmed, with their definitions as drafts); the room starts
        on the first."""
        cfg: Config = ctx.config  # type: ignore[assignment]
        first = None
        seen: set[str] = set()
        for spec in cfg.terms:
            data: dict[str, Any] = {"name": _texts(spec.name)}
            if spec.hint is not None and _texts(spec.hint):
                data["hint"] = _texts(spec.hint)
            term = ctx.create(TERM, spec.name.get(ctx.workshop.locale), author=None, data=data)
            ctx.append(term)
            seen.add(concept_key(data["name"]))
            first = first or term.id
        carried = {c.key: c for c in ctx.artefacts("concept")} if cfg.from_series else {}
        for key, concept in carried.items():
            name = concept.data.get("name") or {"fi": concept.title}
            if key not in seen:
                term = ctx.create(
                    TERM,
                    pick(name, ctx.workshop.locale, concept.title),
                    author=None,
                    data={"name": name},
                )
                ctx.append(term)
                seen.add(key)
                first = first or term.id
            else:
                term = next(
                    t for t in ctx.items(TERM) if concept_key(t.data.get("name") or {}) == key
                )
            text = str(concept.data.get("text") or "").strip()
            if text and self.wording_of(ctx, term) is None:
                ctx.create(
                    WORDING, text, parent=term.id, author=None, data={"carried": concept.version}
                )
        ctx.state.current = first  # type: ignore[attr-defined]

    def artefacts(self, phase: Any, workshop: Any) -> list[Any]:
        """Confirmed definitions are carried on to the series' next meetings (a concept keeps
        its identity by its Finnish name, so a later meeting's definition is a new version)."""
        from facilitator.methods.concepts import summary

        return summary.artefacts(phase, workshop)

    def summarize(self, phase: Any, workshop: Any) -> list[Any]:
        """The concept-definitions section of the minutes (see summary.py)."""
        from facilitator.methods.concepts import summary

        return summary.summarize(phase, workshop)

    def describe(self, item: Any, by_id: Any) -> str:
        """A proposal or wording with its term: "Palveluohjaus: …"."""
        text = str(item.get("body") or "").strip()
        if item.get("kind") not in (PROPOSAL, WORDING):
            return text
        term = by_id.get(int(item["parent"])) if item.get("parent") is not None else None
        name = str((term or {}).get("body") or "").strip()
        return f"{name}: {text}" if name else text

    # -- what screens get -------------------------------------------------------------------

    @staticmethod
    def term_out(term: Contribution, locale: str, staff: bool = False) -> dict[str, Any]:
        """A term in the seat's language (kit terms have fi, sv and en)."""
        out = {
            "id": term.id,
            "name": pick(term.data.get("name"), locale, term.body),
            "hint": pick(term.data.get("hint"), locale),
        }
        if staff:
            out["hidden"] = term.hidden
        return out

    @staticmethod
    def proposal_out(proposal: Contribution, plus: int) -> dict[str, Any]:
        """What everyone may see of a proposal: no author."""
        return {"id": proposal.id, "term": proposal.parent_id, "text": proposal.body, "plus": plus}

    def staff_proposal(
        self, proposal: Contribution, plus: int, author: Participant | None
    ) -> dict[str, Any]:
        """The console's view of a proposal: author label, stated role, hidden flag."""
        return {
            **self.proposal_out(proposal, plus),
            "author": author_label(author),
            "role": author.role if author else "",
            "hidden": proposal.hidden,
        }

    @staticmethod
    def wording_out(wording: Contribution) -> dict[str, Any]:
        """The agreed wording with its revision and whether it is confirmed."""
        return {
            "id": wording.id,
            "term": wording.parent_id,
            "text": wording.body,
            "rev": wording.revision,
            "confirmed": bool(wording.data.get("confirmed")),
            "source": wording.data.get("source"),
        }

    @staticmethod
    def wording_of(ctx: ViewContext, term: Contribution) -> Contribution | None:
        """The agreed wording of a term (one per term), or None before anyone wrote one."""
        return ctx.session.scalars(
            select(Contribution)
            .where(
                Contribution.parent_id == term.id,
                Contribution.kind == WORDING,
                Contribution.deleted.is_(False),
            )
            .order_by(Contribution.id)
        ).first()

    @staticmethod
    def _plus_count(ctx: ViewContext, proposal_id: int) -> int:
        rows = ctx.session.execute(
            select(Contribution.parent_id, Contribution.participant_id).where(
                Contribution.parent_id == proposal_id, Contribution.kind == PLUS
            )
        ).all()
        return plus_counts((r[0], r[1]) for r in rows).get(proposal_id, 0)

    def _publish_proposal(
        self, ctx: ActionContext, type_: str, proposal: Contribution, plus: int
    ) -> dict[str, Any]:
        public = self.proposal_out(proposal, plus)
        author = ctx.session.get(Participant, proposal.participant_id or -1)
        staff = self.staff_proposal(proposal, plus, author)
        ctx.publish(
            type_,
            {"phase": ctx.phase.id, "proposal": public},
            {"phase": ctx.phase.id, "proposal": staff},
        )
        return public

    def _publish_wording(self, ctx: ActionContext, wording: Contribution) -> dict[str, Any]:
        out = self.wording_out(wording)
        ctx.publish("wording.changed", {"phase": ctx.phase.id, "wording": out})
        follow_spotlight(ctx, wording.id, wording.body)
        return out

    def _not_confirmed(self, ctx: ActionContext, term: Contribution) -> Contribution | None:
        """The term's wording; refuses when it has been confirmed (reopen it first)."""
        wording = self.wording_of(ctx, term)
        if wording is not None and wording.data.get("confirmed"):
            raise ActionError("wording_confirmed", 409)
        return wording

    @staticmethod
    def _limit(ctx: ActionContext, text: str) -> None:
        limit = ctx.config.max_length  # type: ignore[attr-defined]
        if len(text) > limit:
            raise ActionError("too_long", max=limit)

    # -- participants -----------------------------------------------------------------------

    @on("proposal.add", ProposalAdd, role=PARTICIPANT, guard=open_term, allowed_late=True)
    def add_proposal(self, ctx: ActionContext, payload: ProposalAdd) -> dict[str, Any]:
        """Propose a definition for a term (one written offline is kept where it was written)."""
        term: Contribution = ctx.target
        self._not_confirmed(ctx, term)
        self._limit(ctx, payload.text)
        late = {"late": True} if ctx.phase is not ctx.workshop.phase else None
        proposal = ctx.create(PROPOSAL, payload.text, parent=term.id, data=late)
        public = self._publish_proposal(ctx, "proposal.added", proposal, 0)
        return {"proposal": {**public, "mine": True, "plussed": False}}

    @on("proposal.edit", ProposalEdit, role=PARTICIPANT, guard=own_proposal)
    def edit_proposal(self, ctx: ActionContext, payload: ProposalEdit) -> dict[str, Any]:
        """Change one's own proposal while its term is open."""
        proposal: Contribution = ctx.target
        self._not_confirmed(ctx, _term(ctx, proposal.parent_id))
        self._limit(ctx, payload.text)
        proposal.body = payload.text
        proposal.updated_at = utcnow()
        public = self._publish_proposal(
            ctx, "proposal.updated", proposal, self._plus_count(ctx, proposal.id)
        )
        follow_spotlight(ctx, proposal.id, proposal.body)
        return {"proposal": {**public, "mine": True}}

    @on("proposal.delete", ItemRef, role=PARTICIPANT, guard=own_proposal)
    def delete_proposal(self, ctx: ActionContext, payload: ItemRef) -> dict[str, Any]:
        """Take back one's own proposal (kept as deleted, left out of the minutes)."""
        proposal: Contribution = ctx.target
        proposal.deleted = True
        proposal.updated_at = utcnow()
        follow_spotlight(ctx, proposal.id, None)
        ctx.publish("item.removed", {"id": proposal.id, "phase": ctx.phase.id})
        return {"id": proposal.id}

    @on("proposal.plus", PlusSet, role=PARTICIPANT, guard=shown_proposal)
    def plus(self, ctx: ActionContext, payload: PlusSet) -> dict[str, Any]:
        """Mark (or unmark) "+1" on someone else's proposal."""
        if not ctx.config.allow_plus:  # type: ignore[attr-defined]
            raise ActionError("unknown_action")
        proposal: Contribution = ctx.target
        if proposal.participant_id == ctx.seat.participant_id:
            raise ActionError("own_proposal")
        self._not_confirmed(ctx, _term(ctx, proposal.parent_id))
        mine = list(
            ctx.session.scalars(
                select(Contribution).where(
                    Contribution.parent_id == proposal.id,
                    Contribution.kind == PLUS,
                    Contribution.participant_id == ctx.seat.participant_id,
                )
            )
        )
        if payload.on and not mine:
            ctx.create(PLUS, parent=proposal.id)
        elif not payload.on:
            for row in mine:
                ctx.session.delete(row)
            ctx.session.flush()
        count = self._plus_count(ctx, proposal.id)
        ctx.publish("proposal.plus", {"phase": ctx.phase.id, "id": proposal.id, "plus": count})
        return {"id": proposal.id, "plus": count, "plussed": payload.on}

    # -- the agreed wording (participants when the kit lets everyone edit) -----------------

    @on("wording.edit", WordingEdit, role=(PARTICIPANT, FACILITATOR), guard=may_edit_wording)
    def edit_wording(self, ctx: ActionContext, payload: WordingEdit) -> dict[str, Any]:
        """Save the shared definition; a stale edit is merged or refused with the current text."""
        term: Contribution = ctx.target
        wording = self._not_confirmed(ctx, term)
        self._limit(ctx, payload.text)
        if wording is None:
            wording = ctx.create(WORDING, payload.text, parent=term.id, author=None)
            wording.revision = 1
        else:
            ctx.revise(wording, payload.base, payload.text, payload.base_text)
            # A merge of two people's words can outgrow the limit: refused, nothing saved,
            # and the person keeps their text to shorten.
            self._limit(ctx, wording.body)
        out = self._publish_wording(ctx, wording)
        return {"wording": out, "merged": wording.body != payload.text}

    # -- the facilitator --------------------------------------------------------------------

    @on("wording.from_proposal", WordingFrom, role=FACILITATOR, guard=shown_proposal)
    def wording_from_proposal(self, ctx: ActionContext, payload: WordingFrom) -> dict[str, Any]:
        """Start (or replace) the agreed wording with a proposal's text."""
        proposal: Contribution = ctx.target
        term = _term(ctx, proposal.parent_id)
        wording = self._not_confirmed(ctx, term)
        if wording is None:
            wording = ctx.create(WORDING, proposal.body, parent=term.id, author=None)
            wording.revision = 1
        else:
            if payload.base != wording.revision:
                # Someone saved since the console drew it: never replace words nobody has seen.
                raise ActionError(
                    "conflict",
                    409,
                    extra={
                        "current": {"id": wording.id, "text": wording.body, "rev": wording.revision}
                    },
                )
            wording.body = proposal.body
            wording.revision += 1
            wording.updated_at = utcnow()
        wording.data = {**wording.data, "source": proposal.id}
        ctx.session.flush()
        return {"wording": self._publish_wording(ctx, wording)}

    @on("wording.confirm", WordingConfirm, role=FACILITATOR, guard=open_term)
    def confirm_wording(self, ctx: ActionContext, payload: WordingConfirm) -> dict[str, Any]:
        """Confirm the agreed wording as the group's own (or reopen it with on false)."""
        term: Contribution = ctx.target
        wording = self.wording_of(ctx, term)
        if wording is None or not wording.body.strip():
            if payload.on:
                raise ActionError("no_wording", 409)
            return {"wording": None}
        if bool(wording.data.get("confirmed")) != payload.on:
            wording.data = {**wording.data, "confirmed": payload.on}
            wording.updated_at = utcnow()
            ctx.session.flush()
            return {"wording": self._publish_wording(ctx, wording)}
        return {"wording": self.wording_out(wording)}

    @on("term.add", TermAdd, role=FACILITATOR, allowed_when_locked=True)
    def add_term(self, ctx: ActionContext, payload: TermAdd) -> dict[str, Any]:
        """Add a term live; it goes last."""
        shown = [t.id for t in ctx.ordered(TERM) if not t.hidden]
        term = ctx.create(
            TERM, payload.name, author=None, data={"hint": payload.hint} if payload.hint else {}
        )
        ctx.append(term)
        state: State = ctx.state  # type: ignore[assignment]
        if current_term(state.current, shown) is None:
            state.current = term.id
        out = self.term_out(term, ctx.seat.locale)
        ctx.publish(
            "term.added",
            {"phase": ctx.phase.id, "term": out},
            {"phase": ctx.phase.id, "term": {**out, "hidden": False}},
        )
        return {"term": out}

    @on("term.edit", TermEdit, role=FACILITATOR, guard=any_term, allowed_when_locked=True)
    def edit_term(self, ctx: ActionContext, payload: TermEdit) -> dict[str, Any]:
        """Rename a term or change its hint (a text left as it was keeps its translations)."""
        term: Contribution = ctx.target
        locale = ctx.seat.locale
        data = dict(term.data)
        if payload.name != pick(data.get("name"), locale, term.body):
            data.pop("name", None)
            term.body = payload.name
        if payload.hint != pick(data.get("hint"), locale):
            data.pop("hint", None)
            if payload.hint:
                data["hint"] = payload.hint
        term.data = data
        term.updated_at = utcnow()
        ctx.session.flush()
        out = self.term_out(term, locale)
        ctx.publish(
            "term.changed",
            {"phase": ctx.phase.id, "term": out},
            {"phase": ctx.phase.id, "term": {**out, "hidden": term.hidden}},
        )
        return {"term": out}

    @on("term.move", TermMove, role=FACILITATOR, guard=any_term, allowed_when_locked=True)
    def move_term(self, ctx: ActionContext, payload: TermMove) -> dict[str, Any]:
        """Move a term right after another one (after null: first)."""
        if payload.after == payload.id:
            raise ActionError("invalid", detail="after")
        ctx.place(ctx.target, payload.after)
        terms = ctx.ordered(TERM)
        everyone = [t.id for t in terms if not t.hidden]
        staff = [t.id for t in terms]
        ctx.publish(
            "terms.ordered",
            {"phase": ctx.phase.id, "order": everyone},
            {"phase": ctx.phase.id, "order": staff},
        )
        return {"order": staff}

    @on("term.current", TermCurrent, role=FACILITATOR, allowed_when_locked=True)
    def set_current(self, ctx: ActionContext, payload: TermCurrent) -> dict[str, Any]:
        """Move the room to one term (id null: show every term at once)."""
        state: State = ctx.state  # type: ignore[assignment]
        if payload.id is None:
            state.overview = True
        else:
            state.current = _term(ctx, payload.id).id
            state.overview = False
        out = {"phase": ctx.phase.id, "current": state.current, "overview": state.overview}
        ctx.publish("term.current", out)
        return out

    # -- snapshot ---------------------------------------------------------------------------

    def view(self, ctx: ViewContext) -> dict[str, Any]:
        """Terms in order, their proposals and agreed wordings, as this seat may see them."""
        cfg: Config = ctx.config  # type: ignore[assignment]
        state: State = ctx.state  # type: ignore[assignment]
        staff = ctx.seat.is_staff
        me = ctx.seat.participant_id
        terms = ctx.ordered(TERM)
        shown = [t.id for t in terms if not t.hidden]
        listed = {t.id for t in terms} if staff else set(shown)
        pluses = ctx.contributions(PLUS)
        counts = plus_counts((p.parent_id, p.participant_id) for p in pluses)
        plussed = {p.parent_id for p in pluses if me is not None and p.participant_id == me}
        authors: dict[int, Participant] = {}
        if staff:
            authors = {
                p.id: p
                for p in ctx.session.scalars(
                    select(Participant).where(Participant.workshop_id == ctx.workshop.id)
                )
            }
        proposals = []
        for proposal in ctx.contributions(PROPOSAL):
            if proposal.parent_id not in listed or (proposal.hidden and not staff):
                continue
            plus = counts.get(proposal.id, 0)
            if staff:
                author = authors.get(proposal.participant_id or -1)
                proposals.append(self.staff_proposal(proposal, plus, author))
                continue
            item = self.proposal_out(proposal, plus)
            if me is not None:
                item["mine"] = proposal.participant_id == me
                item["plussed"] = proposal.id in plussed
            proposals.append(item)
        wordings: dict[int, dict[str, Any]] = {}
        for wording in ctx.contributions(WORDING):
            if wording.parent_id in listed and wording.parent_id not in wordings:
                if wording.hidden and not staff:
                    continue
                wordings[wording.parent_id] = self.wording_out(wording)
        return {
            "terms": [self.term_out(t, ctx.seat.locale, staff) for t in terms if t.id in listed],
            "proposals": proposals,
            "wordings": list(wordings.values()),
            "current": current_term(state.current, shown),
            "overview": state.overview,
            "co_edit": cfg.co_edit,
            "can_edit": ctx.seat.role == FACILITATOR
            or (ctx.seat.role == PARTICIPANT and cfg.co_edit == EVERYONE),
            "max_length": cfg.max_length,
            "allow_plus": cfg.allow_plus,
        }


def concept_key(name: dict[str, str]) -> str:
    """A concept's identity across the meetings of a series: its Finnish name, normalised."""
    return "concept:" + " ".join(str(name.get("fi") or "").lower().split())


def _texts(value: LocalizedText) -> dict[str, str]:
    """The non-empty texts of a kit's localized value."""
    return {k: v.strip() for k, v in value.model_dump().items() if v and v.strip()}


__all__ = ["Concepts"]
