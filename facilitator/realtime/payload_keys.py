"""Payload keys that only some roles may send.

A payload field declared with ``json_schema_extra={"roles": [...]}`` (see ``staff_only``) is
refused, as *forbidden*, when a seat of another role sends it — even with an empty value — so a
participant's phone cannot ask for what only the facilitator may do (writing on behalf of a
stated role, for example). The gate checks this before the payload is validated.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from facilitator.methods.base import FACILITATOR
from facilitator.realtime.errors import ActionError


def staff_only() -> dict[str, Any]:
    """``json_schema_extra`` for a payload field only the facilitator may send."""
    return {"roles": [FACILITATOR]}


def roles_of(model: type[BaseModel], key: str) -> list[str] | None:
    """The roles allowed to send ``key`` (None: every role the action allows)."""
    field = model.model_fields.get(key)
    extra = field.json_schema_extra if field is not None else None
    if isinstance(extra, dict) and isinstance(extra.get("roles"), list):
        return [str(r) for r in extra["roles"]]
    return None


def refuse_keys(model: type[BaseModel], data: Any, role: str) -> None:
    """Raise *forbidden* when ``data`` holds a key ``role`` may not send."""
    if not isinstance(data, dict):
        return
    for key in data:
        allowed = roles_of(model, key) if isinstance(key, str) else None
        if allowed is not None and role not in allowed:
            raise ActionError("forbidden", 403)
