"""HTTP blueprints: auth, facilitator console, participant, projector, JSON API."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Attach every blueprint."""
    from facilitator.views import (
        account,
        api,
        assets,
        auth,
        console,
        deletion,
        errors,
        minutes,
        participant,
        projector,
        reach,
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
        reach,
        assets,
        account,
    ):
        app.register_blueprint(module.bp)
    errors.init_app(app)
