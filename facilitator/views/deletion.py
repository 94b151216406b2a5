"""The facilitator deletes a workshop: a confirmation page, then everything is gone.

The workshop, its phases, participants, notes, votes, replay log and minutes are deleted in one
transaction; then the database files are compacted (operations.erasure.compact), so the text is
in neither the database nor its write-ahead log. Screens still connected to this process are
disconnected; they cannot reconnect to a workshop that no longer exists.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from facilitator.extensions import db, socketio
from facilitator.models import Contribution, Participant
from facilitator.models.participant import KIND_PHONE
from facilitator.operations.erasure import compact
from facilitator.operations.retention import delete_workshop
from facilitator.realtime.publish import locks
from facilitator.realtime.seat import projector_room, public_room, staff_room
from facilitator.views.common import owned_workshop

bp = Blueprint("deletion", __name__)


class DeleteForm(FlaskForm):
    """Only the CSRF token: the page itself is the confirmation."""


def _count(model: type, workshop_id: int, *where: object) -> int:
    query = select(func.count()).select_from(model).where(model.workshop_id == workshop_id)  # type: ignore[attr-defined]
    for clause in where:
        query = query.where(clause)  # type: ignore[arg-type]
    return int(db.session.scalar(query) or 0)


def disconnect_screens(workshop_id: int) -> None:
    """Close this process's sockets of the workshop (other processes' sockets are refused on
    their next action and when they reconnect)."""
    server = socketio.server
    for room in (staff_room(workshop_id), projector_room(workshop_id), public_room(workshop_id)):
        for sid, _eio_sid in list(server.manager.get_participants("/", room)):
            server.disconnect(sid, namespace="/")


@bp.route("/console/<int:workshop_id>/delete", methods=["GET", "POST"])
@login_required
def delete(workshop_id: int) -> str | Response:
    """Ask, then delete the workshop with all its data."""
    workshop = owned_workshop(workshop_id)
    form = DeleteForm()
    if form.validate_on_submit():
        title = workshop.title
        with locks.hold(workshop.id):
            delete_workshop(db.session, workshop)
            db.session.commit()
        db.session.remove()
        compact(db.engine)
        disconnect_screens(workshop_id)
        flash(_("The workshop “%(title)s” was deleted with all its data.", title=title), "info")
        return redirect(url_for("console.home"))
    return render_template(
        "console/delete.html",
        workshop=workshop,
        form=form,
        people=_count(Participant, workshop.id, Participant.kind == KIND_PHONE),
        contributions=_count(Contribution, workshop.id),
    )
