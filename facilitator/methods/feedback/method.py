"""Feedback (palaute): statements on a 5-point agree scale plus "can't say", and open questions.

Answered anonymously from phones; a participant can change their answers until the phase is
locked and sees what they answered. Screens show how many have answered; results (n,
distribution and median per statement, and the open answers) only once the facilitator reveals
them — and while they are shown, answering pauses, so no one's late answer can be read off a
changing chart. Results by stated role (console and minutes only) follow the fold in logic.py.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select

from facilitator.kits.schema import LocalizedText
from facilitator.methods.base import (
    N_,
    PARTICIPANT,
    ItemId,
    Kind,
    Meaning,
    Method,
    Payload,
    on,
)
from facilitator.methods.feedback.logic import (
    CANT_SAY,
    MIN_GROUP,
    OTHERS,
    by_role,
    fold,
    group_of,
    group_sizes,
    tally,
)
from facilitator.methods.feedback.strings import STRINGS
from facilitator.models import Contribution, Participant
from facilitator.models.types import utcnow
from facilitator.realtime.context import ActionContext, ViewContext
from facilitator.realtime.errors import ActionError

STATEMENT = "statement"
QUESTION = "question"
RATING = "rating"
ANSWER = "answer"
TEXT_MAX = 1000


class Config(BaseModel):
    """Kit settings: the statements, the open questions and how the phone asks them."""

    model_config = ConfigDict(extra="forbid")

    statements: list[LocalizedText] = Field(default_factory=list, max_length=20)
    questions: list[LocalizedText] = Field(default_factory=list, max_length=5)
    #: "steps": one statement per screen (big buttons, back and next); "form": all on one page.
    layout: Literal["steps", "form"] = "steps"
    #: Offer "can't say" besides the five scale answers.
    cant_say: bool = True
    #: Longest open answer in characters.
    max_length: int = Field(default=500, ge=20, le=TEXT_MAX)
    #: Smallest role group shown on its own (never below 5).
    min_group: int = Field(default=MIN_GROUP, ge=MIN_GROUP, le=50)

    @field_validator("statements", "questions", mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        """A plain string is the same text in every language (as for titles)."""
        if isinstance(value, list):
            return [{"fi": v, "sv": v, "en": v} if isinstance(v, str) else v for v in value]
        return value


class RatingSet(Payload):
    """Answer one statement: 1 strongly disagree … 5 strongly agree, 0 can't say."""

    statement: ItemId
    value: int = Field(ge=0, le=5)


class AnswerSet(Payload):
    """Write one's answer to an open question (empty text removes it)."""

    question: ItemId
    text: str


def _open(ctx: ActionContext) -> None:
    """Answering pauses while the results are shown."""
    if ctx.phase.state.get("revealed"):
        raise ActionError("feedback_paused", 409)


def statement_of(ctx: ActionContext, payload: RatingSet) -> Contribution:
    """Guard: answering is open and the statement belongs to this phase."""
    _open(ctx)
    item = ctx.get(payload.statement, STATEMENT)
    if item is None:
        raise ActionError("not_found", 404)
    return item


def question_of(ctx: ActionContext, payload: AnswerSet) -> Contribution:
    """Guard: answering is open and the question belongs to this phase."""
    _open(ctx)
    item = ctx.get(payload.question, QUESTION)
    if item is None:
        raise ActionError("not_found", 404)
    return item


class Feedback(Method):
    """Feedback statements and open questions; see README.md beside this file."""

    id = "feedback"
    label = N_("Feedback")
    Config = Config
    kinds = {
        STATEMENT: Kind(Meaning.STRUCTURE, N_("Statement")),
        QUESTION: Kind(Meaning.STRUCTURE, N_("Open question")),
        RATING: Kind(Meaning.RATING, N_("Answer on the scale"), anonymous=True),
        ANSWER: Kind(Meaning.TEXT, N_("Open answer"), anonymous=True),
    }
    errors = {
        "feedback_paused": N_(
            "The results are on the screen, so answering is paused. Your answers are kept."
        ),
        "no_cant_say": N_("This form has no “can't say” answer. Choose one of the five."),
    }
    strings = STRINGS

    def capabilities(self, config: BaseModel) -> frozenset[str]:
        """Reveal: results are shown only when the facilitator reveals them."""
        return frozenset({"reveal"})

    def check_kit(self, config: BaseModel, phase_ids: list[str], position: int) -> list[str]:
        """Something to answer: statements or open questions."""
        cfg: Config = config  # type: ignore[assignment]
        if not cfg.statements and not cfg.questions:
            return ["statements: give statements, open questions or both"]
        return []

    def summarize(self, phase: Any, workshop: Any) -> list[Any]:
        """The feedback section of the minutes (see summary.py)."""
        from facilitator.methods.feedback import summary

        return summary.summarize(phase, workshop)

    def describe(self, item: Any, by_id: Any) -> str:
        """An answer with what it answers: "statement: 4" (0 = can't say), "question: text"."""
        parent = by_id.get(item.get("parent")) if item.get("parent") is not None else None
        subject = str((parent or {}).get("body") or "").strip()
        if item.get("kind") == RATING:
            return f"{subject}: {int(item.get('value') or 0)}"
        body = str(item.get("body") or "").strip()
        return f"{subject}: {body}" if subject and item.get("kind") == ANSWER else body

    def start(self, ctx: ActionContext) -> None:
        """Freeze the statements and questions when the room first enters (in the room's
        language; every screen and the minutes show them in their own from the kit)."""
        cfg: Config = ctx.config  # type: ignore[assignment]
        for index, text in enumerate(cfg.statements):
            ctx.create(STATEMENT, text.get(ctx.workshop.locale), data={"index": index}, author=None)
        for index, text in enumerate(cfg.questions):
            ctx.create(QUESTION, text.get(ctx.workshop.locale), data={"index": index}, author=None)

    # -- answering --------------------------------------------------------------------------

    def _mine(self, ctx: ActionContext, kind: str, parent: int) -> Contribution | None:
        return ctx.session.scalars(
            select(Contribution).where(
                Contribution.phase_id == ctx.phase.id,
                Contribution.kind == kind,
                Contribution.parent_id == parent,
                Contribution.participant_id == ctx.seat.participant_id,
                Contribution.deleted.is_(False),
            )
        ).first()

    @on("rating.set", RatingSet, role=PARTICIPANT, guard=statement_of, allowed_late=True)
    def rate(self, ctx: ActionContext, payload: RatingSet) -> dict[str, Any]:
        """Answer a statement on the scale or "can't say"; answering again changes the answer."""
        if payload.value == CANT_SAY and not ctx.config.cant_say:  # type: ignore[attr-defined]
            raise ActionError("no_cant_say")
        statement: Contribution = ctx.target
        row = self._mine(ctx, RATING, statement.id)
        if row is None:
            ctx.create(RATING, parent=statement.id, value=payload.value)
        elif row.value != payload.value:
            row.value = payload.value
            row.updated_at = utcnow()
        self._publish_counts(ctx)
        return {"statement": statement.id, "value": payload.value}

    @on("answer.set", AnswerSet, role=PARTICIPANT, guard=question_of, allowed_late=True)
    def answer(self, ctx: ActionContext, payload: AnswerSet) -> dict[str, Any]:
        """Write, change or (with empty text) remove one's answer to an open question."""
        limit = ctx.config.max_length  # type: ignore[attr-defined]
        if len(payload.text) > limit:
            raise ActionError("too_long", max=limit)
        question: Contribution = ctx.target
        row = self._mine(ctx, ANSWER, question.id)
        change: dict[str, Any] = {}
        if not payload.text:
            if row is not None:
                row.deleted = True
                row.updated_at = utcnow()
                change = {"removed": row.id}
        else:
            if row is None:
                row = ctx.create(ANSWER, payload.text, parent=question.id)
            elif row.body != payload.text:
                row.body = payload.text
                row.updated_at = utcnow()
            change = {"answer": self.staff_answer(row)}
        ctx.session.flush()
        self._publish_counts(ctx, change)
        return {"question": question.id, "text": payload.text}

    @staticmethod
    def staff_answer(row: Contribution) -> dict[str, Any]:
        """An open answer as the console lists it (for moderation): never its author."""
        return {"id": row.id, "question": row.parent_id, "text": row.body, "hidden": row.hidden}

    def _publish_counts(self, ctx: ActionContext, staff: dict[str, Any] | None = None) -> None:
        """How many have answered (everyone); per statement and a changed open answer (the
        console, which moderates open answers before anyone else sees them)."""
        respondents, answered = self._counts(ctx)
        public = {"phase": ctx.phase.id, "respondents": respondents}
        ctx.publish("feedback.count", public, {**public, "answered": answered, **(staff or {})})

    @staticmethod
    def _counts(ctx: ViewContext) -> tuple[int, dict[str, int]]:
        people: set[int | None] = set()
        answered: dict[str, int] = {}
        for row in ctx.contributions(RATING):
            people.add(row.participant_id)
            key = str(row.parent_id)
            answered[key] = answered.get(key, 0) + 1
        for row in ctx.contributions(ANSWER):
            people.add(row.participant_id)
        return len(people), answered

    # -- what each screen sees -----------------------------------------------------------------

    @staticmethod
    def _text(ctx: ViewContext, item: Contribution, texts: list[LocalizedText]) -> str:
        """A statement or question in the seat's language (the frozen text if the kit lost it)."""
        index = item.data.get("index")
        if isinstance(index, int) and 0 <= index < len(texts):
            return texts[index].get(ctx.seat.locale)
        return item.body

    def view(self, ctx: ViewContext) -> dict[str, Any]:
        """Statements, questions, how many answered, this person's answers, and the results
        once revealed (by stated role, folded, for the console only)."""
        cfg: Config = ctx.config  # type: ignore[assignment]
        statements = [s for s in ctx.contributions(STATEMENT) if not s.hidden]
        questions = [q for q in ctx.contributions(QUESTION) if not q.hidden]
        respondents, answered = self._counts(ctx)
        revealed = bool(ctx.phase.state.get("revealed"))
        out: dict[str, Any] = {
            "statements": [
                {"id": s.id, "text": self._text(ctx, s, cfg.statements)} for s in statements
            ],
            "questions": [
                {"id": q.id, "text": self._text(ctx, q, cfg.questions)} for q in questions
            ],
            "layout": cfg.layout,
            "cant_say": cfg.cant_say,
            "max_length": cfg.max_length,
            "respondents": respondents,
            "paused": revealed,
        }
        if ctx.seat.is_staff:
            asked = {q.id for q in questions}
            out["answered"] = answered
            out["min_group"] = cfg.min_group
            out["answers"] = [
                self.staff_answer(a) for a in ctx.contributions(ANSWER) if a.parent_id in asked
            ]
        if ctx.seat.participant_id is not None:
            me = ctx.seat.participant_id
            out["mine"] = {
                "ratings": {
                    str(r.parent_id): r.value
                    for r in ctx.contributions(RATING)
                    if r.participant_id == me
                },
                "answers": {
                    str(a.parent_id): a.body
                    for a in ctx.contributions(ANSWER)
                    if a.participant_id == me
                },
            }
        if revealed:
            out["results"] = self.results(ctx, statements, questions)
        return out

    def results(
        self, ctx: ViewContext, statements: list[Contribution], questions: list[Contribution]
    ) -> dict[str, Any]:
        """n, distribution and median per statement and the open answers that are not hidden;
        the console also gets the results by stated role under the fold."""
        cfg: Config = ctx.config  # type: ignore[assignment]
        roles = {
            p.id: group_of(p.role)
            for p in ctx.session.scalars(
                select(Participant).where(Participant.workshop_id == ctx.workshop.id)
            )
        }
        answers_by_statement: dict[int, list[tuple[str, int]]] = {s.id: [] for s in statements}
        for row in ctx.contributions(RATING):
            if not row.hidden and row.parent_id in answers_by_statement:
                group = roles.get(row.participant_id or 0, "")
                answers_by_statement[row.parent_id].append((group, row.value))
        rows = []
        for statement in statements:
            total = tally(v for _g, v in answers_by_statement[statement.id])
            rows.append(
                {
                    "id": statement.id,
                    "n": total.n,
                    "counts": list(total.counts),
                    "median": total.median,
                }
            )
        asked = {q.id for q in questions}
        out: dict[str, Any] = {
            "statements": rows,
            "answers": [
                {"id": a.id, "question": a.parent_id, "text": a.body}
                for a in ctx.contributions(ANSWER)
                if a.parent_id in asked and not a.hidden
            ],
        }
        if ctx.seat.is_staff:
            out["by_role"] = self._by_role(statements, answers_by_statement, cfg.min_group)
        return out

    @staticmethod
    def _by_role(
        statements: list[Contribution],
        answers: dict[int, list[tuple[str, int]]],
        k: int,
    ) -> dict[str, Any]:
        """Median and n per shown group and "others", per statement (see logic.fold)."""
        tables = [group_sizes(answers[s.id]) for s in statements]
        chosen = fold(tables, k=k)
        rows = []
        any_others = False
        for statement in statements:
            published = by_role(answers[statement.id], chosen, k)
            cells = [{"n": t.n, "median": t.median} for _g, t in published.groups]
            others = published.others
            any_others = any_others or others is not None
            rows.append(
                {
                    "id": statement.id,
                    "groups": cells,
                    "others": None if others is None else {"n": others.n, "median": others.median},
                }
            )
        return {
            "groups": list(chosen.shown),
            "others": OTHERS if any_others else None,
            "folded": bool(chosen.folded),
            "rows": rows,
        }


__all__ = ["Feedback"]
