"""The feedback section of the minutes: a pure function of the exported workshop.

Per statement: n, the distribution (a figure: one stacked bar per statement, its text
alternative and the table with every number) and the median ("can't say" counted apart, not in
the median); then medians by stated role under the fold of logic.py (groups of fewer than five
answers only together as "Others", never so that a smaller group could be worked out from the
total); then the open answers quoted without any attribution. Every open answer is also in the
appendix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from facilitator.methods.feedback.chart import distribution_chart
from facilitator.methods.feedback.logic import (
    MIN_GROUP,
    SCALE,
    by_role,
    fold,
    group_of,
    group_sizes,
    tally,
)
from facilitator.summaries.blocks import Block, Figure, Heading, Notice, Paragraph, Quote, Table
from facilitator.summaries.context import contribution_key

if TYPE_CHECKING:
    from facilitator.summaries.context import SummaryContext

STATEMENT = "statement"
QUESTION = "question"
RATING = "rating"
ANSWER = "answer"
#: Open answers quoted per question before "all in the appendix".
QUOTED = 12


def _texts(phase: dict[str, Any], key: str, items: list[dict[str, Any]], ctx: SummaryContext):
    """Statement or question texts in the minutes' language (the frozen text as a fallback)."""
    configured = (phase.get("config") or {}).get(key) or []
    out = {}
    for item in items:
        index = (item.get("data") or {}).get("index")
        text = ""
        if isinstance(index, int) and 0 <= index < len(configured):
            text = ctx.localized(configured[index])
        out[int(item["id"])] = text or str(item.get("body") or "").strip()
    return out


def summarize(phase: dict[str, Any], ctx: SummaryContext) -> list[Block]:
    """Counts, the distribution figure and table, medians by role, open answers."""
    _ = ctx._
    ngettext = ctx.ngettext
    config = phase.get("config") or {}
    k = max(MIN_GROUP, int(config.get("min_group") or MIN_GROUP))
    statements = ctx.items(phase, [STATEMENT])
    questions = ctx.items(phase, [QUESTION])
    statement_text = _texts(phase, "statements", statements, ctx)
    question_text = _texts(phase, "questions", questions, ctx)
    ratings = [r for r in ctx.items(phase, [RATING]) if r.get("parent") is not None]
    answers = [
        a
        for a in ctx.items(phase, [ANSWER])
        if a.get("parent") is not None and str(a.get("body") or "").strip()
    ]
    people = {r.get("participant") for r in ratings} | {a.get("participant") for a in answers}
    blocks: list[Block] = [
        Paragraph(
            ngettext("%(num)s person answered.", "%(num)s people answered.", len(people))
            % {"num": ctx.number(len(people))}
        )
    ]
    if statements:
        blocks.extend(_statements(phase, statements, statement_text, ratings, k, ctx))
    for question in questions:
        blocks.extend(_open_answers(question, question_text, answers, ctx))
    return blocks


def _statements(
    phase: dict[str, Any],
    statements: list[dict[str, Any]],
    text: dict[int, str],
    ratings: list[dict[str, Any]],
    k: int,
    ctx: SummaryContext,
) -> list[Block]:
    _ = ctx._
    config = phase.get("config") or {}
    cant_say = bool(config.get("cant_say", True))
    answers: dict[int, list[tuple[str, int]]] = {int(s["id"]): [] for s in statements}
    for rating in ratings:
        parent = int(rating["parent"])
        if parent in answers:
            person = ctx.participants.get(int(rating.get("participant") or 0))
            answers[parent].append((group_of((person or {}).get("role")), int(rating["value"])))
    ids = [int(s["id"]) for s in statements]
    totals = {i: tally(v for _g, v in answers[i]) for i in ids}
    labels = [
        _("Can't say"),
        _("Strongly disagree"),
        _("Somewhat disagree"),
        _("Neither agree nor disagree"),
        _("Somewhat agree"),
        _("Strongly agree"),
    ]
    blocks: list[Block] = [
        Paragraph(
            _(
                "Scale: 1 = strongly disagree, 2 = somewhat disagree, 3 = neither agree nor "
                "disagree, 4 = somewhat agree, 5 = strongly agree."
            )
            + (
                " " + _("“Can't say” answers are counted apart and left out of the median.")
                if cant_say
                else ""
            )
        )
    ]
    if not any(t.n for t in totals.values()):
        blocks.append(Paragraph(_("No one answered the statements.")))
        return blocks

    def median(value: float | None) -> str:
        return "–" if value is None else ctx.number(value)

    numbered = [(f"{n}. {text[i]}", totals[i]) for n, i in enumerate(ids, start=1)]
    columns = (
        _("Statement"),
        _("Answers"),
        *(ctx.number(v) for v in SCALE),
        *((_("Can't say"),) if cant_say else ()),
        _("Median"),
    )
    rows = tuple(
        (
            label,
            ctx.number(t.n),
            *(ctx.number(t.counts[v]) for v in SCALE),
            *((ctx.number(t.counts[0]),) if cant_say else ()),
            median(t.median),
        )
        for label, t in numbered
    )
    svg = distribution_chart(
        numbered,
        labels=labels,
        median_text=lambda m: _("Median %(median)s") % {"median": ctx.number(m)},
        n_text=lambda n: (
            ctx.ngettext("%(num)s answer", "%(num)s answers", n) % {"num": ctx.number(n)}
        ),
        label=_("Answers by statement"),
        lang=ctx.locale,
        cant_say=cant_say,
    )
    blocks.append(
        Figure(
            svg,
            _alt([(text[i], totals[i]) for i in ids], ctx),
            Table(columns, rows),
            caption=_("Answers by statement"),
        )
    )
    blocks.extend(_roles(ids, numbered, answers, k, ctx))
    return blocks


def _alt(numbered: list[tuple[str, Any]], ctx: SummaryContext) -> str:
    """The text alternative: what the chart is, where its numbers are, highest and lowest
    (``numbered``: statement texts with their tallies, in order)."""
    _ = ctx._
    alt = ctx.ngettext(
        "Horizontal stacked bar chart of the answers to %(num)s statement on a scale from "
        "strongly disagree to strongly agree; the numbers are in the table below.",
        "Horizontal stacked bar charts of the answers to %(num)s statements on a scale from "
        "strongly disagree to strongly agree; the numbers are in the table below.",
        len(numbered),
    ) % {"num": ctx.number(len(numbered))}
    ranked = sorted(
        ((t.median, n) for n, (_label, t) in enumerate(numbered) if t.median is not None),
        key=lambda pair: (-pair[0], pair[1]),
    )
    if len(ranked) >= 2 and ranked[0][0] != ranked[-1][0]:
        high, low = ranked[0], ranked[-1]
        alt += " " + _(
            "Highest median %(high)s: “%(first)s”; lowest median %(low)s: “%(last)s”."
        ) % {
            "high": ctx.number(high[0]),
            "first": numbered[high[1]][0].rstrip(".!?… "),
            "low": ctx.number(low[0]),
            "last": numbered[low[1]][0].rstrip(".!?… "),
        }
    elif ranked:
        alt += " " + ctx.ngettext(
            "The median is %(median)s.",
            "Every statement has the median %(median)s.",
            len(ranked),
        ) % {"median": ctx.number(ranked[0][0])}
    return alt


def _roles(
    ids: list[int],
    numbered: list[tuple[str, Any]],
    answers: dict[int, list[tuple[str, int]]],
    k: int,
    ctx: SummaryContext,
) -> list[Block]:
    """Medians by stated role under the fold; a notice says what was combined and why."""
    _ = ctx._
    stated = {g for i in ids for g, _v in answers[i]}
    if stated <= {""}:
        return []  # nobody stated a role: there is nothing to break down
    chosen = fold([group_sizes(answers[i]) for i in ids], k=k)
    note = _(
        "Groups with fewer than %(k)s answers to a statement are not shown on their own, and "
        "larger groups are combined with them when needed, so that no group smaller than "
        "%(k)s can be worked out from the totals."
    ) % {"k": ctx.number(k)}
    if not chosen.shown:
        return [
            Notice(
                _("Answers by stated role are not shown: no role group was large enough.")
                + " "
                + note,
                "info",
            )
        ]
    published = [by_role(answers[i], chosen, k) for i in ids]
    has_others = any(p.others is not None for p in published)

    def cell(t: Any) -> str:
        if t is None or t.n == 0:
            return "–"
        value = "–" if t.median is None else ctx.number(t.median)
        return _("%(median)s (%(num)s)") % {"median": value, "num": ctx.number(t.n)}

    columns = (
        _("Statement"),
        *(ctx.role_label(g) if g else _("Not stated") for g in chosen.shown),
        *((_("Others"),) if has_others else ()),
    )
    rows = tuple(
        (
            label,
            *(cell(t) for _g, t in p.groups),
            *((cell(p.others),) if has_others else ()),
        )
        for (label, _t), p in zip(numbered, published, strict=True)
    )
    blocks: list[Block] = [
        Table(columns, rows, caption=_("Median by stated role (number of answers)")),
    ]
    if chosen.folded:
        blocks.append(Notice(note, "info"))
    return blocks


def _open_answers(
    question: dict[str, Any],
    text: dict[int, str],
    answers: list[dict[str, Any]],
    ctx: SummaryContext,
) -> list[Block]:
    """One open question: its answers quoted in the order written, without attribution."""
    _ = ctx._
    ngettext = ctx.ngettext
    mine = sorted(
        (a for a in answers if int(a["parent"]) == int(question["id"])), key=contribution_key
    )
    blocks: list[Block] = [Heading(3, text[int(question["id"])])]
    if not mine:
        blocks.append(Paragraph(_("No one answered this question.")))
        return blocks
    blocks.append(
        Paragraph(
            ngettext("%(num)s answer.", "%(num)s answers.", len(mine))
            % {"num": ctx.number(len(mine))}
        )
    )
    blocks.extend(Quote(str(a["body"]).strip()) for a in mine[:QUOTED])
    if len(mine) > QUOTED:
        blocks.append(
            Paragraph(
                _("All %(num)s answers are in the appendix.") % {"num": ctx.number(len(mine))}
            )
        )
    return blocks
