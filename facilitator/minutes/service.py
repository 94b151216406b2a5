"""The minutes service: generate, store, edit, regenerate, share and export a workshop's minutes.

Generation is a pure function of the workshop export (``facilitator.summaries.build_minutes``)
rendered to Markdown. The stored record keeps the last generated text as a baseline: when the
facilitator has edited the text, a regenerated text is kept beside it (``proposed``) and offered
section by section (``minutes.sections``); nothing is replaced until they choose. Decisions and
next steps are the record's own fields, always written into their sections of the text and of
every export. Every function flushes at most; the caller commits.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, tzinfo
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator import privacy
from facilitator.exports import html as html_export
from facilitator.exports import markdown as md_export
from facilitator.exports.workshop_json import export_workshop
from facilitator.minutes import sections
from facilitator.models import Workshop, WorkshopMinutes
from facilitator.models.types import utcnow
from facilitator.summaries.blocks import Minutes

log = logging.getLogger(__name__)

LOCALES = ("fi", "sv", "en")
MAX_ITEMS = 50
MAX_ITEM_LENGTH = 500

Outcome = Literal["generated", "unchanged", "proposed"]


MAX_THEMES = 100
MAX_THEME_NAME = 120


def build(
    export: dict[str, Any],
    locale: str,
    *,
    decisions: list[str] | tuple[str, ...] = (),
    next_steps: list[str] | tuple[str, ...] = (),
    themes: list[dict[str, Any]] | tuple[dict[str, Any], ...] = (),
) -> Minutes:
    """The minutes of an exported workshop (a pure function of the export), with the app's own
    registered methods when there is an app (so add-on methods get their sections too)."""
    from flask import current_app, has_app_context

    from facilitator.summaries import build_minutes

    methods = current_app.extensions["facilitator.methods"] if has_app_context() else None
    return build_minutes(
        export,
        locale,
        decisions=list(decisions),
        next_steps=list(next_steps),
        methods=methods,
        themes=list(themes),
    )


def generate(
    export: dict[str, Any],
    locale: str,
    *,
    decisions: list[str] | tuple[str, ...] = (),
    next_steps: list[str] | tuple[str, ...] = (),
    themes: list[dict[str, Any]] | tuple[dict[str, Any], ...] = (),
) -> tuple[str, dict[str, str]]:
    """The generated minutes as Markdown text, and the SVGs of its figures by key."""
    minutes = build(export, locale, decisions=decisions, next_steps=next_steps, themes=themes)
    return md_export.render_markdown(minutes), md_export.figures_of(minutes)


def markdown_of(
    export: dict[str, Any],
    locale: str,
    *,
    decisions: list[str] | tuple[str, ...] = (),
    next_steps: list[str] | tuple[str, ...] = (),
    themes: list[dict[str, Any]] | tuple[dict[str, Any], ...] = (),
) -> str:
    """The generated minutes as Markdown text."""
    return generate(export, locale, decisions=decisions, next_steps=next_steps, themes=themes)[0]


_FIGURE_REF = re.compile(r"\(figure:([0-9a-f]{16})\b")


def _keep_figures(record: WorkshopMinutes, new: Mapping[str, str] | None = None) -> None:
    """Keep the SVGs that the generated, edited or proposed text still refers to (plus new
    ones), so an edited text keeps its figures after the minutes are regenerated."""
    pool = {**(record.figures or {}), **(new or {})}
    texts = (record.generated or "", record.body or "", record.proposed or "")
    used = {key for text in texts for key in _FIGURE_REF.findall(text)}
    record.figures = {key: pool[key] for key in sorted(used) if key in pool}


def get(session: Session, workshop: Workshop) -> WorkshopMinutes | None:
    """The stored minutes of a workshop, if any."""
    return session.scalars(
        select(WorkshopMinutes).where(WorkshopMinutes.workshop_id == workshop.id)
    ).first()


def ensure(session: Session, workshop: Workshop) -> WorkshopMinutes:
    """The stored minutes, created empty (in the workshop's language) if there are none yet."""
    record = get(session, workshop)
    if record is None:
        locale = workshop.locale if workshop.locale in LOCALES else "fi"
        record = WorkshopMinutes(
            workshop_id=workshop.id,
            locale=locale,
            generated="",
            body="",
            figures={},
            decisions=[],
            next_steps=[],
            themes=[],
            shared=False,
        )
        session.add(record)
        session.flush()
    return record


def _touch(record: WorkshopMinutes) -> None:
    record.updated_at = utcnow()


def regenerate(
    session: Session, workshop: Workshop, *, locale: str | None = None
) -> tuple[WorkshopMinutes, Outcome]:
    """Generate the minutes again from the current data.

    Not edited (or never generated): the text is replaced → ``generated``. Edited: the edits
    stay; the new text waits in ``proposed`` → ``proposed``, or nothing changes because the
    generated text is the same as before → ``unchanged``.
    """
    # Generate first and write after, so a failure leaves the database as it was.
    record = get(session, workshop)
    current = record.locale if record is not None else workshop.locale
    chosen = locale if locale in LOCALES else current if current in LOCALES else "fi"
    text, figures = generate(
        export_workshop(session, workshop),
        chosen,
        decisions=record.decisions if record is not None else [],
        next_steps=record.next_steps if record is not None else [],
        themes=record.themes or [] if record is not None else [],
    )
    record = record if record is not None else ensure(session, workshop)
    record.generated_at = utcnow()
    _touch(record)
    if not record.body.strip() or not record.edited:
        record.generated = record.body = text
        record.locale = chosen
        record.proposed = record.proposed_locale = None
        _keep_figures(record, figures)
        session.flush()
        return record, "generated"
    if text == record.generated and chosen == record.locale:
        record.proposed = record.proposed_locale = None
        _keep_figures(record, figures)
        session.flush()
        return record, "unchanged"
    # The edited text and its language stay until the facilitator chooses.
    record.proposed, record.proposed_locale = text, chosen
    _keep_figures(record, figures)
    session.flush()
    return record, "proposed"


def on_workshop_end(session: Session, workshop: Workshop) -> None:
    """Hook for the end of a workshop: generate and store the minutes in the same transaction.

    A failure here must not stop the workshop from ending: it is logged, and the minutes page
    offers to generate again.
    """
    try:
        regenerate(session, workshop)
    except Exception:
        log.exception("generating the minutes of workshop %s failed", workshop.id)


def normalize_text(text: str) -> str:
    """Line endings as LF, one newline at the end."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip() + "\n" if text.strip() else ""


def digest(text: str) -> str:
    """A short fingerprint of a text (to notice edits made elsewhere meanwhile)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def save(record: WorkshopMinutes, body: str) -> None:
    """Store the facilitator's text. Decisions and next steps edited in the text become the
    form's; their sections are always in the text (put back if deleted)."""
    text = normalize_text(body)
    decisions, next_steps = sections.items_in(text, record.locale)
    if decisions is not None:
        record.decisions = clean_items(decisions)
    if next_steps is not None:
        record.next_steps = clean_items(next_steps)
    record.body = _with_items(record, text)
    _touch(record)


def _with_items(record: WorkshopMinutes, text: str, locale: str | None = None) -> str:
    """``text`` with the record's decisions and next steps in their sections."""
    return sections.with_items(
        text, locale or record.locale, list(record.decisions), list(record.next_steps)
    )


def accept_proposed(record: WorkshopMinutes) -> bool:
    """Replace the edited text with the regenerated one (the facilitator confirmed)."""
    if record.proposed is None:
        return False
    record.generated = record.body = record.proposed
    record.locale = record.proposed_locale or record.locale
    record.proposed = record.proposed_locale = None
    _keep_figures(record)
    _touch(record)
    return True


def section_offers(record: WorkshopMinutes) -> list[sections.Offer]:
    """The regenerated sections that differ from the facilitator's text (empty when the new text
    is in another language: then it is taken or left as a whole)."""
    if record.proposed is None or (record.proposed_locale or record.locale) != record.locale:
        return []
    return sections.offers(record.body, record.proposed, record.generated)


def accept_section(record: WorkshopMinutes, key: str, digest: str) -> bool:
    """Take one regenerated section into the text; when nothing differs any more, the
    regenerated text becomes the baseline and stops waiting. False if it changed meanwhile."""
    if record.proposed is None:
        return False
    text = sections.accept(record.body, record.proposed, key, digest)
    if text is None:
        return False
    record.body = _with_items(record, text)
    if not sections.offers(record.body, record.proposed, record.generated):
        record.generated = record.proposed
        record.proposed = record.proposed_locale = None
    _keep_figures(record)
    _touch(record)
    return True


def dismiss_proposed(record: WorkshopMinutes) -> bool:
    """Keep the edited text; the regenerated text becomes the new baseline."""
    if record.proposed is None:
        return False
    if (record.proposed_locale or record.locale) == record.locale:
        record.generated = record.proposed
    record.proposed = record.proposed_locale = None
    _keep_figures(record)
    _touch(record)
    return True


def clean_items(text: str | list[str]) -> list[str]:
    """One item per non-empty line (or list entry), trimmed, at most ``MAX_ITEMS``."""
    lines = text.splitlines() if isinstance(text, str) else list(text)
    items = [" ".join(line.split())[:MAX_ITEM_LENGTH] for line in lines]
    return [item for item in items if item][:MAX_ITEMS]


def set_items(
    record: WorkshopMinutes, *, decisions: list[str] | str, next_steps: list[str] | str
) -> bool:
    """Store decisions and next steps; True when they changed."""
    new_decisions, new_steps = clean_items(decisions), clean_items(next_steps)
    changed = new_decisions != list(record.decisions) or new_steps != list(record.next_steps)
    record.decisions = new_decisions
    record.next_steps = new_steps
    # Into the text, the baseline and any waiting regenerated text alike, so an edited text
    # gets them at once and stays "edited" only if it was.
    if record.body.strip():
        record.body = _with_items(record, record.body)
    if record.generated.strip():
        record.generated = _with_items(record, record.generated)
    if record.proposed:
        record.proposed = _with_items(record, record.proposed, record.proposed_locale)
    _touch(record)
    return changed


@dataclass(frozen=True)
class PhaseSuggestions:
    """The suggested themes of one phase for the minutes page, with the notes' own words."""

    key: str
    title: str
    suggestions: list[dict[str, Any]]


def suggestions(
    session: Session, workshop: Workshop, record: WorkshopMinutes | None
) -> list[PhaseSuggestions]:
    """Every phase's suggested themes (notes already in a named theme left out)."""
    from facilitator.summaries import NamedTheme, SummaryContext
    from facilitator.summaries.findings import appendix_numbers, phase_suggestions
    from facilitator.summaries.text_analysis import get_analyser

    export = export_workshop(session, workshop)
    locale = record.locale if record is not None else workshop.locale
    ctx = SummaryContext(
        export=export,
        locale=locale if locale in LOCALES else "fi",
        analyser=get_analyser(str(workshop.locale or "fi")),
        themes=tuple(NamedTheme.from_dict(t) for t in (record.themes or [] if record else [])),
    )
    out = []
    for position, phase in enumerate(ctx.phases, start=1):
        found = phase_suggestions(ctx, phase) if ctx.written(phase) else []
        if not found:
            continue
        numbers = appendix_numbers(ctx, phase)
        title = ctx.localized(phase.get("title")) or str(phase.get("key"))
        out.append(
            PhaseSuggestions(
                key=str(phase["key"]),
                title=f"{position}. {title}",
                suggestions=[
                    {
                        "label": s.label,
                        "notes": [
                            {"id": i, "number": numbers[i], "text": ctx.by_id[i]["body"].strip()}
                            for i in s.note_ids
                        ],
                    }
                    for s in found
                ],
            )
        )
    return out


class ThemeError(ValueError):
    """A named theme that cannot be stored; ``code`` says why (the view translates it)."""

    def __init__(self, code: Literal["name", "notes", "phase", "full"]) -> None:
        super().__init__(code)
        self.code = code


def add_theme(
    session: Session, workshop: Workshop, record: WorkshopMinutes, phase: str, name: str,
    notes: list[int],
) -> dict[str, Any]:  # fmt: skip
    """Name a suggested theme: it is then stated in the minutes as the group's own."""
    name = " ".join(name.split())[:MAX_THEME_NAME]
    if not name:
        raise ThemeError("name")
    export = export_workshop(session, workshop)
    if not any(str(p.get("key")) == phase for p in export.get("phases") or []):
        raise ThemeError("phase")
    written = {
        int(c["id"])
        for c in export.get("contributions") or []
        if str(c.get("phase")) == phase
        and c.get("participant") is not None
        and str(c.get("body") or "").strip()
        and not c.get("deleted")
    }
    chosen = sorted({n for n in notes if n in written})
    if not chosen or len(chosen) != len(set(notes)):
        raise ThemeError("notes")
    themes = list(record.themes or [])
    if len(themes) >= MAX_THEMES:
        raise ThemeError("full")
    theme = {"phase": phase, "name": name, "notes": chosen}
    record.themes = [*themes, theme]
    _touch(record)
    return theme


def remove_theme(record: WorkshopMinutes, index: int) -> bool:
    """Take a named theme back out (its notes are offered as suggestions again)."""
    themes = list(record.themes or [])
    if not 0 <= index < len(themes):
        return False
    del themes[index]
    record.themes = themes
    _touch(record)
    return True


def set_shared(record: WorkshopMinutes, shared: bool) -> None:
    """Show (or stop showing) the minutes to participants' phones and the projector."""
    record.shared = shared
    _touch(record)


def as_minutes(record: WorkshopMinutes, workshop: Workshop) -> Minutes:
    """The stored (possibly edited) text read back into blocks, for rendering."""
    text = _with_items(record, record.body)
    return md_export.parse(text, title=workshop.title, locale=record.locale, figures=record.figures)


def current_minutes(
    session: Session, workshop: Workshop, *, redact_with: Callable[[str], str] | None = None
) -> Minutes:
    """The minutes to export: the stored text, else freshly generated (not stored)."""
    record = get(session, workshop)
    if record is not None and record.body.strip():
        text, locale = _with_items(record, record.body), record.locale
        figures: Mapping[str, str] = record.figures or {}
    else:
        locale = workshop.locale if workshop.locale in LOCALES else "fi"
        decisions = record.decisions if record else []
        steps = record.next_steps if record else []
        text, figures = generate(
            export_workshop(session, workshop),
            locale,
            decisions=decisions,
            next_steps=steps,
            themes=(record.themes or []) if record else [],
        )
    if redact_with is not None:
        text = redact_with(text)
    minutes = md_export.parse(text, title=workshop.title, locale=locale, figures=figures)
    return dataclasses.replace(minutes, date=workshop_date(workshop))


def workshop_date(workshop: Workshop) -> str:
    """The day the workshop was held (started, else ended, else created), as an ISO date in the
    time zone the minutes show times in."""
    from facilitator.summaries import DEFAULT_TIMEZONE

    moment = workshop.started_at or workshop.ended_at or workshop.created_at
    if moment is None:
        return ""
    try:
        zone: tzinfo = ZoneInfo(DEFAULT_TIMEZONE)
    except ZoneInfoNotFoundError:  # no time-zone database: the UTC day
        zone = UTC
    return moment.astimezone(zone).date().isoformat()


def public_minutes_html(session: Session, workshop: Workshop) -> Markup | None:
    """The minutes as an HTML fragment for phones and the projector, only if shared."""
    record = get(session, workshop)
    if record is None or not record.shared or not record.body.strip():
        return None
    return html_export.render_fragment(as_minutes(record, workshop))


def preview_of(record: WorkshopMinutes, text: str, *, title: str = "") -> Markup:
    """The preview of (possibly unsaved) text as it will be exported: with the decisions and
    next steps the record holds."""
    return preview_html(
        _with_items(record, text), title=title, locale=record.locale, figures=record.figures
    )


def preview_html(
    text: str, *, title: str = "", locale: str = "fi", figures: Mapping[str, str] | None = None
) -> Markup:
    """Edited Markdown as the exported documents will show it (blocks → HTML fragment);
    ``figures``: the stored SVGs its figures refer to."""
    return html_export.render_fragment(
        md_export.parse(text, title=title, locale=locale, figures=figures)
    )


def personal_data(record: WorkshopMinutes) -> list[privacy.Finding]:
    """Phone numbers, e-mail addresses and identity codes in the minutes text."""
    return privacy.find(record.body)


def redact(record: WorkshopMinutes, label: Callable[[privacy.Kind], str]) -> int:
    """Replace personal data in the minutes text; returns how many were replaced."""
    count = len(privacy.find(record.body))
    if count:
        record.body = privacy.redact(record.body, label)
        _touch(record)
    return count
