"""The console's choice of the network phones use to reach this machine."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from facilitator import network
from facilitator.views.common import owned_workshop

bp = Blueprint("reach", __name__)


@bp.post("/console/<int:workshop_id>/network")
@login_required
def choose(workshop_id: int) -> Response:
    """Store the address of the room's Wi-Fi (one of this machine's own) for the QR code."""
    workshop = owned_workshop(workshop_id)
    wanted = request.form.get("address", "")
    options = {c.address: c for c in network.candidates()}
    if wanted not in options:
        flash(
            _(
                "That network is no longer on this computer. Choose again from the list; "
                "the QR code did not change."
            ),
            "error",
        )
    else:
        network.store_choice(current_app.config["DATA_DIR"], wanted)
        flash(
            _("Phones now join at %(address)s. Check that the QR code opens on a phone.")
            % {"address": wanted},
            "info",
        )
    return redirect(url_for("console.live", workshop_id=workshop.id))
