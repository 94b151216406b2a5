"""The facilitator's pages: workshop list, create from a kit, the live console, API token."""

from __future__ import annotations

import hashlib
import secrets

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from facilitator.access import facilitated_by
from facilitator.config import LOCALES
from facilitator.extensions import db
from facilitator.i18n import LANGUAGE_NAMES
from facilitator.methods import workshop_assets
from facilitator.models import Workshop
from facilitator.operations.workshops import create_workshop
from facilitator.roles import STATED_ROLES
from facilitator.ui_strings import strings_for
from facilitator.views.common import join_url, owned_workshop, phone_reach
from facilitator.views.projector import join_address
from facilitator.views.series import SeriesForm, my_series

bp = Blueprint("console", __name__)


class CreateForm(FlaskForm):
    """Pick a kit, name the workshop, choose its language."""

    kit = SelectField(_l("Session kit"), validators=[DataRequired()])
    title = StringField(_l("Name of the workshop"), validators=[Optional(), Length(max=200)])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    locale = SelectField(
        _l("Language"), choices=[SelectChoice(k, LANGUAGE_NAMES[k]) for k in LOCALES]
    )


def _kit_choices(locale: str) -> list[SelectChoice]:
    """Every loaded kit by its title in the page's language, sorted by title."""
    kits = current_app.extensions["facilitator.kits"]
    titles = sorted(((k.title.get(locale), k.id) for k in kits.values()), key=lambda c: c[0])
    return [SelectChoice(kit_id, title) for title, kit_id in titles]


@bp.route("/", methods=["GET", "POST"])
@login_required
def home() -> str | Response:
    """The facilitator's workshops and the form to create one."""
    from flask_babel import get_locale

    form = CreateForm()
    form.kit.choices = _kit_choices(str(get_locale()))
    if not form.is_submitted():
        form.locale.data = current_app.config["DEFAULT_LOCALE"]
    if form.validate_on_submit():
        kit = current_app.extensions["facilitator.kits"][form.kit.data]
        workshop = create_workshop(
            db.session,
            current_user,
            kit,
            title=form.title.data or "",
            locale=form.locale.data,
            place=form.place.data or "",
        )
        db.session.commit()
        return redirect(url_for("console.live", workshop_id=workshop.id))
    workshops = db.session.scalars(
        facilitated_by(current_user).order_by(Workshop.created_at.desc(), Workshop.id.desc())
    ).all()
    kit_titles = {choice.value: choice.label for choice in form.kit.choices}
    return render_template(
        "console/home.html",
        form=form,
        workshops=workshops,
        kit_titles=kit_titles,
        projector_urls={
            w.id: url_for("projector.show", workshop_id=w.id, token=w.projector_token)
            for w in workshops
        },
        minutes_urls={w.id: minutes_url(w.id) for w in workshops if w.status == "ended"},
        series_list=my_series(),
        series_form=SeriesForm(formdata=None, prefix="series"),
    )


def minutes_url(workshop_id: int) -> str | None:
    """The minutes page of a workshop, when the minutes are installed."""
    for rule in current_app.url_map.iter_rules():
        if rule.rule == "/console/<int:workshop_id>/minutes" and "GET" in (rule.methods or ()):
            return url_for(rule.endpoint, workshop_id=workshop_id)
    return None


@bp.route("/console/<int:workshop_id>")
@login_required
def live(workshop_id: int) -> str:
    """The live console for one workshop."""
    workshop = owned_workshop(workshop_id)
    projector = url_for("projector.show", workshop_id=workshop.id, token=workshop.projector_token)
    url = join_url(workshop)
    # The preview of the big screen speaks the room's language, like the big screen itself
    # (all three, so a change of the workshop's language shows at once).
    assets = workshop_assets(workshop)
    preview_strings = {}
    for locale in LOCALES:
        with force_locale(locale):
            preview_strings[locale] = strings_for("projector", methods=assets["method_ids"])
    return render_template(
        "console/live.html",
        workshop=workshop,
        projector_url=projector,
        qr_url=url_for("projector.qr", workshop_id=workshop.id, token=workshop.projector_token),
        join_url=url,
        join_address=join_address(url),
        reach=phone_reach(),
        minutes_url=minutes_url(workshop.id),
        roles={key: str(label) for key, label in STATED_ROLES.items()},
        preview_strings=preview_strings,
        languages=LANGUAGE_NAMES,
        **assets,
    )


@bp.route("/account/token", methods=["POST"])
@login_required
def new_token() -> str:
    """Make a new API token (shown once; only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    current_user.api_token_hash = hashlib.sha256(token.encode()).hexdigest()
    db.session.commit()
    return render_template("console/token.html", token=token)
