"""Minutes the facilitator chose to share: a reading page for phones and one for the projector."""

from __future__ import annotations

from flask import Blueprint, abort, g, redirect, render_template, url_for
from werkzeug.wrappers import Response

from facilitator.extensions import db
from facilitator.minutes import service
from facilitator.models import Workshop
from facilitator.models.types import MAX_ID
from facilitator.operations.workshops import find_by_code
from facilitator.security import same_secret
from facilitator.views.participant import current_participant

bp = Blueprint("shared_minutes", __name__)


def _page(workshop: Workshop, *, back: str, big: bool) -> tuple[str, int]:
    html = service.public_minutes_html(db.session, workshop)
    status = 200 if html is not None else 404
    return render_template(
        "minutes/shared.html", workshop=workshop, minutes=html, back=back, big=big
    ), status


@bp.route("/w/<code>/minutes")
def phone(code: str) -> Response | tuple[str, int]:
    """The shared minutes on a participant's phone (needs the phone's seat)."""
    workshop = find_by_code(db.session, code)
    if workshop is None:
        return redirect(url_for("participant.enter_code"))
    participant = current_participant(workshop)
    if participant is None:
        return redirect(url_for("participant.join", code=workshop.join_code))
    g.workshop_locale = participant.locale
    return _page(workshop, back=url_for("participant.room", code=workshop.join_code), big=False)


@bp.route("/p/<int:workshop_id>/<token>/minutes")
def projector(workshop_id: int, token: str) -> tuple[str, int]:
    """The shared minutes on the big screen (projector token)."""
    workshop = db.session.get(Workshop, workshop_id) if 0 < workshop_id <= MAX_ID else None
    if workshop is None or not same_secret(token, workshop.projector_token):
        abort(404)
    g.workshop_locale = workshop.locale
    back = url_for("projector.show", workshop_id=workshop.id, token=token)
    return _page(workshop, back=back, big=True)
