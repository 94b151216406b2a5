"""Assets browsers ask for by a fixed address: the favicon."""

from __future__ import annotations

from flask import Blueprint, current_app, send_from_directory
from werkzeug.wrappers import Response

bp = Blueprint("assets", __name__)


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The icon a browser asks for on its first visit (no 404 in the log)."""
    static = current_app.static_folder
    assert static is not None
    return send_from_directory(static, "favicon.ico", mimetype="image/vnd.microsoft.icon")
