"""Participation by stated role: people, contributions and the balance between role groups."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from facilitator.summaries.blocks import Block, Heading, Notice, Paragraph, Table
from facilitator.summaries.context import MIN_GROUP, NOT_STATED, SCRIBE, SummaryContext


def reaction_weight(item: dict[str, Any], ctx: SummaryContext) -> int:
    """How many votes or +1s a contribution without text stands for (a vote row has a count)."""
    if ctx.meaning(item) == "vote":
        return max(0, int(item.get("value") or 0))
    return 1


def tally(ctx: SummaryContext) -> tuple[dict[str, int], dict[str, int], int]:
    """(written texts per role group, votes and +1s per role group, texts written by a scribe)."""
    written: dict[str, int] = defaultdict(int)
    reactions: dict[str, int] = defaultdict(int)
    scribed = 0
    for item in ctx.contributions:
        number = item.get("participant")
        if number is None or item.get("hidden"):
            continue
        group = ctx.group_of(number)
        if ctx.is_written(item):
            written[group] += 1
            author = ctx.participants.get(int(number)) or {}
            if author.get("kind") == SCRIBE or (item.get("data") or {}).get("scribe"):
                scribed += 1
        elif ctx.meaning(item) in ("reaction", "vote", None):
            parent = item.get("parent")
            target = ctx.by_id.get(int(parent)) if parent is not None else None
            if parent is not None and (target is None or target.get("hidden")):
                continue  # a +1 or vote on something hidden or deleted
            reactions[group] += reaction_weight(item, ctx)
    return dict(written), dict(reactions), scribed


def summarize_participation(ctx: SummaryContext) -> list[Block]:
    """The participation section."""
    _ = ctx._
    ngettext = ctx.ngettext
    written, reactions, scribed = tally(ctx)
    people = len(ctx.people)
    total_written = sum(written.values())
    total_reactions = sum(reactions.values())
    blocks: list[Block] = [Heading(2, _("Participation"))]
    blocks.append(
        Paragraph(
            ngettext(
                "%(num)s person took part.",
                "%(num)s people took part.",
                people,
            )
            % {"num": ctx.number(people)}
            + " "
            + _("They wrote %(written)s contributions and gave %(reactions)s votes and +1s.")
            % {"written": ctx.number(total_written), "reactions": ctx.number(total_reactions)}
        )
    )
    groups = ctx.ordered_groups(set(ctx.group_sizes) | set(written) | set(reactions))
    rows: list[tuple[str, ...]] = []
    small = False
    for group in groups:
        size = ctx.group_sizes.get(group, 0)
        if 0 < size < MIN_GROUP or (size == 0 and group != NOT_STATED):
            # Too few people to show their numbers without exposing someone.
            small = True
            rows.append((ctx.role_label(group), _("fewer than 3"), "–", "–", "–", "–"))
            continue
        rows.append(
            (
                ctx.role_label(group),
                ctx.number(size),
                ctx.percent(size, people),
                ctx.number(written.get(group, 0)),
                ctx.percent(written.get(group, 0), total_written),
                ctx.number(reactions.get(group, 0)),
            )
        )
    rows.append(
        (
            _("Total"),
            ctx.number(people),
            ctx.percent(people, people),
            ctx.number(total_written),
            ctx.percent(total_written, total_written),
            ctx.number(total_reactions),
        )
    )
    blocks.append(
        Table(
            (
                _("Stated role"),
                _("People"),
                _("Share of people"),
                _("Written contributions"),
                _("Share of contributions"),
                _("Votes and +1s"),
            ),
            tuple(rows),
            caption=_("Participation by stated role"),
        )
    )
    if ctx.folded_roles & set(ctx.raw_group_sizes) or small:
        blocks.append(
            Notice(
                _(
                    "Stated roles with fewer than 3 people are counted under “Other”, and groups "
                    "still smaller than 3 are not shown in numbers, so that no one can be "
                    "recognised."
                ),
                "info",
            )
        )
    if scribed:
        blocks.append(
            Paragraph(
                ngettext(
                    "The facilitator wrote down %(num)s contribution for participants without "
                    "a phone.",
                    "The facilitator wrote down %(num)s contributions for participants without "
                    "a phone.",
                    scribed,
                )
                % {"num": ctx.number(scribed)}
            )
        )
    return blocks
