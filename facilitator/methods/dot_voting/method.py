"""Dot voting: a vote budget per person over frozen items; a live ranking once revealed."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from facilitator.kits.schema import LocalizedText
from facilitator.methods.base import N_, PARTICIPANT, ItemId, Kind, Meaning, Method, Payload, on
from facilitator.methods.dot_voting.logic import is_close, per_item_cap, rank, vote_budget
from facilitator.methods.dot_voting.strings import STRINGS
from facilitator.models import Contribution
from facilitator.realtime.context import ActionContext, ViewContext
from facilitator.realtime.errors import ActionError

OPTION = "option"
VOTE = "vote"


class Config(BaseModel):
    """Kit settings: where items come from and the budget rules."""

    model_config = ConfigDict(extra="forbid")

    items_from: str | None = None
    #: From the source phase: its named themes, its notes, or themes when there are any.
    use: str = Field(default="auto", pattern="^(auto|notes|themes)$")
    items: list[LocalizedText] = Field(default_factory=list, max_length=200)
    votes_per_person: int | None = Field(default=None, ge=1, le=100)
    max_per_item: int | None = Field(default=None, ge=1, le=100)
    live_results: bool = False


class VotePayload(Payload):
    item: ItemId


class DotVoting(Method):
    """Dot voting; see methods.md."""

    id = "dot_voting"
    label = N_("Dot voting")
    Config = Config
    kinds = {
        OPTION: Kind(Meaning.STRUCTURE, N_("Item"), refs=("source",)),
        VOTE: Kind(Meaning.VOTE, N_("Vote")),
    }
    errors = {
        "no_votes_left": N_("You have used all your votes. Take one back to vote elsewhere."),
        "item_vote_cap": N_("You can give at most %(max)s votes to one item."),
    }
    strings = STRINGS

    def capabilities(self, config: BaseModel) -> frozenset[str]:
        """Reveal the results (unless they are live for everyone anyway)."""
        return frozenset() if config.live_results else frozenset({"reveal"})  # type: ignore[attr-defined]

    def summarize(self, phase: Any, workshop: Any) -> list[Any]:
        """The dot-voting section of the minutes (see summary.py)."""
        from facilitator.methods.dot_voting import summary

        return summary.summarize(phase, workshop)

    def check_kit(self, config: BaseModel, phase_ids: list[str], position: int) -> list[str]:
        """items_from must name an earlier phase; some items must exist."""
        cfg: Config = config  # type: ignore[assignment]
        if cfg.items_from is not None:
            if cfg.items_from not in phase_ids[:position]:
                return [f"items_from: {cfg.items_from!r} is not an earlier phase"]
        elif not cfg.items:
            return ["items: give items or items_from"]
        return []

    def start(self, ctx: ActionContext) -> None:
        """Freeze the items when the room first enters: later edits do not move votes."""
        cfg: Config = ctx.config  # type: ignore[assignment]
        texts: list[tuple[str, int | None]] = []
        if cfg.items_from is not None:
            texts = _source_items(ctx, cfg)
        for item in cfg.items:
            texts.append((item.get(ctx.workshop.locale), None))
        for text, source in texts:
            ctx.add(
                Contribution(
                    workshop_id=ctx.workshop.id,
                    phase_id=ctx.phase.id,
                    kind=OPTION,
                    body=text,
                    data={"source": source} if source else {},
                )
            )

    def rules(self, ctx: ViewContext, item_count: int) -> tuple[int, int]:
        """(budget, cap per item) for this phase."""
        cfg: Config = ctx.config  # type: ignore[assignment]
        budget = vote_budget(item_count, cfg.votes_per_person)
        return budget, per_item_cap(budget, cfg.max_per_item)

    def results_public(self, ctx: ViewContext) -> bool:
        """Ranking is public once revealed (or live, if the kit says so)."""
        return bool(ctx.phase.state.get("revealed") or ctx.config.live_results)  # type: ignore[attr-defined]

    def _tally(self, ctx: ViewContext, options: list[Contribution]) -> list[dict[str, Any]]:
        votes = ctx.contributions(VOTE)
        per_item: dict[int, list[int]] = {o.id: [] for o in options}
        for vote in votes:
            if vote.parent_id in per_item and vote.value > 0:
                per_item[vote.parent_id].extend([vote.participant_id or 0] * vote.value)
        ranking = rank((i, len(v), len(set(v))) for i, v in per_item.items())
        return [
            {"id": r.item_id, "rank": r.rank, "votes": r.votes, "voters": r.voters} for r in ranking
        ]

    @on("vote.add", VotePayload, role=PARTICIPANT)
    def add_vote(self, ctx: ActionContext, payload: VotePayload) -> dict[str, Any]:
        """Spend one vote on an item."""
        return self._change(ctx, payload.item, +1)

    @on("vote.remove", VotePayload, role=PARTICIPANT)
    def remove_vote(self, ctx: ActionContext, payload: VotePayload) -> dict[str, Any]:
        """Take one vote back."""
        return self._change(ctx, payload.item, -1)

    @staticmethod
    def _visible_ids(options: list[Contribution]) -> set[int]:
        """Items not hidden by moderation: only these take votes, count as spent and rank."""
        return {o.id for o in options if not o.hidden}

    def _change(self, ctx: ActionContext, item_id: int, delta: int) -> dict[str, Any]:
        # The budget counts every frozen item (hiding one does not change it); votes on a hidden
        # item are freed, since the voter can no longer see it to take them back.
        options = ctx.contributions(OPTION)
        visible = self._visible_ids(options)
        if item_id not in visible:
            raise ActionError("not_found", 404)
        mine = [
            v
            for v in ctx.contributions(VOTE)
            if v.participant_id == ctx.seat.participant_id and v.parent_id in visible
        ]
        row = next((v for v in mine if v.parent_id == item_id), None)
        spent = sum(v.value for v in mine)
        budget, cap = self.rules(ctx, len(options))
        current = row.value if row else 0
        if delta > 0:
            if spent >= budget:
                raise ActionError("no_votes_left", 409)
            if current >= cap:
                raise ActionError("item_vote_cap", 409, max=cap)
        if delta < 0 and current == 0:
            return {"item": item_id, "mine": 0, "spent": spent, "budget": budget}
        if row is None:
            row = ctx.add(
                Contribution(
                    workshop_id=ctx.workshop.id,
                    phase_id=ctx.phase.id,
                    participant_id=ctx.seat.participant_id,
                    kind=VOTE,
                    parent_id=item_id,
                )
            )
        row.value = current + delta
        ctx.session.flush()
        tally = self._tally(ctx, [o for o in options if o.id in visible])
        staff = {"phase": ctx.phase.id, "results": tally}
        public = staff if self.results_public(ctx) else {"phase": ctx.phase.id}
        ctx.publish("votes.changed", public, staff)
        return {"item": item_id, "mine": row.value, "spent": spent + delta, "budget": budget}

    def view(self, ctx: ViewContext) -> dict[str, Any]:
        """Items, this person's votes and budget, and results where they may be seen."""
        every = ctx.contributions(OPTION)
        visible = self._visible_ids(every)
        options = [o for o in every if o.id in visible or ctx.seat.is_staff]
        budget, cap = self.rules(ctx, len(every))
        out: dict[str, Any] = {
            "items": [
                {"id": o.id, "text": o.body, **({"hidden": o.hidden} if ctx.seat.is_staff else {})}
                for o in options
            ],
            "budget": budget,
            "per_item": cap,
        }
        if ctx.seat.participant_id is not None:
            mine = {
                v.parent_id: v.value
                for v in ctx.contributions(VOTE)
                if v.participant_id == ctx.seat.participant_id and v.parent_id in visible
            }
            out["mine"] = {str(k): v for k, v in mine.items() if v}
            out["spent"] = sum(mine.values())
        if ctx.seat.is_staff or self.results_public(ctx):
            results = self._tally(ctx, [o for o in every if o.id in visible])
            out["results"] = results
            out["close"] = is_close(rank((r["id"], r["votes"], r["voters"]) for r in results))
        return out


def _source_items(ctx: ActionContext, cfg: Config) -> list[tuple[str, int | None]]:
    """Visible notes (or named themes) of the source phase, oldest first."""
    source = next((p for p in ctx.workshop.phases if p.key == cfg.items_from), None)
    if source is None:
        return []
    rows = list(
        ctx.session.scalars(
            select(Contribution)
            .where(
                Contribution.phase_id == source.id,
                Contribution.deleted.is_(False),
                Contribution.hidden.is_(False),
                Contribution.kind.in_(("note", "theme")),
            )
            .order_by(Contribution.id)
        )
    )
    themes = [r for r in rows if r.kind == "theme"]
    notes = [r for r in rows if r.kind == "note"]
    use_themes = cfg.use == "themes" or (cfg.use == "auto" and bool(themes))
    chosen = themes if use_themes else notes
    return [(r.body, r.id) for r in chosen]


__all__ = ["DotVoting"]
