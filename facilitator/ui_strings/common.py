"""Script strings shared by every screen."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STRINGS = {
    "offline": _l("No connection right now. What you write is kept and sent when it is back."),
    "online": _l("Connected"),
    "refused": _l("This page is no longer connected to the workshop. Open the link again."),
    "sending": _l("Sending…"),
    "saved": _l("Saved"),
    "failed": _l("Not sent"),
    "timer": _l("Time left"),
    "time_almost_up": _l("One minute left"),
    "lobby": _l("The workshop starts soon."),
    "ended": _l("The workshop has ended. Thank you for taking part!"),
    "locked": _l("This phase is closed."),
}
