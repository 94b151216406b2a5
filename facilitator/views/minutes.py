"""The minutes page in the console (edit, preview, regenerate, decisions, share, redact) and
minutes downloads for the console and the token API."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from markupsafe import Markup
from werkzeug.wrappers import Response

from facilitator import privacy
from facilitator.access import workshop_for
from facilitator.blocking import run_blocking
from facilitator.config import LOCALES
from facilitator.exports import pdf as pdf_export
from facilitator.exports import registry
from facilitator.exports.html import DOCUMENT_CSP
from facilitator.exports.workshop_json import export_workshop
from facilitator.extensions import db
from facilitator.i18n import LANGUAGE_NAMES
from facilitator.minutes import service
from facilitator.models import Workshop, WorkshopMinutes
from facilitator.realtime.publish import workshop_transaction
from facilitator.realtime.snapshot import shared_minutes
from facilitator.views.api import api_error, token_required
from facilitator.views.common import owned_workshop

bp = Blueprint("minutes", __name__)

KIND_LABELS = {
    "hetu": _l("personal identity code"),
    "email": _l("e-mail address"),
    "phone": _l("phone number"),
}
FORMAT_LABELS = {
    "docx": _l("Word (.docx)"),
    "pdf": _l("PDF"),
    "html": _l("Web page for printing (.html)"),
    "md": _l("Markdown (.md)"),
    "csv": _l("All notes as tables (.zip of CSV files)"),
    "json": _l("Whole workshop as data (.json, can be imported)"),
}
# A downloaded HTML file carries its own stylesheet; nothing else may load or run.
HTML_DOWNLOAD_CSP = DOCUMENT_CSP
MAX_BODY = 2_000_000


def redaction_label(locale: str) -> Any:
    """A function kind → marker text in the minutes' language."""

    def label(kind: privacy.Kind) -> str:
        with force_locale(locale):
            if kind == "hetu":
                return _("[identity code removed]")
            if kind == "email":
                return _("[e-mail address removed]")
            return _("[phone number removed]")

    return label


def _record(workshop: Workshop) -> WorkshopMinutes:
    return service.ensure(db.session, workshop)


def _back(workshop: Workshop) -> Response:
    return redirect(url_for("minutes.edit", workshop_id=workshop.id))


def _findings(text: str) -> list[dict[str, str]]:
    return [
        {"kind": str(KIND_LABELS[f.kind]), "masked": privacy.mask(f.text)}
        for f in privacy.find(text)
    ]


def _phase_titles(workshop: Workshop) -> dict[str, str]:
    """Phase keys → "1. Title" for the named-themes list."""
    from facilitator.summaries.context import SummaryContext
    from facilitator.summaries.text_analysis import get_analyser

    export = export_workshop(db.session, workshop)
    ctx = SummaryContext(export=export, locale=workshop.locale, analyser=get_analyser("fi"))
    return {
        str(p["key"]): f"{n}. {ctx.localized(p.get('title')) or p['key']}"
        for n, p in enumerate(ctx.phases, start=1)
    }


def _page(workshop: Workshop, record: WorkshopMinutes | None, *, draft: str | None = None) -> str:
    """Render the minutes page; ``draft`` is unsaved text to keep in the editor."""
    body = draft if draft is not None else (record.body if record else "")
    locale = record.locale if record else workshop.locale
    data_findings = privacy.scan_export(export_workshop(db.session, workshop))
    if record is not None:
        preview = service.preview_of(record, body, title=workshop.title)
    else:
        preview = service.preview_html(body, title=workshop.title, locale=locale)
    offers = service.section_offers(record) if record is not None else []
    figures = record.figures if record is not None else None
    return render_template(
        "minutes/edit.html",
        workshop=workshop,
        record=record,
        body=body,
        base=service.digest(record.body if record else ""),
        preview=preview,
        findings=_findings(body),
        data_findings=len(data_findings),
        offers=[
            {
                "offer": offer,
                "new": service.preview_html(offer.new.text, locale=locale, figures=figures),
                "mine": service.preview_html(offer.mine.text, locale=locale, figures=figures)
                if offer.mine is not None
                else None,
            }
            for offer in offers
        ],
        suggestions=service.suggestions(db.session, workshop, record),
        named_themes=list(record.themes or []) if record else [],
        phase_titles=_phase_titles(workshop),
        formats=FORMAT_LABELS,
        languages=[(key, LANGUAGE_NAMES[key]) for key in LOCALES],
        minutes_locale=locale,
        unsaved=draft is not None and record is not None and draft != record.body,
    )


@bp.get("/console/<int:workshop_id>/minutes")
@login_required
def edit(workshop_id: int) -> str:
    """The minutes editor: Markdown text, preview, decisions, regeneration and downloads."""
    workshop = owned_workshop(workshop_id)
    return _page(workshop, service.get(db.session, workshop))


@bp.post("/console/<int:workshop_id>/minutes")
@login_required
def save(workshop_id: int) -> str | Response:
    """Save the edited text (or, with action=preview, only show its preview)."""
    workshop = owned_workshop(workshop_id)
    text = request.form.get("body", "")[:MAX_BODY]
    record = service.get(db.session, workshop)
    if request.form.get("action") == "preview":
        return _page(workshop, record, draft=text)
    record = record or _record(workshop)
    if request.form.get("base", "") != service.digest(record.body) and (
        service.normalize_text(text) != record.body
    ):
        flash(
            _(
                "The minutes were changed in another window meanwhile. Your text is still in "
                "the editor: compare, then save again."
            ),
            "error",
        )
        return _page(workshop, record, draft=text)
    service.save(record, text)
    db.session.commit()
    flash(_("The minutes are saved."), "info")
    return _back(workshop)


@bp.post("/console/<int:workshop_id>/minutes/preview")
@login_required
def preview(workshop_id: int) -> Response:
    """The preview of unsaved text as an HTML fragment (for the page script)."""
    workshop = owned_workshop(workshop_id)
    record = service.get(db.session, workshop)
    text = request.form.get("body", "")[:MAX_BODY]
    if record is not None:
        html = service.preview_of(record, text, title=workshop.title)
    else:
        html = service.preview_html(text, title=workshop.title, locale=workshop.locale)
    return Response(str(html), mimetype="text/html")


@bp.post("/console/<int:workshop_id>/minutes/regenerate")
@login_required
def regenerate(workshop_id: int) -> Response:
    """Generate the minutes again; edited text is kept and the new text shown beside it."""
    workshop = owned_workshop(workshop_id)
    locale = request.form.get("locale")
    outcome = service.regenerate(
        db.session, workshop, locale=locale if locale in LOCALES else None
    )[1]
    db.session.commit()
    if outcome == "proposed":
        flash(
            _(
                "Your edits are kept. The sections that the new text changes are shown below: "
                "accept the ones you want."
            ),
            "info",
        )
    elif outcome == "unchanged":
        flash(_("Nothing new to add: your edited minutes are kept as they are."), "info")
    else:
        flash(_("The minutes are generated from the workshop's current content."), "info")
    return _back(workshop)


@bp.post("/console/<int:workshop_id>/minutes/proposal")
@login_required
def proposal(workshop_id: int) -> Response:
    """Use the regenerated text (confirmed) or keep the edited one."""
    workshop = owned_workshop(workshop_id)
    record = _record(workshop)
    if request.form.get("choice") == "accept":
        if request.form.get("confirm") != "yes":
            flash(_("Tick the box to confirm that your edited text will be replaced."), "error")
            return _back(workshop)
        if service.accept_proposed(record):
            flash(_("The regenerated text replaced your edited text."), "info")
    elif service.dismiss_proposed(record):
        flash(_("Your edited text is kept."), "info")
    db.session.commit()
    return _back(workshop)


@bp.post("/console/<int:workshop_id>/minutes/proposal/section")
@login_required
def proposal_section(workshop_id: int) -> Response:
    """Take one section of the regenerated text into the minutes."""
    workshop = owned_workshop(workshop_id)
    record = _record(workshop)
    key, digest = request.form.get("key", ""), request.form.get("digest", "")
    if service.accept_section(record, key, digest):
        flash(
            _("The section “%(title)s” now has the new text.") % {"title": key or _("Beginning")},
            "info",
        )
    else:
        flash(_("That section changed meanwhile. Look at it again below."), "error")
    db.session.commit()
    return _back(workshop)


@bp.post("/console/<int:workshop_id>/minutes/items")
@login_required
def items(workshop_id: int) -> Response:
    """Save decisions and next steps into their sections of the minutes (edits elsewhere stay)."""
    workshop = owned_workshop(workshop_id)
    record = _record(workshop)
    changed = service.set_items(
        record,
        decisions=request.form.get("decisions", "")[:50_000],
        next_steps=request.form.get("next_steps", "")[:50_000],
    )
    db.session.commit()
    if changed and record.body.strip():
        flash(_("Decisions and next steps are saved and in the minutes."), "info")
    else:
        flash(_("Decisions and next steps are saved."), "info")
    return _back(workshop)


THEME_ERRORS = {
    "name": _l("Give the theme a name."),
    "notes": _l("The notes of this suggestion have changed. Look at the suggestions again."),
    "phase": _l("This phase is no longer in the workshop."),
    "full": _l("There are too many named themes. Remove one first."),
}


@bp.post("/console/<int:workshop_id>/minutes/themes")
@login_required
def themes(workshop_id: int) -> Response:
    """Turn a suggested theme into a named theme (or remove one), then regenerate."""
    workshop = owned_workshop(workshop_id)
    record = _record(workshop)
    if request.form.get("action") == "remove":
        try:
            index = int(request.form.get("index", ""))
        except ValueError:
            index = -1
        if not service.remove_theme(record, index):
            flash(_("That theme was already removed."), "error")
            return _back(workshop)
        message = _("The theme was removed; its notes are offered as suggestions again.")
    else:
        try:
            notes = [int(n) for n in request.form.getlist("notes")]
        except ValueError:
            notes = []
        try:
            theme = service.add_theme(
                db.session,
                workshop,
                record,
                request.form.get("phase", ""),
                request.form.get("name", ""),
                notes,
            )
        except service.ThemeError as error:
            flash(str(THEME_ERRORS[error.code]), "error")
            return _back(workshop)
        message = _("“%(name)s” is now a theme of the group.") % {"name": theme["name"]}
    db.session.flush()
    outcome = service.regenerate(db.session, workshop)[1]
    db.session.commit()
    if outcome == "proposed":
        message += " " + _(
            "Your edited minutes are kept; the regenerated text with it is shown beside yours."
        )
    flash(message, "info")
    return _back(workshop)


@bp.post("/console/<int:workshop_id>/minutes/redact")
@login_required
def redact(workshop_id: int) -> Response:
    """Replace phone numbers, e-mail addresses and identity codes in the minutes text."""
    workshop = owned_workshop(workshop_id)
    record = _record(workshop)
    count = service.redact(record, redaction_label(record.locale))
    db.session.commit()
    if count:
        message = ngettext(
            "%(num)d piece of personal data was replaced with a marker.",
            "%(num)d pieces of personal data were replaced with a marker.",
            count,
        )
        flash(message, "info")
    else:
        flash(_("No personal data was found in the minutes text."), "info")
    return _back(workshop)


@bp.post("/console/<int:workshop_id>/minutes/share")
@login_required
def share(workshop_id: int) -> Response:
    """Show the minutes to participants' phones and the projector, or stop showing them."""
    workshop = owned_workshop(workshop_id)
    with workshop_transaction(workshop.id) as txn:
        record = service.ensure(db.session, txn.workshop)
        service.set_shared(record, request.form.get("shared") == "on")
        shared = shared_minutes(db.session, txn.workshop)
        txn.publish("minutes.shared", {"shared": shared})
    if record.shared:
        flash(_("The minutes are now shown to participants and on the projector."), "info")
    else:
        flash(_("The minutes are no longer shown to participants."), "info")
    return _back(workshop)


def download(workshop: Workshop, fmt: str, *, redacted: bool) -> Response:
    """One export of a workshop as a file download."""
    spec = registry.FORMATS.get(fmt)
    if spec is None:
        abort(404)
    record = service.get(db.session, workshop)
    locale = record.locale if record else workshop.locale
    label = redaction_label(locale)
    if spec.minutes:
        minutes = service.current_minutes(
            db.session,
            workshop,
            redact_with=(lambda text: privacy.redact(text, label)) if redacted else None,
        )
        # A long PDF takes seconds to lay out: off the event loop, so phones stay connected.
        if fmt == "pdf":
            pdf_export.load()
        content = run_blocking(registry.render, minutes, fmt)
    else:
        data = export_workshop(db.session, workshop)
        if redacted:
            data = privacy.redact_export(data, label)
        content = registry.export(data, fmt)
    # content_type, not mimetype: the media types already name their charset (sent once).
    response = Response(content, content_type=spec.media_type)
    name = registry.filename(workshop.title, workshop.id, fmt)
    response.headers["Content-Disposition"] = registry.content_disposition(name)
    response.headers["Cache-Control"] = "no-store"
    if fmt == "html":
        response.headers["Content-Security-Policy"] = HTML_DOWNLOAD_CSP
    return response


@bp.get("/console/<int:workshop_id>/minutes.<fmt>")
@login_required
def console_download(workshop_id: int, fmt: str) -> Response:
    """Download the minutes (md, html, docx, pdf) or the workshop's data (csv, json)."""
    workshop = owned_workshop(workshop_id)
    return download(workshop, fmt, redacted=request.args.get("redact") == "1")


@bp.get("/api/v1/workshops/<int:workshop_id>/minutes.<fmt>")
@token_required
def api_download(workshop_id: int, fmt: str) -> Response | tuple[Response, int]:
    """The minutes or workshop data in one format, with a bearer token."""
    workshop = workshop_for(db.session, g.api_user, workshop_id)
    if workshop is None:
        return api_error("not_found", 404)
    if fmt not in registry.FORMATS:
        return api_error("not_found", 404)
    return download(workshop, fmt, redacted=request.args.get("redact") == "1")


def public_minutes_html(workshop: Workshop) -> Markup | None:
    """The shared minutes as HTML for phones and the projector (None when not shared)."""
    return service.public_minutes_html(db.session, workshop)
