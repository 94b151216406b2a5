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
    "cx_method_brainstorm": _l("Notes"),
    "cx_method_dot_voting": _l("Dot voting"),
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
    "cx_saved_note": _l("The note was added."),
    # Brainstorm
    "cx_notes": _l("Notes (%(n)s)"),
    "cx_no_notes": _l("No notes yet."),
    "cx_scribe_title": _l("Add a note for someone without a phone"),
    "cx_scribe_text": _l("Note text"),
    "cx_scribe_role": _l("Their role (optional)"),
    "cx_scribe_add": _l("Add note"),
    "cx_groups": _l("Groups"),
    "cx_group_new": _l("New group name"),
    "cx_group_add": _l("Add group"),
    "cx_group_rename": _l("Rename"),
    "cx_group_label": _l("Name of group %(n)s"),
    "cx_group_delete": _l("Delete group"),
    "cx_group_delete_confirm": _l(
        "Delete the group “%(label)s”? Its notes stay and become ungrouped."
    ),
    "cx_group_of": _l("Group of the note"),
    "cx_no_group": _l("No group"),
    "cx_plus": _l("+%(n)s"),
    "cx_plus_label": _l("%(n)s agree"),
    "cx_scribe_mark": _l("written by the facilitator"),
    "cx_hidden_until_reveal": _l("Participants see only their own notes until you reveal them."),
    # Dot voting
    "cx_items": _l("Items and votes"),
    "cx_votes": _l("%(n)s votes"),
    "cx_votes_one": _l("1 vote"),
    "cx_voters": _l("%(n)s people"),
    "cx_voters_one": _l("1 person"),
    "cx_rank": _l("%(n)s."),
    "cx_close": _l("Close result: the top two are within one vote."),
    "cx_results_private": _l("Only you see the results until you reveal them."),
    "cx_budget": _l("Votes per person: %(n)s. At most %(max)s on one item."),
}
