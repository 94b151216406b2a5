"""The texts brainstorm's scripts show, per screen (marked for extraction, translated by the
method's own catalogue in translations/)."""

from __future__ import annotations

from facilitator.catalogues import N_

STRINGS = {
    "phone": {
        "write_label": N_("Write your thought"),
        "write_hint": N_("One thought per note. You can write as many as you like."),
        "counter": N_("%(n)s / %(max)s"),
        "counter_label": N_("%(n)s of %(max)s characters"),
        "empty": N_("Write something before sending."),
        "your_notes": N_("Your notes"),
        "no_notes_yet": N_("You have not written anything yet."),
        "others_notes": N_("What others wrote"),
        "no_others_yet": N_("Nothing from others yet."),
        "waiting_reveal": N_("Notes from others waiting to be revealed: %(n)s"),
        "waiting_reveal_none": N_("Others' notes are shown when the facilitator reveals them."),
        "others_count": N_("Notes from others so far: %(n)s"),
        "edit_label": N_("Edit your note"),
        "delete_confirm": N_("Delete this note?"),
        "delete_yes": N_("Yes, delete"),
        "note_saved": N_("Your note was saved."),
        "note_failed": N_("Your note was not sent: %(error)s"),
        "note_deleted": N_("Your note was deleted."),
        "plus": N_("+1"),
        "plus_label": N_("+1: I agree with this note. Now %(n)s."),
        "plus_count": N_("+1 × %(n)s"),
    },
    "projector": {
        "pj_notes_written": N_("notes written so far"),
        "pj_notes_revealed_later": N_("The notes are shown when the facilitator reveals them."),
        "pj_no_notes": N_("Notes appear here as soon as they are written."),
        "pj_unthemed": N_("Other notes"),
        "pj_plus": N_("%(n)s agree"),
    },
    "console": {
        "cx_notes": N_("Notes (%(n)s)"),
        "cx_no_notes": N_("No notes yet."),
        "cx_scribe_title": N_("Add a note for someone without a phone"),
        "cx_scribe_text": N_("Note text"),
        "cx_scribe_role": N_("Their role (optional)"),
        "cx_scribe_add": N_("Add note"),
        "cx_themes": N_("Themes"),
        "cx_theme_new": N_("New theme name"),
        "cx_theme_add": N_("Add theme"),
        "cx_theme_rename": N_("Rename"),
        "cx_theme_label": N_("Name of theme %(n)s"),
        "cx_theme_delete": N_("Delete theme"),
        "cx_theme_delete_confirm": N_(
            "Delete the theme “%(label)s”? Its notes stay, without a theme."
        ),
        "cx_theme_of": N_("Theme of the note"),
        "cx_no_theme": N_("No theme"),
        "cx_plus": N_("+%(n)s"),
        "cx_plus_label": N_("%(n)s agree"),
        "cx_scribe_mark": N_("written by the facilitator"),
        "cx_hidden_until_reveal": N_(
            "Participants see only their own notes until you reveal them."
        ),
        "cx_saved_note": N_("The note was added."),
    },
}
