// Pure reducer for feedback events on a snapshot's `view`. Returns true when applied.
//
// Results arrive only in snapshots (revealing resyncs every screen); while they are shown,
// answering is paused, so no event changes them. Events carry how many have answered, and for
// the console the open answer that changed (for moderation).

export function apply(view, ev, role) {
  const d = ev.data || {};
  switch (ev.type) {
    case 'feedback.count':
      view.respondents = d.respondents;
      if (d.answered) view.answered = d.answered;
      if (view.answers && d.answer) {
        const at = view.answers.findIndex((a) => a.id === d.answer.id);
        if (at >= 0) view.answers[at] = d.answer;
        else view.answers.push(d.answer);
      }
      if (view.answers && d.removed) view.answers = view.answers.filter((a) => a.id !== d.removed);
      return true;
    case 'item.removed': {
      // Moderation: the console keeps a hidden answer, marked, so it can be shown again.
      if (role === 'facilitator' && d.hidden && view.answers) {
        const answer = view.answers.find((a) => a.id === d.id);
        if (answer) answer.hidden = true;
      }
      if (view.results) view.results.answers = view.results.answers.filter((a) => a.id !== d.id);
      return true;
    }
    default:
      return false;
  }
}

/** The median as the room's language writes it (3.5 → "3,5" in Finnish and Swedish). */
export function formatMedian(value, locale = document.documentElement.lang) {
  if (value === null || value === undefined) return '–';
  try {
    return new Intl.NumberFormat(locale || 'fi', { maximumFractionDigits: 1 }).format(value);
  } catch {
    return String(value);
  }
}

/** Scale keys in the order the bars draw them: 1..5, then "can't say" (0). */
export const ORDER = [1, 2, 3, 4, 5, 0];
