"""The concept-definitions section of the minutes: a pure function of the exported workshop.

Each term in the room's order, with its shared definition: a confirmed one is stated as the
group's own, an unconfirmed one is marked as a draft. Then the term's proposals with their +1s,
most agreed first (ties: the earlier written, then the lower id), so the same export always gives
the same section. Every proposal is also in the appendix (the core lists written texts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from facilitator.methods.concepts.logic import pick, plus_counts, ranked
from facilitator.summaries.blocks import Block, Heading, Paragraph, Table
from facilitator.summaries.context import contribution_key

if TYPE_CHECKING:
    from facilitator.summaries.context import SummaryContext

TERM = "term"
PROPOSAL = "proposal"
PLUS = "plus"
WORDING = "wording"
#: Proposals listed per term before "… more in the appendix".
LISTED = 10


def order_key(item: dict[str, Any]) -> tuple[int, str, int]:
    """The room's order of terms: by ordering key, then id (as facilitator/ordering.py)."""
    key = item.get("order_key")
    return (0, str(key), int(item["id"])) if key else (1, "", int(item["id"]))


def summarize(phase: dict[str, Any], ctx: SummaryContext) -> list[Block]:
    """Counts, then each term with its definition (confirmed or draft) and its proposals."""
    _ = ctx._
    ngettext = ctx.ngettext
    terms = sorted(ctx.items(phase, [TERM]), key=order_key)
    if not terms:
        return [Paragraph(_("No terms were defined in this phase."))]
    term_ids = {int(t["id"]) for t in terms}
    proposals = [
        p
        for p in ctx.items(phase, [PROPOSAL])
        if ctx.is_written(p) and p.get("parent") is not None and int(p["parent"]) in term_ids
    ]
    shown = {int(p["id"]) for p in proposals}
    plus = {
        k: v
        for k, v in plus_counts(
            (int(i["parent"]) if i.get("parent") is not None else None, i.get("participant"))
            for i in ctx.items(phase, [PLUS])
        ).items()
        if k in shown
    }
    wordings: dict[int, dict[str, Any]] = {}
    for item in sorted(ctx.items(phase, [WORDING]), key=lambda w: int(w["id"])):
        parent = item.get("parent")
        if parent is not None and str(item.get("body") or "").strip():
            wordings.setdefault(int(parent), item)
    confirmed = sum(
        1 for t in terms if (wordings.get(int(t["id"])) or {}).get("data", {}).get("confirmed")
    )
    writers = {p.get("participant") for p in proposals}
    blocks: list[Block] = [
        Paragraph(
            ngettext("%(num)s term", "%(num)s terms", len(terms)) % {"num": ctx.number(len(terms))}
            + " · "
            + ngettext("%(num)s definition confirmed", "%(num)s definitions confirmed", confirmed)
            % {"num": ctx.number(confirmed)}
            + " · "
            + ngettext("%(num)s proposal", "%(num)s proposals", len(proposals))
            % {"num": ctx.number(len(proposals))}
            + " · "
            + ngettext("%(num)s writer", "%(num)s writers", len(writers))
            % {"num": ctx.number(len(writers))}
            + " · "
            + ngettext("%(num)s +1", "%(num)s +1s", sum(plus.values()))
            % {"num": ctx.number(sum(plus.values()))}
        )
    ]
    for term in terms:
        term_id = int(term["id"])
        name = pick((term.get("data") or {}).get("name"), ctx.locale, str(term.get("body") or ""))
        blocks.append(Heading(3, name or _("Term")))
        wording = wordings.get(term_id)
        if wording is None:
            blocks.append(Paragraph(_("The group did not write a shared definition.")))
        elif (wording.get("data") or {}).get("confirmed"):
            blocks.append(
                Paragraph(
                    _("The group's definition: %(text)s") % {"text": str(wording["body"]).strip()}
                )
            )
        else:
            blocks.append(
                Paragraph(
                    _("Draft, not confirmed by the group: %(text)s")
                    % {"text": str(wording["body"]).strip()}
                )
            )
        mine = [p for p in proposals if int(p["parent"]) == term_id]
        if not mine:
            blocks.append(Paragraph(_("No proposals were written.")))
            continue
        order = ranked(mine, plus, key=lambda p: contribution_key(p))
        blocks.append(
            Table(
                (_("Proposal"), _("+1s")),
                tuple(
                    (str(p["body"]).strip(), ctx.number(plus.get(int(p["id"]), 0)))
                    for p in order[:LISTED]
                ),
                caption=_("Proposals, most agreed first"),
            )
        )
        rest = len(order) - LISTED
        if rest > 0:
            blocks.append(
                Paragraph(
                    ngettext(
                        "… and %(num)s more proposal in the appendix.",
                        "… and %(num)s more proposals in the appendix.",
                        rest,
                    )
                    % {"num": ctx.number(rest)}
                )
            )
    return blocks


def artefacts(phase: dict[str, Any], ctx: SummaryContext) -> list[Any]:
    """Each term with a confirmed definition: kind "concept", keyed by its Finnish name."""
    from facilitator.methods.concepts.method import concept_key
    from facilitator.operations.series import ArtefactDraft

    drafts = []
    wordings: dict[int, dict[str, Any]] = {}
    for item in sorted(ctx.items(phase, [WORDING]), key=lambda w: int(w["id"])):
        if item.get("parent") is not None:
            wordings.setdefault(int(item["parent"]), item)
    for term in sorted(ctx.items(phase, [TERM]), key=order_key):
        wording = wordings.get(int(term["id"]))
        if wording is None or not (wording.get("data") or {}).get("confirmed"):
            continue
        text = str(wording.get("body") or "").strip()
        name = (term.get("data") or {}).get("name") or {"fi": str(term.get("body") or "")}
        if text:
            drafts.append(
                ArtefactDraft(
                    kind="concept",
                    title=str(term.get("body") or "").strip(),
                    data={"name": name, "text": text},
                    key=concept_key(name),
                )
            )
    return drafts
