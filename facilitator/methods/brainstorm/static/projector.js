// Brainstorm on the big screen: a wall of note cards (under their themes when there are themes),
// "+1" counts with a symbol and a number, or only a big counter while notes are hidden until
// the reveal. The wall never scrolls: it shrinks to the smallest readable size, then keeps the
// newest notes and says how many earlier ones are kept.

import { h } from '../../js/core/dom.js';
import { fitList, keepArriving, settle } from '../../js/core/fit.js';
import { scoped, tn } from '../../js/core/i18n.js';

const LEVELS = [
  { font: 44, min: 460 },
  { font: 38, min: 400 },
  { font: 34, min: 360 },
  { font: 30, min: 330 },
  // The smallest: four columns whose lines still hold a long Finnish compound word.
  { font: 28, min: 300, pad: '12px 18px' },
];

/**
 * Once the room is quiet (no new note for quietMs, or the phase is closed) a wall that could not
 * show every note turns to the earlier notes, one page every pageMs, and back to the newest; a
 * new note brings the newest page back at once. Exported so tests can shorten the times.
 */
export const paging = { quietMs: 20000, pageMs: 12000 };

/** True while the public sees only how many notes exist. */
function concealed(snap, view) {
  return Boolean(view.hide_until_reveal && !snap.phase.revealed);
}

function plusBadge(n, t) {
  return h('span', { class: 'pj-plus' },
    h('span', { 'aria-hidden': 'true' }, `+${n}`),
    h('span', { class: 'visually-hidden' }, t('pj_plus', { n })));
}

/** opts.t: the method's translator (the console's preview passes the room's language). */
export function mount(root, opts = {}) {
  const t = opts.t || scoped('brainstorm');
  const cards = new Map(); // note id → card element
  const themeBoxes = new Map(); // theme id → {box, list}
  const counter = h('p', { class: 'pj-counter-number' });
  const counterBox = h('div', { class: 'pj-counter', role: 'status' },
    counter,
    h('p', { class: 'pj-counter-label' }, t('pj_notes_written')),
    h('p', { class: 'pj-counter-help' }, t('pj_notes_revealed_later')));
  const empty = h('p', { class: 'pj-empty' }, t('pj_no_notes'));
  const wall = h('div', { class: 'pj-wall', 'data-fit': '' });
  const earlier = h('p', { class: 'pj-earlier', hidden: true });
  const box = h('div', { class: 'pj-wallbox' }, wall, earlier);
  root.replaceChildren(box);
  let first = true;
  let current = { snap: null, view: null };

  function card(note) {
    let el = cards.get(note.id);
    if (!el) {
      el = h('article', { class: 'pj-note' }, h('p', { class: 'pj-note-text' }), h('div', { class: 'pj-note-meta' }));
      el.dataset.key = String(note.id);
      if (!first) settle(el);
      cards.set(note.id, el);
    }
    const text = el.firstChild;
    if (text.textContent !== note.text) text.textContent = note.text;
    const meta = el.lastChild;
    const plus = note.plus || 0;
    if (meta.dataset.plus !== String(plus)) {
      meta.dataset.plus = String(plus);
      meta.replaceChildren(...(plus > 0 ? [plusBadge(plus, t)] : []));
    }
    return el;
  }

  function themeBox(id, label) {
    let entry = themeBoxes.get(id);
    if (!entry) {
      const title = h('h3', { class: 'pj-theme-label' });
      const list = h('div', { class: 'pj-theme-notes' });
      entry = { box: h('section', { class: 'pj-theme' }, title, list), title, list };
      themeBoxes.set(id, entry);
    }
    if (entry.title.textContent !== label) entry.title.textContent = label;
    return entry;
  }

  function draw(notes, level, left) {
    wall.style.setProperty('--note-font', `${level.font}px`);
    wall.style.setProperty('--card-min', `${level.min}px`);
    wall.style.setProperty('--card-pad', level.pad || '20px 28px');
    const label = labelFor(left, notes);
    earlier.hidden = !label;
    earlier.textContent = label;
    const { field, sets, rest } = columns(current.snap, current.view);
    if (!sets.length) {
      wall.classList.remove('is-themed');
      wall.replaceChildren(...keepArriving(notes.map(card)));
      return;
    }
    wall.classList.add('is-themed');
    const known = new Set(sets.map((g) => g.id));
    const buckets = new Map(sets.map((g) => [g.id, []]));
    buckets.set(null, []);
    for (const note of notes) buckets.get(known.has(note[field]) ? note[field] : null).push(note);
    const boxes = [];
    for (const g of sets) {
      const entry = themeBox(`${field}-${g.id}`, g.label);
      entry.list.replaceChildren(...keepArriving(buckets.get(g.id).map(card)));
      boxes.push(entry.box);
    }
    if (buckets.get(null).length) {
      const entry = themeBox(`${field}-none`, rest);
      entry.list.replaceChildren(...keepArriving(buckets.get(null).map(card)));
      boxes.push(entry.box);
    }
    wall.style.setProperty('--theme-cols', String(Math.min(boxes.length, 4)));
    wall.replaceChildren(...boxes);
  }

  let last = { count: 0, level: 0, width: 0, themed: false };
  let labelFor = (left) => (left > 0 ? tn('pj_earlier', left, {}, t) : '');
  // Paging: null shows the newest notes; {end, start} shows notes [start, end) of the sorted list.
  let page = null;
  let newestId = 0;
  let newestLeft = 0; // how many notes the newest page leaves out
  let lastArrival = Date.now();
  let lastTurn = Date.now();

  /**
   * The wall's columns: in a per-group phase one per group of people (only the one the
   * facilitator shows, if one is shown), else one per theme.
   */
  function columns(snap, view) {
    const groups = (snap && snap.phase.per_group && snap.groups && snap.groups.list) || [];
    if (groups.length) {
      const shown = snap.groups.shown;
      const sets = groups
        .filter((g) => !shown || g.id === shown)
        .map((g) => ({
          id: g.id,
          label: g.name ? t('pj_group_named', { n: g.number, name: g.name }) : t('pj_group_n', { n: g.number }),
        }));
      return { field: 'group', sets, rest: t('pj_whole_room') };
    }
    return { field: 'theme', sets: view.themes || [], rest: t('pj_unthemed') };
  }

  function sorted() {
    const { snap, view } = current;
    const shown = snap && snap.phase.per_group && snap.groups && snap.groups.shown;
    const notes = shown ? view.notes.filter((n) => n.group === shown || !n.group) : view.notes;
    return [...notes].sort((a, b) => a.id - b.id);
  }

  function fit() {
    const { snap, view } = current;
    if (!snap) return;
    const notes = sorted();
    if (!notes.length) return;
    const newest = notes[notes.length - 1].id;
    if (newest > newestId) {
      newestId = newest;
      lastArrival = Date.now();
      lastTurn = lastArrival;
      page = null;
    }
    if (page && page.end > notes.length) page = null;
    const themed = columns(snap, view).sets.length > 0;
    if (page) {
      const shown = page;
      labelFor = (left) =>
        t('pj_page', { from: left + 1, to: shown.end, total: notes.length });
      shown.start = fitList(box, notes.slice(0, shown.end), LEVELS, draw, 'last', last.level);
      return;
    }
    // More notes in the same box never fit at a larger size: start where the last fit ended.
    const grew = notes.length >= last.count && box.clientWidth === last.width
      && themed === last.themed;
    const from = grew ? last.level : 0;
    let level = from;
    labelFor = (left) => (left > 0 ? tn('pj_earlier', left, {}, t) : '');
    newestLeft = fitList(box, notes, LEVELS, (items, lv, left) => {
      level = LEVELS.indexOf(lv);
      draw(items, lv, left);
    }, 'last', from);
    last = { count: notes.length, level, width: box.clientWidth, themed };
  }

  function turn() {
    const { snap } = current;
    if (!snap || root.firstChild !== box || (page === null && newestLeft <= 0)) return;
    const now = Date.now();
    const quiet = snap.phase.locked || now - lastArrival >= paging.quietMs;
    if (!quiet) {
      if (page) {
        page = null;
        fit();
      }
      return;
    }
    if (now - lastTurn < paging.pageMs) return;
    lastTurn = now;
    if (page === null) page = { end: newestLeft, start: 0 };
    else if (page.start > 0) page = { end: page.start, start: 0 };
    else page = null;
    fit();
  }

  const pager = setInterval(() => {
    if (!root.isConnected && current.snap) {
      clearInterval(pager); // this phase's view was replaced
      return;
    }
    turn();
  }, 250);

  function update(snap, view) {
    current = { snap, view };
    const hide = concealed(snap, view) || (!view.notes.length && view.concealed > 0);
    const ids = new Set(view.notes.map((n) => n.id));
    for (const id of cards.keys()) if (!ids.has(id)) cards.delete(id);
    if (hide) {
      counter.textContent = String(view.concealed || 0);
      root.replaceChildren(counterBox);
    } else if (!view.notes.length) {
      root.replaceChildren(empty);
    } else {
      if (root.firstChild !== box) root.replaceChildren(box);
      fit();
    }
    first = false;
  }

  return { update, fit };
}
