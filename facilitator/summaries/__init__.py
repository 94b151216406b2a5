"""Automatic minutes: a pure function from a workshop export to summary blocks.

``build_minutes(export, locale)`` reads only the export dict (facilitator/exports/workshop_json.py)
and its arguments: no database, no clock, no randomness, and every list is sorted by stable keys
(count, distinct contributors, time, id), so the same export gives the same minutes byte for
byte. Human-confirmed content (the facilitator's named themes, decisions, next steps) is stated
as fact; machine findings go under a section marked automatic. Each method adds its own section
through ``Method.summarize(phase, workshop)``, where ``workshop`` is a
:class:`~facilitator.summaries.context.SummaryContext`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, tzinfo
from typing import Any, Protocol

from facilitator.summaries.blocks import (
    BLOCK_TYPES,
    Block,
    BulletList,
    Facts,
    Heading,
    Minutes,
    Notice,
    Paragraph,
    Quote,
    Table,
)
from facilitator.summaries.context import NamedTheme, SummaryContext
from facilitator.summaries.findings import phase_findings, summarize_findings
from facilitator.summaries.i18n import normalize_locale
from facilitator.summaries.participation import summarize_participation
from facilitator.summaries.text_analysis import (
    COMPOUNDS_DICTIONARY,
    COMPOUNDS_MORPHOLOGY,
    Analyser,
    get_analyser,
)

#: Bumped when the structure of the minutes changes (named in the footer). 2: representative
#: notes chosen for coverage, one line of counts per phase, an automatic part per phase.
FORMAT_VERSION = 2
DEFAULT_TIMEZONE = "Europe/Helsinki"

__all__ = [
    "BLOCK_TYPES",
    "FORMAT_VERSION",
    "Block",
    "BulletList",
    "Facts",
    "Heading",
    "Minutes",
    "NamedTheme",
    "Notice",
    "Paragraph",
    "Quote",
    "SummaryContext",
    "Table",
    "build_minutes",
]


class Summarizer(Protocol):
    """Anything with the Method.summarize hook."""

    def summarize(self, phase: Any, workshop: Any) -> list[Any]:
        """The method's own blocks for one phase."""


class MethodLookup(Protocol):
    """Methods by id: a dict, or the app's MethodRegistry (whose get raises KeyError)."""

    def get(self, method_id: str, /) -> Any:
        """The method with this id."""


def default_methods() -> MethodLookup:
    """The installed methods (built-ins and add-ons, found through their entry points), for
    minutes built without a Flask app."""
    from facilitator.methods.registry import default_registry

    return default_registry()


def _zone(name: str) -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:  # no time-zone database: fall back to UTC rather than fail
        return UTC


def _clean(lines: Iterable[str]) -> tuple[str, ...]:
    return tuple(text.strip() for text in lines if text and text.strip())


def _overview(ctx: SummaryContext) -> list[Block]:
    _ = ctx._
    info = ctx.workshop
    pairs: list[tuple[str, str]] = []
    started = ctx.local(info.get("started_at"))
    ended = ctx.local(info.get("ended_at"))
    day = started or ended or ctx.local(info.get("created_at"))
    if day is not None:
        pairs.append((_("Date"), ctx.date(day)))
    if started is not None and ended is not None:
        pairs.append((_("Time"), f"{ctx.time(started)}–{ctx.time(ended)}"))
        minutes = int((ended - started).total_seconds() // 60)
        pairs.append((_("Duration"), ctx.duration(minutes)))
    elif started is not None:
        pairs.append((_("Started"), ctx.time(started)))
    if str(info.get("place") or "").strip():
        pairs.append((_("Place"), str(info["place"]).strip()))
    facilitators = _clean(str(f) for f in info.get("facilitators") or [])
    if facilitators:
        pairs.append((_("Facilitators"), ", ".join(facilitators)))
    pairs.append((_("Phases"), ctx.number(len(ctx.phases))))
    blocks: list[Block] = [Facts(tuple(pairs))]
    if info.get("status") != "ended":
        blocks.append(
            Notice(
                _("The workshop has not ended yet: these minutes show the situation so far."),
                "warning",
            )
        )
    return blocks


def _phase(
    position: int, phase: dict[str, Any], ctx: SummaryContext, methods: MethodLookup
) -> list[Block]:
    _ = ctx._
    ngettext = ctx.ngettext
    title = ctx.localized(phase.get("title")) or str(phase.get("key"))
    blocks: list[Block] = [
        Heading(2, _("%(number)s. %(title)s") % {"number": position, "title": title})
    ]
    question = ctx.localized(phase.get("question"))
    if question:
        blocks.append(Paragraph(_("Question: %(question)s") % {"question": question}))
    contributions = ctx.by_phase.get(str(phase.get("key")), [])
    if phase.get("started_at") is None and not contributions:
        blocks.append(Paragraph(_("This phase was not run.")))
        return blocks
    try:  # a Mapping returns None for an unknown id, the app's MethodRegistry raises KeyError
        method = methods.get(str(phase.get("method")))
    except KeyError:
        method = None
    if method is not None:
        blocks.extend(method.summarize(phase, ctx))
    else:
        written = ctx.written(phase)
        blocks.append(
            Paragraph(
                ngettext("%(num)s contribution.", "%(num)s contributions.", len(written))
                % {"num": ctx.number(len(written))}
            )
        )
    if not ctx.themes_taken(phase):
        blocks.extend(_named_themes(phase, ctx))
    hidden = len(ctx.hidden_written(phase))
    if hidden:
        blocks.append(
            Paragraph(
                ngettext(
                    "%(num)s note hidden by the facilitator is not shown.",
                    "%(num)s notes hidden by the facilitator are not shown.",
                    hidden,
                )
                % {"num": ctx.number(hidden)}
            )
        )
    blocks.extend(phase_findings(ctx, phase))
    return blocks


def _named_themes(phase: dict[str, Any], ctx: SummaryContext) -> list[Block]:
    """Themes named on the minutes page, for a method whose summary does not show them."""
    _ = ctx._
    by_id = {int(c["id"]): c for c in ctx.written(phase)}
    blocks: list[Block] = []
    for theme in ctx.named_themes(phase):
        blocks.append(Heading(3, _("Theme: %(label)s") % {"label": theme.name}))
        blocks.extend(
            Quote(str(by_id[i]["body"]).strip(), ctx.attribution(by_id[i])) for i in theme.note_ids
        )
    return blocks


def _analysis_note(ctx: SummaryContext, analyser: Analyser) -> str:
    """The footer's sentence on the text analysis: which analyser, and how compounds were
    read (split by morphology, by dictionary look-up, or not at all)."""
    _ = ctx._
    if analyser.compounds == COMPOUNDS_MORPHOLOGY:
        how = _("base forms and compound parts")
    elif analyser.compounds == COMPOUNDS_DICTIONARY:
        how = _("base forms; compounds split where both parts are in its dictionary")
    else:
        how = _("word stems; compound words are not split (only at hyphens)")
    return _("text analysis: %(analyser)s, %(how)s") % {"analyser": analyser.label, "how": how}


def _human_list(heading: str, items: tuple[str, ...], empty: str) -> list[Block]:
    blocks: list[Block] = [Heading(2, heading)]
    blocks.append(BulletList(items) if items else Paragraph(empty))
    return blocks


def _appendix(ctx: SummaryContext) -> list[Block]:
    _ = ctx._
    ngettext = ctx.ngettext
    hidden = sum(len(ctx.hidden_written(p)) for p in ctx.phases)
    intro = _("Every note as it was written, phase by phase, in the order written.")
    if hidden:
        intro += " " + ngettext(
            "%(num)s note hidden by the facilitator is left out.",
            "%(num)s notes hidden by the facilitator are left out.",
            hidden,
        ) % {"num": ctx.number(hidden)}
    blocks: list[Block] = [Heading(2, _("Appendix: all notes")), Paragraph(intro)]
    for position, phase in enumerate(ctx.phases, start=1):
        written = ctx.written(phase)
        if not written:
            continue
        title = ctx.localized(phase.get("title")) or str(phase.get("key"))
        blocks.append(Heading(3, _("%(number)s. %(title)s") % {"number": position, "title": title}))
        ordered = sorted(written, key=lambda c: (str(c.get("created_at") or ""), int(c["id"])))
        blocks.append(
            Table(
                (_("No."), _("Note"), _("Stated role")),
                tuple(
                    (ctx.number(index), str(item["body"]).strip(), ctx.attribution(item))
                    for index, item in enumerate(ordered, start=1)
                ),
            )
        )
    return blocks


def build_minutes(
    export: dict[str, Any],
    locale: str,
    *,
    decisions: Iterable[str] = (),
    next_steps: Iterable[str] = (),
    analyser: str | None = None,
    methods: MethodLookup | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    themes: Iterable[NamedTheme | dict[str, Any]] = (),
) -> Minutes:
    """The minutes of an exported workshop in ``locale`` (fi, sv or en).

    ``analyser`` forces the text-analysis chain (``voikko``, ``simplemma``, ``snowball``; default
    from ``FACILITATOR_TEXT_ANALYSER``, else automatic). ``methods`` maps method ids to objects
    with ``summarize`` (a dict, or the app's ``MethodRegistry`` so add-on methods get their
    sections); the built-in methods are used when it is not given. Times are shown in
    ``timezone``. ``themes`` are the themes the facilitator named on the minutes page
    (``NamedTheme`` or their stored dicts ``{"phase", "name", "notes"}``).
    """
    from facilitator.exports.workshop_json import upgrade

    export = upgrade(export)
    locale = normalize_locale(locale)
    info = export.get("workshop") or {}
    content_language = normalize_locale(str(info.get("locale") or locale))
    methods = default_methods() if methods is None else methods
    ctx = SummaryContext(
        export=export,
        locale=locale,
        analyser=get_analyser(content_language, analyser),
        tz=_zone(timezone),
        methods=methods,
        themes=tuple(t if isinstance(t, NamedTheme) else NamedTheme.from_dict(t) for t in themes),
    )
    _ = ctx._
    title = str(info.get("title") or "").strip() or _("Workshop minutes")
    blocks: list[Block] = [Heading(1, title)]
    blocks.extend(_overview(ctx))
    blocks.extend(summarize_participation(ctx))
    for position, phase in enumerate(ctx.phases, start=1):
        blocks.extend(_phase(position, phase, ctx, methods))
    blocks.extend(_human_list(_("Decisions"), _clean(decisions), _("No decisions were recorded.")))
    blocks.extend(
        _human_list(_("Next steps"), _clean(next_steps), _("No next steps were recorded."))
    )
    blocks.extend(summarize_findings(ctx))
    blocks.extend(_appendix(ctx))
    footer = _(
        "Minutes written automatically by Facilitator (minutes format %(version)s) from the "
        "workshop data; %(analysis)s. Parts marked “Automatic — check” are suggestions "
        "computed from the words of the notes. Check before sharing."
    ) % {"version": FORMAT_VERSION, "analysis": _analysis_note(ctx, ctx.analyser)}
    return Minutes(title=title, locale=locale, blocks=tuple(blocks), footer=footer)
