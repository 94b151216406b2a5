"""Errors as data in one shape: {"ok": false, "error": {"code", "message"}}, translated."""

from __future__ import annotations

from typing import Any

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
    "no_votes_left": _l("You have used all your votes. Take one back to vote elsewhere."),
    "item_vote_cap": _l("You can give at most %(max)s votes to one item."),
    "own_note": _l("You cannot +1 your own note."),
    "no_seat": _l("You are not in this workshop. Join again with the code."),
    "too_many_connections": _l(
        "This workshop is open in too many windows on this device. Close the others and reload."
    ),
    "wrong_code": _l("No workshop has this code. Check the code and try again."),
    "too_many_attempts": _l("Too many attempts. Wait a minute and try again."),
    "unauthorized": _l("Log in or give a valid API token."),
    "server_error": _l("Something went wrong on the server. Your text is kept; try again."),
}


class ActionError(Exception):
    """A refusal with a code from MESSAGES and parameters for its message."""

    def __init__(self, code: str, status: int = 400, **params: Any) -> None:
        if code not in MESSAGES:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(code)
        self.code = code
        self.status = status
        self.params = params

    def message(self) -> str:
        """The translated message in the current locale."""
        text = str(MESSAGES[self.code])
        return text % self.params if self.params else text

    def as_data(self) -> dict[str, Any]:
        """The one error shape."""
        return error_data(self.code, **self.params)


def error_data(code: str, **params: Any) -> dict[str, Any]:
    """{"ok": false, "error": {"code", "message"}} in the current locale."""
    text = str(MESSAGES[code])
    return {"ok": False, "error": {"code": code, "message": text % params if params else text}}
