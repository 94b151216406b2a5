"""HTTP blueprints: auth, facilitator console, participant, projector, JSON API."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Attach every blueprint."""
    from facilitator.views import (
        api,
        auth,
        console,
        deletion,
        errors,
        minutes,
        participant,
        projector,
        series,
        shared_minutes,
    )

    for module in (
        auth,
        console,
        deletion,
        participant,
        projector,
        api,
        minutes,
        shared_minutes,
        series,
    ):
        app.register_blueprint(module.bp)
    errors.init_app(app)
