"""The brainstorm section of the minutes: a pure function of the exported workshop.

One line of counts; then the named themes (the facilitator's groups, and themes named on the
minutes page from a suggestion), stated as fact, and the notes outside them, each with
representative notes chosen for coverage (``facilitator.summaries.selection``: most agreed
first, then what adds most that the chosen ones do not say). Every note is in the appendix.
Ties are broken by agreement, time, then id, so the same export always gives the same section.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from facilitator.summaries.blocks import Block, Heading, Paragraph, Quote
from facilitator.summaries.context import contribution_key
from facilitator.summaries.findings import workshop_analysis
from facilitator.summaries.selection import choose, quota

if TYPE_CHECKING:
    from facilitator.summaries.context import SummaryContext

NOTE = "note"
PLUS = "plus"
THEME = "theme"


def plus_counts(phase: dict[str, Any], ctx: SummaryContext) -> dict[int, int]:
    """+1s per note id (one per person and note)."""
    seen: set[tuple[int, Any]] = set()
    counts: dict[int, int] = defaultdict(int)
    for item in ctx.items(phase, [PLUS]):
        parent = item.get("parent")
        if parent is None or (parent, item.get("participant")) in seen:
            continue
        seen.add((parent, item.get("participant")))
        counts[int(parent)] += 1
    return dict(counts)


def representative(notes: list[dict[str, Any]], plus: dict[int, int]) -> list[dict[str, Any]]:
    """Most +1s first, then oldest, then lowest id."""
    return sorted(notes, key=lambda n: (-plus.get(int(n["id"]), 0), *contribution_key(n)))


def _quote(note: dict[str, Any], plus: dict[int, int], ctx: SummaryContext) -> Quote:
    """A chosen note verbatim with its +1s. Stated roles are in the participation table and
    the appendix, not repeated here."""
    agreed = plus.get(int(note["id"]), 0)
    label = ctx.ngettext("%(num)s +1", "%(num)s +1s", agreed) % {"num": ctx.number(agreed)}
    return Quote(str(note["body"]).strip(), label if agreed else "")


def summarize(phase: dict[str, Any], ctx: SummaryContext) -> list[Block]:
    """One line of counts, named themes and the other notes with representative notes."""
    _ = ctx._
    ngettext = ctx.ngettext
    notes = [n for n in ctx.items(phase, [NOTE]) if ctx.is_written(n)]
    if not notes:
        return [Paragraph(_("No notes were written in this phase."))]
    plus = plus_counts(phase, ctx)
    visible_ids = {int(n["id"]) for n in notes}
    plus = {k: v for k, v in plus.items() if k in visible_ids}
    authors = {n.get("participant") for n in notes}
    blocks: list[Block] = [
        Paragraph(
            ngettext("%(num)s note", "%(num)s notes", len(notes)) % {"num": ctx.number(len(notes))}
            + " · "
            + ngettext("%(num)s writer", "%(num)s writers", len(authors))
            % {"num": ctx.number(len(authors))}
            + " · "
            + ngettext("%(num)s +1", "%(num)s +1s", sum(plus.values()))
            % {"num": ctx.number(sum(plus.values()))}
        )
    ]

    # Themes: the facilitator's groups, then themes named on the minutes page.
    by_id = {int(n["id"]): n for n in notes}
    groups = ctx.items(phase, [THEME])
    themes: list[tuple[str, list[dict[str, Any]], tuple[Any, ...]]] = []
    grouped: set[int] = set()
    members: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for note in notes:
        parent = note.get("parent")
        if parent is not None:
            members[int(parent)].append(note)
    for group in groups:
        inside = members.get(int(group["id"]), [])
        label = str(group.get("body") or "").strip()
        if inside and label:
            themes.append((label, inside, contribution_key(group)))
            grouped.update(int(n["id"]) for n in inside)
    for named in ctx.take_named_themes(phase):
        inside = [by_id[i] for i in named.note_ids if i in by_id and i not in grouped]
        if inside:
            themes.append((named.name, inside, contribution_key(inside[0])))
            grouped.update(int(n["id"]) for n in inside)

    def theme_key(theme: tuple[str, list[dict[str, Any]], tuple[Any, ...]]) -> tuple[Any, ...]:
        _label, inside, order = theme
        return (-len(inside), -len({n.get("participant") for n in inside}), *order)

    themes.sort(key=theme_key)
    ungrouped = [n for n in notes if int(n["id"]) not in grouped]

    # Representative notes for the whole phase, one of each theme first.
    analysis = workshop_analysis(ctx)
    weights = analysis.weights(str(phase.get("key")))
    analysed = {n.id: n for n in analysis.notes.get(str(phase.get("key")), [])}
    pool = [analysed[i] for i in sorted(visible_ids) if i in analysed]
    first = []
    sections = [inside for _label, inside, _order in themes]
    if themes and ungrouped:
        sections.append(ungrouped)  # the notes outside the themes get their own, too
    for inside in sections:
        leader = choose([analysed[int(n["id"])] for n in inside], weights, plus, count=1)
        first.extend(n.id for n in leader)
    chosen = choose(pool, weights, plus, count=max(quota(len(pool)), len(first)), first=first)
    rank = {n.id: index for index, n in enumerate(chosen)}

    def quoted(inside: list[dict[str, Any]]) -> list[Block]:
        picked = sorted(
            (n for n in inside if int(n["id"]) in rank), key=lambda n: rank[int(n["id"])]
        )
        return [_quote(n, plus, ctx) for n in picked]

    for label, inside, _order in themes:
        agreed = sum(plus.get(int(n["id"]), 0) for n in inside)
        blocks.append(Heading(3, _("Theme: %(label)s") % {"label": label}))
        blocks.append(
            Paragraph(
                ngettext("%(num)s note", "%(num)s notes", len(inside))
                % {"num": ctx.number(len(inside))}
                + " · "
                + ngettext("%(num)s +1", "%(num)s +1s", agreed) % {"num": ctx.number(agreed)}
            )
        )
        blocks.extend(quoted(inside))
    if ungrouped:
        outside = quoted(ungrouped)
        if outside and themes:
            blocks.append(Heading(3, _("Notes outside the themes")))
        blocks.extend(outside)
    rest = len(notes) - len(chosen)
    if rest > 0:
        blocks.append(
            Paragraph(
                ngettext(
                    "… and %(num)s more note in the appendix.",
                    "… and %(num)s more notes in the appendix.",
                    rest,
                )
                % {"num": ctx.number(rest)}
            )
        )
    return blocks


def artefacts(phase: dict[str, Any], ctx: SummaryContext) -> list[Any]:
    """The facilitator's named themes that hold notes: kind "theme", with the notes' texts."""
    from facilitator.operations.series import ArtefactDraft

    themes = [t for t in ctx.items(phase, [THEME]) if str(t.get("body") or "").strip()]
    notes = [n for n in ctx.items(phase, [NOTE]) if ctx.is_written(n)]
    drafts = []
    for theme in themes:
        inside = [str(n["body"]).strip() for n in notes if n.get("parent") == theme["id"]]
        if inside:
            drafts.append(
                ArtefactDraft(
                    kind="theme",
                    title=str(theme["body"]).strip(),
                    data={"notes": inside},
                    local=str(theme["id"]),
                )
            )
    return drafts
