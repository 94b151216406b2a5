"""Script strings for the phone screen."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STRINGS = {
    # Page
    "phase_of": _l("Step %(n)s of %(total)s"),
    "follow_screen": _l("Follow this step on the big screen."),
    "join_again": _l("Join again"),
    # Brainstorm
    "write_label": _l("Write your thought"),
    "write_hint": _l("One thought per note. You can write as many as you like."),
    "send": _l("Send"),
    "counter": _l("%(n)s / %(max)s"),
    "counter_label": _l("%(n)s of %(max)s characters"),
    "empty": _l("Write something before sending."),
    "your_notes": _l("Your notes"),
    "no_notes_yet": _l("You have not written anything yet."),
    "others_notes": _l("What others wrote"),
    "no_others_yet": _l("Nothing from others yet."),
    "waiting_reveal": _l("Notes from others waiting to be revealed: %(n)s"),
    "waiting_reveal_none": _l("Others' notes are shown when the facilitator reveals them."),
    "others_count": _l("Notes from others so far: %(n)s"),
    "saved_mark": _l("Saved ✓"),
    "deleting": _l("Deleting…"),
    "edit": _l("Edit"),
    "edit_label": _l("Edit your note"),
    "save": _l("Save"),
    "cancel": _l("Cancel"),
    "delete": _l("Delete"),
    "delete_confirm": _l("Delete this note?"),
    "delete_yes": _l("Yes, delete"),
    "retry": _l("Try again"),
    "dismiss": _l("Remove"),
    "dismiss_label": _l("Remove this unsent note"),
    "note_saved": _l("Your note was saved."),
    "note_failed": _l("Your note was not sent: %(error)s"),
    "note_deleted": _l("Your note was deleted."),
    "plus": _l("+1"),
    "plus_label": _l("+1: I agree with this note. Now %(n)s."),
    "plus_count": _l("+1 × %(n)s"),
    # Dot voting
    "votes_left": _l("Votes left: %(left)s of %(budget)s"),
    "vote_add": _l("Add a vote to: %(item)s"),
    "vote_remove": _l("Remove a vote from: %(item)s"),
    "my_votes": _l("Your votes: %(n)s"),
    "vote_hint": _l("Press + to give a vote and − to take it back."),
    "no_items": _l("There is nothing to vote on yet."),
    "results": _l("Results"),
    "rank": _l("Place %(n)s"),
    "votes_n": _l("Votes: %(n)s"),
    "all_votes_used": _l("You have used all your votes. Thank you!"),
}
