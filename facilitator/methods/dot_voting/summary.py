"""The dot-voting section of the minutes: ranking, close results and votes by stated role.

A pure function of the exported workshop. Ranking uses the same rules as the live tally (votes,
then distinct voters; ties share a rank). Role groups with fewer than three voters are not shown
on their own, so no one's votes can be told apart.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from facilitator.methods.dot_voting.logic import is_close, per_item_cap, rank, vote_budget
from facilitator.summaries.blocks import Block, Notice, Paragraph, Table
from facilitator.summaries.context import MIN_GROUP

if TYPE_CHECKING:
    from facilitator.summaries.context import SummaryContext

OPTION = "option"
VOTE = "vote"
#: Items shown in the votes-by-role table.
TOP_BY_ROLE = 10


def summarize(phase: dict[str, Any], ctx: SummaryContext) -> list[Block]:
    """Totals, the ranking table, a 'close' remark and votes by stated role."""
    _ = ctx._
    ngettext = ctx.ngettext
    options = [o for o in ctx.items(phase, [OPTION]) if str(o.get("body") or "").strip()]
    if not options:
        return [Paragraph(_("There were no items to vote on."))]
    text = {int(o["id"]): str(o["body"]).strip() for o in options}
    votes: dict[int, int] = {item: 0 for item in text}
    voters: dict[int, set[int]] = {item: set() for item in text}
    by_role: dict[int, dict[str, int]] = {item: defaultdict(int) for item in text}
    role_voters: dict[str, set[int]] = defaultdict(set)
    all_voters: set[int] = set()
    for vote in ctx.items(phase, [VOTE]):
        item, number, value = vote.get("parent"), vote.get("participant"), vote.get("value") or 0
        if item is None or number is None or int(item) not in text or int(value) <= 0:
            continue
        item, number, value = int(item), int(number), int(value)
        votes[item] += value
        voters[item].add(number)
        all_voters.add(number)
        group = ctx.group_of(number)
        by_role[item][group] += value
        role_voters[group].add(number)

    ranking = rank((item, votes[item], len(voters[item])) for item in text)
    config = phase.get("config") or {}
    budget = vote_budget(len(text), config.get("votes_per_person"))
    cap = per_item_cap(budget, config.get("max_per_item"))
    total = sum(votes.values())
    blocks: list[Block] = [
        Paragraph(
            ngettext("%(num)s participant voted.", "%(num)s participants voted.", len(all_voters))
            % {"num": ctx.number(len(all_voters))}
            + " "
            + _(
                "%(votes)s votes on %(items)s items; each had %(budget)s votes, "
                "at most %(cap)s on one item."
            )
            % {
                "votes": ctx.number(total),
                "items": ctx.number(len(text)),
                "budget": ctx.number(budget),
                "cap": ctx.number(cap),
            }
        ),
        Table(
            (_("Rank"), _("Item"), _("Votes"), _("Voters")),
            tuple(
                (ctx.number(r.rank), text[r.item_id], ctx.number(r.votes), ctx.number(r.voters))
                for r in ranking
            ),
            caption=_("Results"),
        ),
    ]
    if total and is_close(ranking):
        first, second = ranking[0], ranking[1]
        names = {
            "first": text[first.item_id],
            "second": text[second.item_id],
            "a": ctx.number(first.votes),
            "b": ctx.number(second.votes),
        }
        if first.votes == second.votes:
            sentence = _("The result is close: “%(first)s” and “%(second)s” both have %(a)s votes.")
        else:
            sentence = _("The result is close: “%(first)s” has %(a)s votes and “%(second)s” %(b)s.")
        blocks.append(Paragraph(sentence % names))
    if not total:
        return blocks
    shown = [g for g in ctx.ordered_groups(role_voters) if len(role_voters[g]) >= MIN_GROUP]
    suppressed = [g for g in ctx.ordered_groups(role_voters) if g not in shown]
    rest_voters = sum(len(role_voters[g]) for g in suppressed)
    if 0 < rest_voters < MIN_GROUP and shown:
        # The results table minus the shown columns would reveal the votes of one or two
        # people: the smallest shown group joins them under "Others" (complementary suppression).
        smallest = min(shown, key=lambda g: (len(role_voters[g]), shown.index(g)))
        shown.remove(smallest)
        suppressed = ctx.ordered_groups([*suppressed, smallest])
        rest_voters += len(role_voters[smallest])
    combine = bool(shown) and rest_voters >= MIN_GROUP
    if not shown:
        blocks.append(
            Notice(
                _("Votes by stated role are not shown: each role group had fewer than 3 voters."),
                "info",
            )
        )
        return blocks
    columns = [_("Item")] + [ctx.role_label(g) for g in shown]
    if combine:
        columns.append(_("Others"))
    rows = []
    for r in ranking[:TOP_BY_ROLE]:
        if r.votes == 0:
            break
        row = [text[r.item_id]] + [ctx.number(by_role[r.item_id].get(g, 0)) for g in shown]
        if combine:
            row.append(ctx.number(sum(by_role[r.item_id].get(g, 0) for g in suppressed)))
        rows.append(tuple(row))
    blocks.append(Table(tuple(columns), tuple(rows), caption=_("Votes by stated role")))
    if suppressed and not combine:
        blocks.append(
            Notice(
                _("Role groups with fewer than 3 voters are not shown separately."),
                "info",
            )
        )
    elif combine:
        blocks.append(
            Notice(
                _("Role groups with fewer than 3 voters are combined under “Others”."),
                "info",
            )
        )
    return blocks
