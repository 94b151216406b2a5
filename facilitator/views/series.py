"""Series pages: a theme group's meetings with their minutes, its facilitators, and the
artefacts its meetings produced, each with the meeting and phase it came from and its versions."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from facilitator.access import MAX_ID, may_run_series
from facilitator.config import LOCALES
from facilitator.extensions import db
from facilitator.i18n import LANGUAGE_NAMES
from facilitator.models import Artefact, Series, User
from facilitator.operations import series as ops
from facilitator.operations.workshops import create_workshop

bp = Blueprint("series", __name__)

#: Headings for the artefact kinds the built-in methods produce (others show their kind).
ARTEFACT_KINDS = {
    "theme": _l("Named themes"),
    "concept": _l("Concepts"),
    "persona": _l("Personas"),
    "path": _l("Service paths"),
    "map": _l("Causal maps"),
    "ladder": _l("Goal ladders"),
    "topic": _l("Topics"),
}


class SeriesForm(FlaskForm):
    """A new series: a name and what it is about."""

    title = StringField(_l("Name of the series"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("What the group works on"), validators=[Length(max=1000)])


class MeetingForm(FlaskForm):
    """A new meeting of the series from a kit."""

    kit = SelectField(_l("Session kit"), validators=[DataRequired()])
    title = StringField(_l("Name of the meeting"), validators=[Optional(), Length(max=200)])
    locale = SelectField(
        _l("Language"), choices=[SelectChoice(k, LANGUAGE_NAMES[k]) for k in LOCALES]
    )


class FacilitatorForm(FlaskForm):
    """Add a co-facilitator by user name."""

    username = StringField(_l("User name"), validators=[DataRequired(), Length(max=80)])


def _series(series_id: int) -> Series:
    """The series if the logged-in facilitator runs it, else 404 (no hint that it exists)."""
    series = db.session.get(Series, series_id) if 0 < series_id <= MAX_ID else None
    if not may_run_series(current_user, series):
        abort(404)
    assert series is not None
    return series


def _kit_choices() -> list[SelectChoice]:
    locale = str(get_locale())
    kits = current_app.extensions["facilitator.kits"]
    titles = sorted(((k.title.get(locale), k.id) for k in kits.values()), key=lambda c: c[0])
    return [SelectChoice(kit_id, title) for title, kit_id in titles]


def my_series() -> list[Series]:
    """The series the logged-in facilitator owns or co-facilitates, newest first."""
    from facilitator.access import _series_of

    return list(
        db.session.scalars(
            select(Series)
            .where(Series.id.in_(_series_of(current_user.id)))
            .order_by(Series.created_at.desc(), Series.id.desc())
        )
    )


@bp.route("/series", methods=["POST"])
@login_required
def create() -> Response:
    """Start a new series and open its page."""
    form = SeriesForm(prefix="series")
    if not form.validate_on_submit():
        flash(_("Give the series a name."), "error")
        return redirect(url_for("console.home"))
    series = ops.create_series(
        db.session, current_user, form.title.data or "", form.description.data or ""
    )
    db.session.commit()
    return redirect(url_for("series.show", series_id=series.id))


@bp.route("/series/<int:series_id>")
@login_required
def show(series_id: int) -> str:
    """The series: its meetings, facilitators and artefacts."""
    series = _series(series_id)
    meeting_form = MeetingForm()
    meeting_form.kit.choices = _kit_choices()
    meeting_form.locale.data = current_app.config["DEFAULT_LOCALE"]
    meetings = ops.meetings(db.session, series)
    titles = {w.id: w.title for w in meetings}
    artefacts: dict[str, list[dict[str, Any]]] = {}
    for artefact in db.session.scalars(
        select(Artefact).where(Artefact.series_id == series.id).order_by(Artefact.id)
    ):
        versions = ops.history(db.session, artefact)
        if not versions:
            continue
        artefacts.setdefault(artefact.kind, []).append(
            {
                "artefact": artefact,
                "latest": versions[-1],
                "versions": [(v, titles.get(v.workshop_id or 0, "")) for v in versions],
            }
        )
    from facilitator.views.console import minutes_url

    return render_template(
        "series/show.html",
        series=series,
        meetings=meetings,
        minutes_urls={w.id: minutes_url(w.id) for w in meetings if w.status == "ended"},
        facilitators=ops.facilitators(db.session, series),
        artefacts=artefacts,
        meeting_form=meeting_form,
        facilitator_form=FacilitatorForm(),
        may_manage=series.owner_id == current_user.id,
        artefact_kinds=ARTEFACT_KINDS,
    )


@bp.route("/series/<int:series_id>/meetings", methods=["POST"])
@login_required
def new_meeting(series_id: int) -> Response:
    """Create the series' next meeting from a kit and open its console."""
    series = _series(series_id)
    form = MeetingForm()
    form.kit.choices = _kit_choices()
    if not form.validate_on_submit():
        flash(_("Choose a session kit for the meeting."), "error")
        return redirect(url_for("series.show", series_id=series.id))
    kit = current_app.extensions["facilitator.kits"][form.kit.data]
    workshop = create_workshop(
        db.session, current_user, kit, title=form.title.data or "", locale=form.locale.data
    )
    workshop.series_id = series.id
    db.session.commit()
    return redirect(url_for("console.live", workshop_id=workshop.id))


@bp.route("/series/<int:series_id>/facilitators", methods=["POST"])
@login_required
def add_facilitator(series_id: int) -> Response:
    """Let another facilitator of this installation run the series (the owner only)."""
    series = _series(series_id)
    if series.owner_id != current_user.id:
        abort(403)
    form = FacilitatorForm()
    username = (form.username.data or "").strip() if form.validate_on_submit() else ""
    user = db.session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        flash(_("No facilitator has that user name."), "error")
    elif ops.add_facilitator(db.session, series, user):
        db.session.commit()
        flash(_("%(name)s can now run the meetings of this series.", name=user.username))
    else:
        flash(_("%(name)s already runs this series.", name=user.username))
    return redirect(url_for("series.show", series_id=series.id))


@bp.route("/series/<int:series_id>/facilitators/<int:user_id>/remove", methods=["POST"])
@login_required
def remove_facilitator(series_id: int, user_id: int) -> Response:
    """Take a co-facilitator off the series (the owner only)."""
    series = _series(series_id)
    if series.owner_id != current_user.id:
        abort(403)
    if ops.remove_facilitator(db.session, series, user_id):
        db.session.commit()
    return redirect(url_for("series.show", series_id=series.id))
