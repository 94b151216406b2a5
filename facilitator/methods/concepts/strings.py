"""The texts concept definitions' scripts show, per screen (marked for extraction, translated by
the method's own catalogue in translations/)."""

from __future__ import annotations

from facilitator.catalogues import N_

_COMMON = {
    "send": N_("Send"),
    "save": N_("Save"),
    "cancel": N_("Cancel"),
    "edit": N_("Edit"),
    "delete": N_("Delete"),
    "retry": N_("Try again"),
    "dismiss": N_("Remove"),
    "saved_mark": N_("Saved ✓"),
    "confirmed_mark": N_("Confirmed ✓"),
    "draft_mark": N_("Draft"),
    "plus_count": N_("+1 × %(n)s"),
}

STRINGS = {
    "phone": {
        **_COMMON,
        "term_of": N_("Term %(n)s of %(total)s"),
        "previous": N_("Previous"),
        "next": N_("Next"),
        "previous_label": N_("Previous term: %(name)s"),
        "next_label": N_("Next term: %(name)s"),
        "no_terms": N_("The facilitator will add the terms soon."),
        "room_is_on": N_("The group is now on “%(name)s”."),
        "go_there": N_("Go there"),
        "agreed_title": N_("Our shared definition"),
        "no_wording_yet": N_("No shared definition yet."),
        "write_wording": N_("Write the shared definition"),
        "edit_wording": N_("Edit the shared definition"),
        "wording_label": N_("The shared definition of “%(name)s”"),
        "wording_saved": N_("The shared definition was saved."),
        "wording_merged": N_("Saved. Changes someone else made at the same time were kept too."),
        "wording_failed": N_("The shared definition was not saved: %(error)s"),
        "your_words": N_("Your words (not saved yet)"),
        "changed_meanwhile": N_(
            "Someone changed the definition while you were writing. Saving keeps both "
            "changes when it can."
        ),
        "conflict_help": N_(
            "Someone changed the definition at the same time. The box now shows their version. "
            "Add your words to it and save again."
        ),
        "confirmed_help": N_("The group has agreed on this definition."),
        "propose_label": N_("Your proposal for “%(name)s”"),
        "propose_hint": N_("How would you explain this in your own words?"),
        "counter": N_("%(n)s / %(max)s"),
        "counter_label": N_("%(n)s of %(max)s characters"),
        "empty": N_("Write something before sending."),
        "proposals_title": N_("Proposals"),
        "no_proposals": N_("No proposals yet. Yours can be the first."),
        "mine_mark": N_("Your proposal"),
        "plus": N_("+1"),
        "plus_label": N_("+1: I agree with this proposal. Now %(n)s."),
        "proposal_saved": N_("Your proposal was saved."),
        "proposal_failed": N_("Your proposal was not sent: %(error)s"),
        "proposal_deleted": N_("Your proposal was deleted."),
        "delete_confirm": N_("Delete this proposal?"),
        "delete_yes": N_("Yes, delete"),
        "edit_label": N_("Edit your proposal"),
        "dismiss_label": N_("Remove this unsent proposal"),
        "sending_mark": N_("Sending…"),
        "failed_mark": N_("Not sent"),
        "deleting_mark": N_("Deleting…"),
    },
    "projector": {
        "pj_agreed": N_("Our shared definition"),
        "pj_confirmed": N_("Confirmed ✓"),
        "pj_draft": N_("Draft"),
        "pj_no_wording": N_("No shared definition yet."),
        "pj_proposals": N_("Proposals"),
        "pj_no_proposals": N_("Write your proposal on your phone."),
        "pj_plus": N_("%(n)s agree"),
        "pj_page": N_("Proposals %(from)s–%(to)s of %(total)s"),
        "pj_terms_page": N_("Terms %(from)s–%(to)s of %(total)s"),
        "pj_no_terms": N_("The terms appear here when the facilitator adds them."),
        "pj_status_confirmed": N_("confirmed"),
        "pj_status_draft": N_("draft"),
        "pj_status_none": N_("no shared definition yet"),
    },
    "console": {
        **{
            f"cx_{key}": _COMMON[key]
            for key in ("save", "dismiss", "saved_mark", "confirmed_mark", "draft_mark")
        },
        "cx_terms": N_("Terms"),
        "cx_term_add_title": N_("Add a term"),
        "cx_term_name": N_("Term"),
        "cx_term_hint": N_("Hint for participants (optional)"),
        "cx_term_add": N_("Add term"),
        "cx_term_edit_title": N_("Edit the term"),
        "cx_up": N_("Up"),
        "cx_down": N_("Down"),
        "cx_up_label": N_("Move “%(name)s” up"),
        "cx_down_label": N_("Move “%(name)s” down"),
        "cx_open": N_("Open “%(name)s” here"),
        "cx_show_room": N_("Show to the group"),
        "cx_on_screen": N_("On the big screen"),
        "cx_all_terms": N_("Show all terms"),
        "cx_all_on_screen": N_("The big screen shows all terms."),
        "cx_hidden_term": N_("Hidden from the group"),
        "cx_proposals": N_("Proposals (%(n)s)"),
        "cx_no_proposals": N_("No proposals yet."),
        "cx_use": N_("Use as shared definition"),
        "cx_use_label": N_("Use as shared definition: %(text)s"),
        "cx_use_confirm": N_("Replace the shared definition with this proposal?"),
        "cx_replace": N_("Replace"),
        "cx_wording_label": N_("Shared definition of “%(name)s”"),
        "cx_wording_save": N_("Save definition"),
        "cx_confirm": N_("Confirm"),
        "cx_reopen": N_("Reopen"),
        "cx_no_wording": N_("No shared definition yet: write one or use a proposal."),
        "cx_your_text": N_("Your text (not saved)"),
        "cx_conflict": N_(
            "Someone changed the definition at the same time. Their version is in the box; your "
            "text is below it. Add what is missing and save again."
        ),
        "cx_merged": N_("Saved together with a change someone else made at the same time."),
        "cx_saved": N_("The shared definition was saved."),
        "cx_edited_meanwhile": N_(
            "The definition changed while you were editing. Saving keeps both changes when it can."
        ),
        "cx_plus_n": N_("+%(n)s"),
        "cx_plus_label": N_("%(n)s agree"),
        "cx_co_edit_everyone": N_("Participants can edit the shared definition on their phones."),
        "cx_co_edit_facilitator": N_("Only you can edit the shared definition."),
        "cx_empty": N_("Write something before saving."),
    },
}
