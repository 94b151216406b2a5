"""The texts dot voting's scripts show, per screen (marked for extraction, translated by the
method's own catalogue in translations/)."""

from __future__ import annotations

from facilitator.catalogues import N_

STRINGS = {
    "phone": {
        "votes_left": N_("Votes left: %(left)s of %(budget)s"),
        "vote_add": N_("Add a vote to: %(item)s"),
        "vote_remove": N_("Remove a vote from: %(item)s"),
        "my_votes": N_("Your votes: %(n)s"),
        "vote_hint": N_("Press + to give a vote and − to take it back."),
        "no_items": N_("There is nothing to vote on yet."),
        "results": N_("Results"),
        "rank": N_("Place %(n)s"),
        "votes_n": N_("Votes: %(n)s"),
        "all_votes_used": N_("You have used all your votes. Thank you!"),
    },
    "projector": {
        "pj_voting": N_("Voting in progress"),
        "pj_voting_help": N_("Give your votes on your phone. The results are shown at the end."),
        "pj_results": N_("Results"),
        "pj_rank": N_("Place %(n)s"),
        "pj_votes": N_("%(n)s votes"),
        "pj_votes_one": N_("1 vote"),
        "pj_close": N_("Close result"),
        "pj_no_items": N_("There is nothing to vote on yet."),
    },
    "console": {
        "cx_items": N_("Items and votes"),
        "cx_votes": N_("%(n)s votes"),
        "cx_votes_one": N_("1 vote"),
        "cx_voters": N_("%(n)s people"),
        "cx_voters_one": N_("1 person"),
        "cx_rank": N_("%(n)s."),
        "cx_close": N_("Close result: the top two are within one vote."),
        "cx_results_private": N_("Only you see the results until you reveal them."),
        "cx_budget": N_("Votes per person: %(n)s. At most %(max)s on one item."),
    },
}
