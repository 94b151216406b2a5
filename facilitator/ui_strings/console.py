"""Script strings for the facilitator's console."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STRINGS = {
    "cx_start_timer": _l("Start timer"),
    "cx_pause_timer": _l("Pause timer"),
    "cx_timer_paused": _l("paused"),
    "cx_timer_running": _l("running"),
    "cx_timer_up": _l("time is up"),
    "cx_status_draft": _l("In the lobby"),
    "cx_status_running": _l("Running"),
    "cx_status_ended": _l("Ended"),
    "cx_minutes": _l("%(n)s min"),
    "cx_current": _l("now"),
    "cx_goto_confirm": _l("Move the whole room to “%(title)s”?"),
    "cx_goto": _l("Move"),
    "cx_end_confirm": _l(
        "End the workshop? Participants can no longer write or vote. "
        "Everything written is kept for the minutes."
    ),
    "cx_end": _l("End workshop"),
    "cx_cancel": _l("Cancel"),
    "cx_lock": _l("Close phase"),
    "cx_unlock": _l("Reopen phase"),
    "cx_locked_now": _l("This phase is closed: participants cannot add or change anything."),
    "cx_reveal": _l("Reveal"),
    "cx_conceal": _l("Hide again"),
    "cx_clear_spotlight": _l("Clear spotlight"),
    "cx_spotlight": _l("Spotlight"),
    "cx_hide": _l("Hide"),
    "cx_show": _l("Show"),
    "cx_hidden": _l("Hidden"),
    "cx_show_qr": _l("Show QR code on the big screen"),
    "cx_people": _l("%(n)s people here"),
    "cx_people_one": _l("1 person here"),
    "cx_role_none": _l("Role not stated"),
    "cx_done": _l("Done."),
    "cx_sending": _l("Sending…"),
    "cx_ended": _l("The workshop has ended."),
    # Brainstorm
    # Dot voting
    # Groups of people
    "cx_groups_title": _l("Groups"),
    "cx_groups_none": _l("No groups: everyone works together."),
    "cx_groups_how": _l("How to form groups"),
    "cx_groups_by_count": _l("Number of groups"),
    "cx_groups_by_size": _l("People per group"),
    "cx_groups_amount": _l("How many"),
    "cx_groups_mix": _l("Mix stated roles (clients and professionals together)"),
    "cx_groups_form": _l("Form groups"),
    "cx_groups_reform_confirm": _l(
        "Form new groups? Everyone gets a new group; notes already written stay where they are."
    ),
    "cx_groups_end": _l("End groups"),
    "cx_groups_end_confirm": _l("End the groups? The whole room works together again."),
    "cx_groups_shown": _l("On the big screen"),
    "cx_groups_all": _l("All groups side by side"),
    "cx_group_n": _l("Group %(n)s"),
    "cx_group_named": _l("Group %(n)s (%(name)s)"),
    "cx_group_size": _l("%(n)s people"),
    "cx_group_name_hint": _l("Name, e.g. the table by the window"),
    "cx_group_rename": _l("Save name"),
    "cx_move_to": _l("Move to"),
}
