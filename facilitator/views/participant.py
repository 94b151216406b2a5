"""The phone's pages: enter a code, join (nothing required), the workshop screen."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import RadioField, StringField
from wtforms.validators import Length, Optional

from facilitator.config import LOCALES
from facilitator.extensions import db, limiter
from facilitator.methods import workshop_assets
from facilitator.models import Participant, Workshop
from facilitator.operations import groups
from facilitator.operations.participants import create_participant, token_hash
from facilitator.operations.workshops import find_by_code
from facilitator.realtime.controls import publish_groups
from facilitator.realtime.errors import MESSAGES
from facilitator.realtime.namespace import seat_cookie_name
from facilitator.realtime.publish import workshop_transaction
from facilitator.realtime.snapshot import participation
from facilitator.roles import STATED_ROLES

bp = Blueprint("participant", __name__)

SEAT_MAX_AGE = 30 * 86400


def join_limit() -> str:
    """Wrong join codes allowed per address (FACILITATOR_JOIN_RATE)."""
    return str(current_app.config["JOIN_RATE"])


def seat_limit() -> str:
    """New seats allowed per address (FACILITATOR_SEAT_RATE)."""
    return str(current_app.config["SEAT_RATE"])


def wrong_code(response: Response) -> bool:
    """Only wrong codes use up attempts: a room behind one address must all be able to join."""
    return response.status_code in (400, 404)


def valid_code() -> bool:
    """A code of an existing workshop is never limited, however many wrong codes the same
    address sent (a room behind one NAT address must not lock itself out by mistyping)."""
    code = (request.view_args or {}).get("code")
    if code is None:
        code = request.form.get("code", "")
    return find_by_code(db.session, str(code)) is not None


def seat_made(response: Response) -> bool:
    """The response gave the phone a new seat."""
    return any(h.startswith("seat_") for h in response.headers.getlist("Set-Cookie"))


class CodeForm(FlaskForm):
    """The six-character code."""

    code = StringField(_l("Workshop code"), validators=[Length(max=20)])


class JoinForm(FlaskForm):
    """Everything optional: a first name and a stated role."""

    name = StringField(
        _l("First name or nickname (optional)"), validators=[Optional(), Length(max=40)]
    )
    role = RadioField(_l("I take part as (optional)"), choices=[], validators=[Optional()])


def _role_choices() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in STATED_ROLES.items()]


def current_participant(workshop: Workshop) -> Participant | None:
    """The phone's seat in this workshop, from its cookie."""
    token = request.cookies.get(seat_cookie_name(workshop.id))
    if not token:
        return None
    participant = db.session.scalars(
        select(Participant).where(Participant.token_hash == token_hash(token))
    ).first()
    return participant if participant and participant.workshop_id == workshop.id else None


@bp.route("/j", methods=["GET", "POST"])
@limiter.shared_limit(
    join_limit, scope="join", methods=["POST"], deduct_when=wrong_code, exempt_when=valid_code
)
def enter_code() -> str | Response:
    """Type the code shown on the screen."""
    form = CodeForm()
    error = None
    if form.validate_on_submit():
        workshop = find_by_code(db.session, form.code.data or "")
        if workshop is not None:
            return redirect(url_for("participant.join", code=workshop.join_code))
        error = MESSAGES["wrong_code"]
    return render_template("participant/code.html", form=form, error=error), (400 if error else 200)


@bp.route("/j/<code>", methods=["GET", "POST"])
@limiter.shared_limit(join_limit, scope="join", deduct_when=wrong_code, exempt_when=valid_code)
@limiter.shared_limit(seat_limit, scope="seat", methods=["POST"], deduct_when=seat_made)
def join(code: str) -> str | Response | tuple[str, int]:
    """The page the QR opens: one big button, optional name and role."""
    workshop = find_by_code(db.session, code)
    if workshop is None:
        form = CodeForm(data={"code": code})
        return render_template(
            "participant/code.html", form=form, error=MESSAGES["wrong_code"]
        ), 404
    g.workshop_locale = workshop.locale
    if current_participant(workshop) is not None:
        return redirect(url_for("participant.room", code=workshop.join_code))
    form = JoinForm()
    form.role.choices = _role_choices()
    if form.validate_on_submit():
        return _seat_and_enter(workshop.id, form)
    return render_template("participant/join.html", workshop=workshop, form=form)


def _seat_and_enter(workshop_id: int, form: JoinForm) -> Response:
    locale = str(get_locale())
    with workshop_transaction(workshop_id) as txn:
        participant, token = create_participant(
            db.session,
            txn.workshop,
            name=(form.name.data or "").strip(),
            role=form.role.data if form.role.data in STATED_ROLES else "",
            locale=locale,
        )
        people = participation(db.session, txn.workshop.id)
        txn.publish("participants", {"count": people["count"]}, people)
        if groups.place_late(db.session, txn.workshop, participant) is not None:
            publish_groups(txn)  # a late arrival joins the smallest group
        code = txn.workshop.join_code
    response = make_response(redirect(url_for("participant.room", code=code)))
    response.set_cookie(
        seat_cookie_name(workshop_id),
        token,
        max_age=SEAT_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )
    del participant
    return response


@bp.route("/w/<code>")
def room(code: str) -> str | Response:
    """The workshop on the phone: question, one action, what others wrote."""
    workshop = find_by_code(db.session, code)
    if workshop is None:
        return redirect(url_for("participant.enter_code"))
    participant = current_participant(workshop)
    if participant is None:
        return redirect(url_for("participant.join", code=workshop.join_code))
    asked = request.args.get("lang", "")
    if asked in LOCALES and asked != participant.locale:
        participant.locale = asked
        db.session.commit()
    g.workshop_locale = participant.locale
    form = JoinForm(data={"name": participant.name, "role": participant.role or None})
    form.role.choices = _role_choices()
    return render_template(
        "participant/room.html",
        workshop=workshop,
        participant=participant,
        roles=STATED_ROLES,
        form=form,
        **workshop_assets(workshop),
    )


@bp.route("/w/<code>/me", methods=["POST"])
def update_me(code: str) -> Response:
    """Change one's name, stated role or language later (all optional)."""
    workshop = find_by_code(db.session, code)
    if workshop is None:
        return redirect(url_for("participant.enter_code"))
    participant = current_participant(workshop)
    if participant is None:
        return redirect(url_for("participant.join", code=workshop.join_code))
    form = JoinForm()
    form.role.choices = _role_choices()
    if form.validate_on_submit():
        with workshop_transaction(workshop.id) as txn:
            seat = db.session.get(Participant, participant.id)
            assert seat is not None
            seat.name = (form.name.data or "").strip()
            seat.role = form.role.data if form.role.data in STATED_ROLES else ""
            asked = request.form.get("locale", "")
            if asked in ("fi", "sv", "en"):
                seat.locale = asked
            people = participation(db.session, txn.workshop.id)
            txn.publish("participants", {"count": people["count"]}, people)
    return redirect(url_for("participant.room", code=workshop.join_code))
