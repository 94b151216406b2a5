"""The HTTP JSON API (token auth), described by the OpenAPI document at /api/openapi.json."""

from __future__ import annotations

import hashlib
from functools import wraps
from importlib import resources
from typing import Any, Literal

import yaml
from flask import Blueprint, Response, current_app, g, jsonify, request
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select

from facilitator.access import facilitated_by, workshop_for
from facilitator.exports.workshop_json import export_workshop
from facilitator.extensions import csrf, db
from facilitator.models import User, Workshop
from facilitator.operations.workshops import create_workshop
from facilitator.realtime.errors import ActionError
from facilitator.realtime.seat import Seat
from facilitator.realtime.snapshot import build_snapshot

bp = Blueprint("api", __name__, url_prefix="/api")
csrf.exempt(bp)


class CreateWorkshop(BaseModel):
    """POST /api/v1/workshops body."""

    model_config = ConfigDict(extra="forbid")

    kit: str = Field(min_length=1, max_length=80)
    title: str = Field(default="", max_length=200)
    place: str = Field(default="", max_length=200)
    locale: Literal["fi", "sv", "en"] = "fi"


def api_error(code: str, status: int, **params: Any) -> tuple[Response, int]:
    """The one error shape, as HTTP JSON."""
    return jsonify(ActionError(code, status, **params).as_data()), status


def token_required(view: Any) -> Any:
    """Authenticate with `Authorization: Bearer <token>`."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return api_error("unauthorized", 401)
        digest = hashlib.sha256(token.strip().encode()).hexdigest()
        user = db.session.scalars(select(User).where(User.api_token_hash == digest)).first()
        if user is None:
            return api_error("unauthorized", 401)
        g.api_user = user
        return view(*args, **kwargs)

    return wrapper


def _summary(workshop: Workshop) -> dict[str, Any]:
    return {
        "id": workshop.id,
        "title": workshop.title,
        "kit": workshop.kit_id,
        "locale": workshop.locale,
        "status": workshop.status,
        "join_code": workshop.join_code,
        "created_at": workshop.created_at.isoformat(),
    }


def _owned(workshop_id: int) -> Workshop | None:
    return workshop_for(db.session, g.api_user, workshop_id)


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 document of this API."""
    text = resources.files("facilitator").joinpath("openapi.yaml").read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
    # The kits this server offers are the only valid values of `kit`: say so exactly.
    kit = doc["components"]["schemas"]["CreateWorkshop"]["properties"]["kit"]
    kit["enum"] = sorted(current_app.extensions["facilitator.kits"])
    return jsonify(doc)


@bp.get("/v1/kits")
@token_required
def list_kits() -> Response:
    """The session kits this server offers."""
    kits = current_app.extensions["facilitator.kits"]
    return jsonify(
        {
            "kits": [
                {
                    "id": kit.id,
                    "title": kit.title.model_dump(),
                    "phases": [{"id": p.id, "method": p.method} for p in kit.phases],
                }
                for kit in sorted(kits.values(), key=lambda k: k.id)
            ]
        }
    )


@bp.get("/v1/workshops")
@token_required
def list_workshops() -> Response:
    """The caller's workshops, newest first."""
    rows = db.session.scalars(facilitated_by(g.api_user).order_by(Workshop.id.desc())).all()
    return jsonify({"workshops": [_summary(w) for w in rows]})


@bp.post("/v1/workshops")
@token_required
def create() -> tuple[Response, int]:
    """Create a workshop from a kit."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return api_error("bad_request", 400)
    try:
        data = CreateWorkshop.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        return api_error("invalid", 422, detail=f"{where}: {first['msg']}")
    kit = current_app.extensions["facilitator.kits"].get(data.kit)
    if kit is None:
        return api_error("invalid", 422, detail=f"kit: unknown kit {data.kit!r}")
    workshop = create_workshop(
        db.session, g.api_user, kit, title=data.title, locale=data.locale, place=data.place
    )
    db.session.commit()
    return jsonify(_summary(workshop)), 201


@bp.get("/v1/workshops/<int:workshop_id>")
@token_required
def read(workshop_id: int) -> Response | tuple[Response, int]:
    """The workshop's live state as the facilitator console sees it."""
    workshop = _owned(workshop_id)
    if workshop is None:
        return api_error("not_found", 404)
    seat = Seat(workshop.id, "facilitator", user_id=g.api_user.id, locale=workshop.locale)
    return jsonify({**_summary(workshop), "state": build_snapshot(db.session, workshop, seat)})


@bp.get("/v1/workshops/<int:workshop_id>/export.json")
@token_required
def export_json(workshop_id: int) -> Response | tuple[Response, int]:
    """Everything the workshop produced, as the JSON export."""
    workshop = _owned(workshop_id)
    if workshop is None:
        return api_error("not_found", 404)
    response = jsonify(export_workshop(db.session, workshop))
    response.headers["Content-Disposition"] = f'attachment; filename="workshop-{workshop.id}.json"'
    return response
