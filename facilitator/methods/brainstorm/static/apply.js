// Pure reducer for brainstorm events on a snapshot's `view`. Returns true when applied.

function upsert(view, note, role) {
  const i = view.notes.findIndex((n) => n.id === note.id);
  if (note.concealed) {
    // A note hidden until reveal: others only learn that one more exists.
    if (i < 0) view.concealed = (view.concealed || 0) + 1;
    return;
  }
  if (i >= 0) {
    view.notes[i] = { ...view.notes[i], ...note };
  } else {
    view.notes.push(role === 'participant' ? { mine: false, plussed: false, ...note } : note);
  }
}

export function apply(view, ev, role) {
  const d = ev.data || {};
  switch (ev.type) {
    case 'note.added':
    case 'note.updated':
      upsert(view, d.note, role);
      return true;
    case 'item.removed': {
      if (role === 'facilitator' && d.hidden) {
        // Moderation: the console keeps the note, marked, so it can be shown again.
        const note = view.notes.find((n) => n.id === d.id);
        if (note) note.hidden = true;
        return true;
      }
      const before = view.notes.length;
      view.notes = view.notes.filter((n) => n.id !== d.id);
      if (role === 'facilitator') return true;
      if (view.notes.length === before && view.concealed) view.concealed -= 1;
      return true;
    }
    case 'note.plus': {
      if (d.id === undefined) return true; // concealed phase: nothing to show
      const note = view.notes.find((n) => n.id === d.id);
      if (note) note.plus = d.plus;
      return true;
    }
    case 'note.themed': {
      if (d.id === undefined) return true;
      const note = view.notes.find((n) => n.id === d.id);
      if (note) note.theme = d.theme;
      return true;
    }
    case 'theme.changed': {
      const i = view.themes.findIndex((g) => g.id === d.theme.id);
      if (i >= 0) view.themes[i] = d.theme;
      else view.themes.push(d.theme);
      return true;
    }
    case 'item.restored':
    case 'theme.removed':
      return false; // resync
    default:
      return false;
  }
}
