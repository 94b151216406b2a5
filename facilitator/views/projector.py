"""The projector page: read-only, opened by URL with the workshop's projector token."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, g, render_template, url_for
from flask_babel import force_locale

from facilitator.extensions import db
from facilitator.methods import workshop_assets
from facilitator.models import Workshop
from facilitator.models.types import MAX_ID
from facilitator.security import same_secret
from facilitator.views.common import join_url, qr_svg

bp = Blueprint("projector", __name__)


def _workshop(workshop_id: int, token: str) -> Workshop:
    workshop = db.session.get(Workshop, workshop_id) if 0 < workshop_id <= MAX_ID else None
    if workshop is None or not same_secret(token, workshop.projector_token):
        abort(404)
    g.workshop_locale = workshop.locale
    return workshop


def join_address(url: str) -> str:
    """The short address people type: host, port and /j, without the scheme or the code."""
    parts = urlsplit(url)
    path = parts.path.rsplit("/", 1)[0] if parts.path.count("/") > 1 else parts.path
    return f"{parts.netloc}{path}"


@bp.route("/p/<int:workshop_id>/<token>")
def show(workshop_id: int, token: str) -> str:
    """The big screen: join QR and code, question, timer, live notes."""
    workshop = _workshop(workshop_id, token)
    url = join_url(workshop)
    # The room's language is the workshop's, whatever language this browser last chose.
    with force_locale(workshop.locale):
        return render_template(
            "projector.html",
            workshop=workshop,
            join_url=url,
            join_address=join_address(url),
            qr_url=url_for("projector.qr", workshop_id=workshop.id, token=token),
            **workshop_assets(workshop),
        )


@bp.route("/p/<int:workshop_id>/<token>/qr.svg")
def qr(workshop_id: int, token: str) -> Response:
    """The join QR code as SVG."""
    workshop = _workshop(workshop_id, token)
    return Response(qr_svg(join_url(workshop)), mimetype="image/svg+xml")
