"""The minutes service: generate, store, edit, regenerate, share and export a workshop's minutes.

Generation is a pure function of the workshop export (``facilitator.summaries.build_minutes``)
rendered to Markdown. The stored record keeps the last generated text as a baseline: when the
facilitator has edited the text, a regenerated text is kept beside it (``proposed``) and nothing
is replaced until they choose. Every function flushes at most; the caller commits.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator import privacy
from facilitator.exports import html as html_export
from facilitator.exports import markdown as md_export
from facilitator.exports.workshop_json import export_workshop
from facilitator.models import Workshop, WorkshopMinutes
from facilitator.models.types import utcnow
from facilitator.summaries.blocks import Minutes

log = logging.getLogger(__name__)

LOCALES = ("fi", "sv", "en")
MAX_ITEMS = 50
MAX_ITEM_LENGTH = 500

Outcome = Literal["generated", "unchanged", "proposed"]


def build(
    export: dict[str, Any],
    locale: str,
    *,
    decisions: list[str] | tuple[str, ...] = (),
    next_steps: list[str] | tuple[str, ...] = (),
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
    )


def generate(
    export: dict[str, Any],
    locale: str,
    *,
    decisions: list[str] | tuple[str, ...] = (),
    next_steps: list[str] | tuple[str, ...] = (),
) -> tuple[str, dict[str, str]]:
    """The generated minutes as Markdown text, and the SVGs of its figures by key."""
    minutes = build(export, locale, decisions=decisions, next_steps=next_steps)
    return md_export.render_markdown(minutes), md_export.figures_of(minutes)


def markdown_of(
    export: dict[str, Any],
    locale: str,
    *,
    decisions: list[str] | tuple[str, ...] = (),
    next_steps: list[str] | tuple[str, ...] = (),
) -> str:
    """The generated minutes as Markdown text."""
    return generate(export, locale, decisions=decisions, next_steps=next_steps)[0]


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
    """Store the facilitator's text."""
    record.body = normalize_text(body)
    _touch(record)


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
    _touch(record)
    return changed


def set_shared(record: WorkshopMinutes, shared: bool) -> None:
    """Show (or stop showing) the minutes to participants' phones and the projector."""
    record.shared = shared
    _touch(record)


def as_minutes(record: WorkshopMinutes, workshop: Workshop) -> Minutes:
    """The stored (possibly edited) text read back into blocks, for rendering."""
    return md_export.parse(
        record.body, title=workshop.title, locale=record.locale, figures=record.figures
    )


def current_minutes(
    session: Session, workshop: Workshop, *, redact_with: Callable[[str], str] | None = None
) -> Minutes:
    """The minutes to export: the stored text, else freshly generated (not stored)."""
    record = get(session, workshop)
    if record is not None and record.body.strip():
        text, locale, figures = record.body, record.locale, record.figures
    else:
        locale = workshop.locale if workshop.locale in LOCALES else "fi"
        decisions = record.decisions if record else []
        steps = record.next_steps if record else []
        text, figures = generate(
            export_workshop(session, workshop), locale, decisions=decisions, next_steps=steps
        )
    if redact_with is not None:
        text = redact_with(text)
    return md_export.parse(text, title=workshop.title, locale=locale, figures=figures)


def public_minutes_html(session: Session, workshop: Workshop) -> Markup | None:
    """The minutes as an HTML fragment for phones and the projector, only if shared."""
    record = get(session, workshop)
    if record is None or not record.shared or not record.body.strip():
        return None
    return html_export.render_fragment(as_minutes(record, workshop))


def preview_html(
    text: str, *, title: str = "", locale: str = "fi", figures: Mapping[str, str] | None = None
) -> Markup:
    """Edited Markdown as the exported documents will show it (blocks → HTML fragment);
    ``figures``: the stored SVGs its figures refer to."""
    return html_export.render_fragment(
        md_export.parse(text, title=title, locale=locale, figures=figures)
    )


@dataclass(frozen=True)
class DiffLine:
    """One line of a comparison: ``kind`` is "same", "added" or "removed"."""

    kind: Literal["same", "added", "removed"]
    text: str


def compare(
    mine: str, regenerated: str, *, context: int = 2, limit: int = 600
) -> list[DiffLine | None]:
    """What the regenerated text changes compared with the edited one (None = skipped lines;
    at most about ``limit`` lines, the full regenerated text is shown beside it anyway)."""
    out: list[DiffLine | None] = []
    a, b = mine.splitlines(), regenerated.splitlines()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if len(out) >= limit:
            break
        if out:
            out.append(None)
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(DiffLine("same", line) for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                out.extend(DiffLine("removed", line) for line in a[i1:i2])
            if tag in ("replace", "insert"):
                out.extend(DiffLine("added", line) for line in b[j1:j2])
    return [*out[:limit], None] if len(out) > limit else out


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
