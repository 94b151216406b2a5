// Reducer for workshop-wide events; method events go to the method's own apply().
// Returns true when handled, false when the page should resync, null when not a core event.

export function applyCore(snap, ev) {
  const d = ev.data || {};
  switch (ev.type) {
    case 'timer':
      snap.timer = d.timer;
      return true;
    case 'spotlight':
      snap.spotlight = d.spotlight;
      return true;
    case 'participants':
      snap.participants = { ...snap.participants, ...d };
      return true;
    case 'join.visible':
      snap.workshop.join_hidden = !d.visible;
      return true;
    case 'phase.state':
      if (d.phase !== snap.phase.id) return true;
      if ('locked' in d) snap.phase.locked = d.locked;
      if ('revealed' in d) snap.phase.revealed = d.revealed;
      return true;
    case 'minutes.shared':
      snap.minutes_shared = d.shared;
      return true;
    case 'groups.changed':
      snap.groups = d.groups;
      return !d.resync; // formed anew or ended: every view changes
    case 'groups.shown':
      if (snap.groups) snap.groups.shown = d.group;
      return true;
    case 'groups.moved':
      return false; // this phone was moved: its group, rooms and wall change
    case 'workshop.status':
      snap.workshop.status = d.status;
      return true;
    case 'phase.changed':
    case 'workshop.locale':
      return false; // resync: the whole view changes
    case 'item.removed':
      if (snap.spotlight && snap.spotlight.id === d.id) snap.spotlight = null;
      return null; // methods drop the item from their view too
    default:
      return null;
  }
}

/** The group of people this phone is in ({id, number, name}) with its current name, or null. */
export function myGroup(snap) {
  const mine = snap && snap.me && snap.me.group;
  if (!mine) return null;
  const listed = ((snap.groups && snap.groups.list) || []).find((g) => g.id === mine.id);
  return listed ? { ...mine, name: listed.name, number: listed.number } : mine;
}

/** Seconds left on the workshop timer at server time `now`. */
export function timeLeft(timer, now) {
  if (!timer) return 0;
  if (timer.running && timer.ends_at) return Math.max(0, timer.ends_at - now);
  return Math.max(0, timer.remaining || 0);
}

/** True while a running timer is within its warning time of the end (default one minute). */
export function warningDue(timer, now) {
  if (!timer || !timer.running) return false;
  const left = timeLeft(timer, now);
  const limit = timer.warning ?? 60;
  return left > 0 && left <= limit;
}

/**
 * Dispatch one event: core first, then the current phase's method reducer.
 * Returns false when the page must resync.
 */
export function applyEvent(snap, ev, method) {
  const core = applyCore(snap, ev);
  if (core === false) return false;
  if (core === true) return true;
  if (ev.data && ev.data.phase !== undefined && ev.data.phase !== snap.phase.id) return true;
  if (!method || !method.apply) return ev.type === 'item.removed' ? true : false;
  return method.apply(snap.view, ev, snap.role);
}
