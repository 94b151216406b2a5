"""The facilitator's settings page: what an API key is for, and making one."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

bp = Blueprint("account", __name__)


@bp.get("/account")
@login_required
def settings() -> str:
    """Settings: the API key explained, with the button that makes a new one."""
    return render_template("console/settings.html", has_key=bool(current_user.api_token_hash))
