// Pure reducer for concept-definition events on a snapshot's `view`. Returns true when applied,
// false when the screen should ask for a fresh snapshot.
//
// view: {terms: [{id, name, hint, hidden?}] in the room's order,
//        proposals: [{id, term, text, plus, mine?, plussed?, author?, role?, hidden?}],
//        wordings: [{id, term, text, rev, confirmed, source}],
//        current, overview, co_edit, can_edit, max_length, allow_plus}

/** The term the room is on: the chosen one while it is shown, else the first shown term. */
export function currentTerm(view) {
  const shown = view.terms.filter((term) => !term.hidden);
  if (shown.some((term) => term.id === view.current)) return view.current;
  return shown.length ? shown[0].id : null;
}

function upsert(list, item, match = (x) => x.id === item.id) {
  const i = list.findIndex(match);
  if (i >= 0) list[i] = { ...list[i], ...item };
  else list.push(item);
}

function remove(view, id, role, hidden) {
  const lists = [view.terms, view.proposals, view.wordings];
  if (role === 'facilitator' && hidden) {
    // Moderation: the console keeps the item, marked, so it can be shown again.
    for (const list of lists) {
      const item = list.find((x) => x.id === id);
      if (item) item.hidden = true;
    }
  } else {
    const term = view.terms.some((x) => x.id === id);
    view.terms = view.terms.filter((x) => x.id !== id);
    view.proposals = view.proposals.filter((x) => x.id !== id && !(term && x.term === id));
    view.wordings = view.wordings.filter((x) => x.id !== id && !(term && x.term === id));
  }
  view.current = currentTerm(view);
}

export function apply(view, ev, role) {
  const d = ev.data || {};
  switch (ev.type) {
    case 'term.added':
      upsert(view.terms, d.term);
      view.current = currentTerm(view);
      return true;
    case 'term.changed':
      upsert(view.terms, d.term);
      return true;
    case 'terms.ordered': {
      const place = new Map(d.order.map((id, i) => [id, i]));
      const at = (term) => (place.has(term.id) ? place.get(term.id) : d.order.length);
      view.terms = view.terms
        .map((term, i) => [term, i])
        .sort((a, b) => at(a[0]) - at(b[0]) || a[1] - b[1])
        .map(([term]) => term);
      view.current = currentTerm(view);
      return true;
    }
    case 'term.current':
      view.current = d.current;
      view.overview = Boolean(d.overview);
      view.current = currentTerm(view);
      return true;
    case 'proposal.added':
    case 'proposal.updated': {
      const known = view.proposals.some((p) => p.id === d.proposal.id);
      const fresh = role === 'participant' && !known ? { mine: false, plussed: false } : {};
      upsert(view.proposals, { ...fresh, ...d.proposal });
      return true;
    }
    case 'proposal.plus': {
      const proposal = view.proposals.find((p) => p.id === d.id);
      if (proposal) proposal.plus = d.plus;
      return true;
    }
    case 'wording.changed':
      upsert(view.wordings, d.wording, (w) => w.term === d.wording.term);
      return true;
    case 'item.removed':
      remove(view, d.id, role, d.hidden);
      return true;
    case 'item.restored':
      return false; // resync: the restored item comes back with everything under it
    default:
      return false;
  }
}
