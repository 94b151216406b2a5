// Pure reducer for dot-voting events on a snapshot's `view`. Returns true when applied.

export function apply(view, ev, role) {
  const d = ev.data || {};
  switch (ev.type) {
    case 'votes.changed':
      if (d.results) {
        view.results = d.results;
        view.close = isClose(d.results);
      }
      return true;
    case 'item.removed':
      if (role === 'facilitator' && d.hidden) {
        // Moderation: the console keeps the item, marked, so it can be shown again.
        const item = view.items.find((i) => i.id === d.id);
        if (item) item.hidden = true;
      } else {
        view.items = view.items.filter((i) => i.id !== d.id);
      }
      if (view.results) view.results = view.results.filter((r) => r.id !== d.id);
      return true;
    default:
      return false;
  }
}

/** Top two differ by one vote or less. */
export function isClose(results) {
  return results.length >= 2 && results[0].votes - results[1].votes <= 1;
}
