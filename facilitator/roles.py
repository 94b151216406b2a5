"""Roles a participant may choose to state (always optional), with translated labels."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STATED_ROLES = {
    "client": _l("Client or developer client"),
    "expert": _l("Expert by experience"),
    "professional": _l("Professional"),
    "ngo": _l("NGO or parish"),
    "other": _l("Other"),
    "unsaid": _l("Prefer not to say"),
}


def role_label(key: str) -> str:
    """The label in the current locale; no stated role reads as 'not stated'."""
    if key in STATED_ROLES:
        return str(STATED_ROLES[key])
    return str(_l("Not stated"))
