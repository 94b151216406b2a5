"""The brainstorm section of the minutes: a pure function of the exported workshop.

Named themes are the facilitator's groups (stated as fact); each shows its most agreed notes
verbatim. Ungrouped notes follow, then the notes with the most +1s. Ties are broken by time,
then id, so the same export always gives the same section.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from facilitator.summaries.blocks import Block, BulletList, Heading, Paragraph, Quote, Table
from facilitator.summaries.context import MIN_GROUP, contribution_key

if TYPE_CHECKING:
    from facilitator.summaries.context import SummaryContext

NOTE = "note"
PLUS = "plus"
THEME = "theme"
#: Notes quoted per theme, then listed, before "… more in the appendix".
QUOTED = 3
LISTED = 7
TOP_AGREED = 5


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


def _note_blocks(
    notes: list[dict[str, Any]], plus: dict[int, int], ctx: SummaryContext
) -> list[Block]:
    _ = ctx._
    ngettext = ctx.ngettext
    ordered = representative(notes, plus)
    blocks: list[Block] = [
        Quote(str(n["body"]).strip(), ctx.attribution(n)) for n in ordered[:QUOTED]
    ]
    listed = ordered[QUOTED : QUOTED + LISTED]
    if listed:
        blocks.append(BulletList(tuple(str(n["body"]).strip() for n in listed)))
    rest = len(ordered) - QUOTED - LISTED
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


def summarize(phase: dict[str, Any], ctx: SummaryContext) -> list[Block]:
    """Counts, themes with representative notes, ungrouped notes and the most agreed notes."""
    _ = ctx._
    ngettext = ctx.ngettext
    notes = [n for n in ctx.items(phase, [NOTE]) if ctx.is_written(n)]
    plus = plus_counts(phase, ctx)
    visible_ids = {int(n["id"]) for n in notes}
    plus = {k: v for k, v in plus.items() if k in visible_ids}
    authors = {n.get("participant") for n in notes}
    blocks: list[Block] = []
    if not notes:
        return [Paragraph(_("No notes were written in this phase."))]
    blocks.append(
        Paragraph(
            ngettext("%(num)s note", "%(num)s notes", len(notes)) % {"num": ctx.number(len(notes))}
            + " · "
            + ngettext("%(num)s writer", "%(num)s writers", len(authors))
            % {"num": ctx.number(len(authors))}
            + " · "
            + ngettext("%(num)s +1", "%(num)s +1s", sum(plus.values()))
            % {"num": ctx.number(sum(plus.values()))}
        )
    )
    by_role: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for note in notes:
        by_role[ctx.group_of(note.get("participant"))].append(note)
    role_items = []
    for group in ctx.ordered_groups(by_role):
        if ctx.group_sizes.get(group, 0) < MIN_GROUP:
            continue  # too few people to show without exposing someone
        count = len(by_role[group])
        writers = len({n.get("participant") for n in by_role[group]})
        role_items.append(
            _("%(role)s: %(notes)s from %(writers)s")
            % {
                "role": ctx.role_label(group),
                "notes": ngettext("%(num)s note", "%(num)s notes", count)
                % {"num": ctx.number(count)},
                "writers": ngettext("%(num)s writer", "%(num)s writers", writers)
                % {"num": ctx.number(writers)},
            }
        )
    if role_items:
        blocks.append(Paragraph(_("Notes by stated role:")))
        blocks.append(BulletList(tuple(role_items)))

    groups = ctx.items(phase, [THEME])
    members: dict[int, list[dict[str, Any]]] = {int(g["id"]): [] for g in groups}
    ungrouped: list[dict[str, Any]] = []
    for note in notes:
        parent = note.get("parent")
        if parent is not None and int(parent) in members:
            members[int(parent)].append(note)
        else:
            ungrouped.append(note)
    named = [g for g in groups if members[int(g["id"])] and str(g.get("body") or "").strip()]

    def theme_key(group: dict[str, Any]) -> tuple[Any, ...]:
        inside = members[int(group["id"])]
        writers = len({n.get("participant") for n in inside})
        return (-len(inside), -writers, *contribution_key(group))

    named.sort(key=theme_key)
    for group in named:
        inside = members[int(group["id"])]
        agreed = sum(plus.get(int(n["id"]), 0) for n in inside)
        blocks.append(Heading(3, _("Theme: %(label)s") % {"label": str(group["body"]).strip()}))
        blocks.append(
            Paragraph(
                ngettext("%(num)s note", "%(num)s notes", len(inside))
                % {"num": ctx.number(len(inside))}
                + " · "
                + ngettext("%(num)s +1", "%(num)s +1s", agreed) % {"num": ctx.number(agreed)}
            )
        )
        blocks.extend(_note_blocks(inside, plus, ctx))
    if ungrouped:
        if named:
            blocks.append(Heading(3, _("Notes outside the themes")))
        else:
            blocks.append(Heading(3, _("Notes")))
        blocks.extend(_note_blocks(ungrouped, plus, ctx))

    config = phase.get("config") or {}
    if config.get("allow_plus", True) and plus:
        theme_of = {
            int(n["id"]): str(g["body"]).strip() for g in named for n in members[int(g["id"])]
        }
        top = [n for n in representative(notes, plus) if plus.get(int(n["id"]), 0) > 0]
        top = top[:TOP_AGREED]
        blocks.append(Heading(3, _("Most agreed (+1)")))
        blocks.append(
            Table(
                (_("Note"), _("+1s"), _("Theme")),
                tuple(
                    (
                        str(n["body"]).strip(),
                        ctx.number(plus[int(n["id"])]),
                        theme_of.get(int(n["id"]), ""),
                    )
                    for n in top
                ),
            )
        )
        if len(top) >= 2 and plus[int(top[0]["id"])] - plus[int(top[1]["id"])] <= 1:
            blocks.append(
                Paragraph(_("Close: the two most agreed notes differ by one +1 or less."))
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
