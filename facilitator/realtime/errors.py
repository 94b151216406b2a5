"""Errors as data in one shape: {"ok": false, "error": {"code", "message"}}, translated.

The core's codes are below; a method declares its own in ``Method.errors`` and the registry
adds them here (:func:`declare`), so a method never edits this table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

MESSAGES = {
    "bad_request": _l("The message could not be read. Reload the page and try again."),
    "too_large": _l("The message is too large. Shorten the text and send again."),
    "too_long": _l("The text is too long (at most %(max)s characters). Shorten it and send again."),
    "empty": _l("Write something before sending."),
    "invalid": _l("Some of the information was not valid: %(detail)s"),
    "unknown_action": _l("This action is not available here. Reload the page."),
    "forbidden": _l("Only the facilitator can do this."),
    "not_yours": _l("You can change only your own notes."),
    "not_found": _l("That item no longer exists. Your screen has been updated."),
    "stale_phase": _l("The workshop has moved on. Your screen has been updated."),
    "locked": _l("This phase is closed. Nothing more can be added or changed."),
    "not_started": _l("The workshop has not started yet. Wait for the facilitator."),
    "ended": _l("The workshop has ended. Thank you for taking part!"),
    "rate_limited": _l("You are sending very fast. Wait a moment and try again."),
    "conflict": _l(
        "Someone else changed this text at the same time. Their version is shown; "
        "add your words to it and save again."
    ),
    "no_seat": _l("You are not in this workshop. Join again with the code."),
    "too_many_connections": _l(
        "This workshop is open in too many windows on this device. Close the others and reload."
    ),
    "wrong_code": _l("No workshop has this code. Check the code and try again."),
    "nobody_here": _l("Nobody has joined yet. Form groups when people are here."),
    "too_many_attempts": _l("Too many attempts. Wait a minute and try again."),
    "unauthorized": _l("Log in or give a valid API token."),
    "server_error": _l("Something went wrong on the server. Your text is kept; try again."),
}


#: Codes declared by methods: code → (owner, English message marked with N_).
DECLARED: dict[str, tuple[str, str]] = {}


def declare(owner: str, codes: Mapping[str, str]) -> None:
    """Add a method's refusal codes; a code may mean only one thing in the whole app."""
    for code, message in codes.items():
        if code in MESSAGES:
            raise ValueError(f"{owner}: error code {code!r} is the core's")
        known = DECLARED.get(code)
        if known is not None and known != (owner, message) and known[1] != message:
            raise ValueError(f"{owner}: error code {code!r} is already declared by {known[0]}")
        DECLARED.setdefault(code, (owner, message))


def known(code: str) -> bool:
    """True for a core or declared code."""
    return code in MESSAGES or code in DECLARED


def message_of(code: str, **params: Any) -> str:
    """The translated message of a code in the current locale."""
    text = str(MESSAGES[code]) if code in MESSAGES else gettext(DECLARED[code][1])
    return text % params if params else text


class ActionError(Exception):
    """A refusal with a known code and parameters for its message; ``extra`` goes into the
    error object beside code and message (e.g. the current text after a conflict)."""

    def __init__(
        self, code: str, status: int = 400, *, extra: dict[str, Any] | None = None, **params: Any
    ) -> None:
        if not known(code):
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(code)
        self.code = code
        self.status = status
        self.params = params
        self.extra = extra or {}

    def message(self) -> str:
        """The translated message in the current locale."""
        return message_of(self.code, **self.params)

    def as_data(self) -> dict[str, Any]:
        """The one error shape."""
        data = error_data(self.code, **self.params)
        data["error"].update(self.extra)
        return data


def error_data(code: str, **params: Any) -> dict[str, Any]:
    """{"ok": false, "error": {"code", "message"}} in the current locale."""
    return {"ok": False, "error": {"code": code, "message": message_of(code, **params)}}
