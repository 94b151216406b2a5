"""Error pages: the one JSON shape under /api, friendly translated pages elsewhere."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from facilitator.realtime.errors import error_data

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    413: "too_large",
    429: "too_many_attempts",
}


def init_app(app: Flask) -> None:
    """Register handlers for HTTP errors."""

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):  # type: ignore[no-untyped-def]
        status = exc.code or 500
        code = CODES.get(status, "server_error" if status >= 500 else "bad_request")
        if request.path.startswith("/api/"):
            return jsonify(error_data(code)), status
        message = error_data(code)["error"]["message"]
        if isinstance(exc, CSRFError):
            message = error_data("bad_request")["error"]["message"]
        return render_template("error.html", status=status, message=message), status
