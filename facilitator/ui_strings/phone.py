"""Script strings for the phone screen."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STRINGS = {
    # Page
    "phase_of": _l("Step %(n)s of %(total)s"),
    "follow_screen": _l("Follow this step on the big screen."),
    "join_again": _l("Join again"),
    "my_group": _l("You are in group %(n)s"),
    "my_group_named": _l("You are in group %(n)s (%(name)s)"),
    # Brainstorm
    "send": _l("Send"),
    "saved_mark": _l("Saved ✓"),
    "deleting": _l("Deleting…"),
    "edit": _l("Edit"),
    "save": _l("Save"),
    "cancel": _l("Cancel"),
    "delete": _l("Delete"),
    "retry": _l("Try again"),
    "dismiss": _l("Remove"),
    "dismiss_label": _l("Remove this unsent note"),
    # Dot voting
}
