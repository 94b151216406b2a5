"""The texts feedback's scripts show, per screen (marked for extraction, translated by the
method's own catalogue in translations/). The console page also gets the projector's texts."""

from __future__ import annotations

from facilitator.catalogues import N_

_SCALE = {
    "scale_1": N_("Strongly disagree"),
    "scale_2": N_("Somewhat disagree"),
    "scale_3": N_("Neither agree nor disagree"),
    "scale_4": N_("Somewhat agree"),
    "scale_5": N_("Strongly agree"),
    "scale_0": N_("Can't say"),
}

STRINGS = {
    "phone": {
        **_SCALE,
        "anonymous": N_("Your answers are anonymous. Others see only the totals."),
        "statement_of": N_("Statement %(n)s of %(total)s"),
        "question_of": N_("Question %(n)s of %(total)s"),
        "choose": N_("Choose the answer that fits best."),
        "next": N_("Next"),
        "back": N_("Previous"),
        "to_summary": N_("See your answers"),
        "your_answers": N_("Your answers"),
        "not_answered": N_("Not answered"),
        "change": N_("Change"),
        "change_label": N_("Change your answer: %(item)s"),
        "answer_now": N_("Answer"),
        "answer_now_label": N_("Answer: %(item)s"),
        "answer_hint": N_("Write in your own words. You can change it until answering closes."),
        "save_answer": N_("Save answer"),
        "counter": N_("%(n)s / %(max)s"),
        "counter_label": N_("%(n)s of %(max)s characters"),
        "saved_mark": N_("Saved ✓"),
        "answer_saved": N_("Your answer was saved."),
        "answer_removed": N_("Your answer was removed."),
        "all_done": N_(
            "Thank you! You have answered everything. You can still change your answers."
        ),
        "paused": N_("The results are on the screen. Answering is paused."),
        "results": N_("Results"),
        "median": N_("Median %(m)s"),
        "answers_n": N_("%(n)s answers"),
        "answers_n_one": N_("1 answer"),
        "open_answers": N_("Open answers"),
        "no_answers": N_("No answers yet."),
        "nothing_to_answer": N_("There is nothing to answer yet."),
    },
    "projector": {
        **{f"pj_{key}": text for key, text in _SCALE.items()},
        "pj_answered": N_("%(n)s have answered"),
        "pj_answered_one": N_("1 has answered"),
        "pj_answer_on_phone": N_("Answer on your phone. Your answers are anonymous."),
        "pj_results_later": N_("The results are shown when the facilitator reveals them."),
        "pj_results": N_("Results"),
        "pj_median": N_("Median %(m)s"),
        "pj_n": N_("%(n)s answers"),
        "pj_n_one": N_("1 answer"),
        "pj_no_ratings": N_("No answers yet"),
        "pj_open_answers": N_("Open answers"),
        "pj_page": N_("%(n)s / %(total)s"),
        "pj_more": N_("… and %(n)s more on your phone"),
        "pj_more_one": N_("… and 1 more on your phone"),
    },
    "console": {
        "cx_progress": N_("Answers so far"),
        "cx_respondents": N_("%(n)s people have answered."),
        "cx_respondents_one": N_("1 person has answered."),
        "cx_statement_answered": N_("%(n)s answers"),
        "cx_statement_answered_one": N_("1 answer"),
        "cx_private": N_(
            "Results are shown here and on the big screen only when you reveal them. While "
            "they are shown, answering is paused; hide them to let people go on answering."
        ),
        "cx_results": N_("Results"),
        "cx_by_role": N_("Median by stated role (number of answers)"),
        "cx_others": N_("Others"),
        "cx_not_stated": N_("Not stated"),
        "cx_fold_note": N_(
            "Groups with fewer than %(k)s answers to a statement are shown only together under "
            "“Others”, and never so that a smaller group could be worked out from the total."
        ),
        "cx_no_roles": N_(
            "Results by stated role are not shown: no group is large enough to stay anonymous."
        ),
        "cx_median_n": N_("%(m)s (%(n)s)"),
        "cx_open_answers": N_("Open answers"),
        "cx_no_open_answers": N_("No open answers yet."),
        "cx_hidden": N_("Hidden"),
    },
}
