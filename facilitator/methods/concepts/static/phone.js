// Concept definitions on the phone: one term at a time (previous / next), the group's shared
// definition (edited here when the kit lets everyone edit it), a box for one's own proposal, and
// the proposals with "+1".
//
// Nothing typed is lost: a proposal being written is kept per term in localStorage, a sent one
// lives in the outbox until the server has saved it, and an edit of the shared definition that
// crossed someone else's is shown again beside their version, to add again.

import { h, syncList } from '../../js/core/dom.js';
import { scoped } from '../../js/core/i18n.js';
import { claimFor } from '../../js/core/pairing.js';
import { currentTerm } from './apply.js';

let t = scoped('concepts');
let S = null; // per-phase UI state, rebuilt when the phase changes

function freshState(root, ctx) {
  return {
    root,
    ctx,
    phase: ctx.phase.id,
    termId: null, // the term this phone shows
    composeTerm: null, // the term whose draft is in the box
    roomMoved: null, // the term the room moved to while this person was typing
    editing: new Map(), // proposal key → textarea (editing one's own proposal)
    confirming: new Set(), // proposal ids asking "delete?"
    errors: new Map(), // proposal key → message
    opByProposal: new Map(), // proposal id → op of the proposal.add that made it
    wedit: null, // {term, base, baseText, area, message} while editing the shared definition
    kept: new Map(), // term id → {text}: words of a refused definition edit, to add again
    els: {},
  };
}

// -- small helpers -----------------------------------------------------------------------------

function readDraft(key) {
  try {
    return localStorage.getItem(key) || '';
  } catch {
    return '';
  }
}

function writeDraft(key, text) {
  try {
    if (text) localStorage.setItem(key, text);
    else localStorage.removeItem(key);
  } catch {
    // Storage unavailable: the text stays in the box.
  }
}

function draftKey(termId) {
  return `${S.ctx.storageKey}-t${termId}`;
}

function grow(textarea) {
  textarea.style.height = 'auto';
  textarea.style.height = `${textarea.scrollHeight + 4}px`;
}

function counter(el, textarea, max) {
  const n = textarea.value.length;
  el.replaceChildren(
    h('span', { 'aria-hidden': 'true' }, t('counter', { n, max })),
    h('span', { class: 'visually-hidden' }, t('counter_label', { n, max })),
  );
  el.classList.toggle('near', n >= max * 0.9);
}

function button(label, onclick, extra = {}) {
  return h('button', { type: 'button', onclick, ...extra }, label);
}

/** Replace an element's children, keeping focus (and the caret) on a node that survives. */
function rebuild(el, children) {
  const active = document.activeElement;
  const keep = active && el.contains(active) ? active : null;
  const selection =
    keep && 'selectionStart' in keep ? [keep.selectionStart, keep.selectionEnd] : null;
  el.replaceChildren(...children.filter(Boolean));
  if (keep && el.contains(keep)) {
    keep.focus();
    if (selection) keep.setSelectionRange(selection[0], selection[1]);
  } else if (keep && keep.dataset.focusKey) {
    const again = el.querySelector(`[data-focus-key="${keep.dataset.focusKey}"]`);
    if (again) again.focus();
  }
}

function lastEntry(entries, type, match) {
  let found = null;
  for (const e of entries) if (e.type === type && e.data && match(e.data)) found = e;
  return found;
}

function terms(view) {
  return view.terms.filter((term) => !term.hidden);
}

function wordingOf(view, termId) {
  return view.wordings.find((w) => w.term === termId) || null;
}

function confirmed(view, termId) {
  const wording = wordingOf(view, termId);
  return Boolean(wording && wording.confirmed);
}

/** True while this person has something unsaved on the shown term. */
function busy() {
  const area = S.els.textarea;
  return Boolean(
    (area && area.value.trim()) || S.wedit || S.editing.size || S.confirming.size,
  );
}

// -- building the screen ----------------------------------------------------------------------

function build(root, ctx) {
  S = freshState(root, ctx);
  const name = h('h2', { class: 'cd-term', id: 'cd-term', tabindex: '-1' });
  const step = h('p', { class: 'cd-step', id: 'cd-step' });
  const hint = h('p', { class: 'cd-hint' });
  const moved = h('div', { class: 'cd-moved', role: 'status' });
  const empty = h('p', { class: 'state-message' }, t('no_terms'));

  const wording = h('section', { class: 'cd-wording', 'aria-labelledby': 'cd-wording-title' });

  const textarea = h('textarea', {
    id: 'cd-text',
    name: 'text',
    rows: 3,
    autocomplete: 'off',
    'aria-describedby': 'cd-hint cd-counter cd-message',
  });
  const count = h('span', { id: 'cd-counter', class: 'counter' });
  const message = h('p', { id: 'cd-message', class: 'inline-message', role: 'alert' });
  const label = h('label', { for: 'cd-text' });
  const form = h(
    'form',
    { class: 'compose', novalidate: true, onsubmit: (e) => submit(e) },
    label,
    h('p', { class: 'field-hint', id: 'cd-hint' }, t('propose_hint')),
    textarea,
    h(
      'div',
      { class: 'compose-row' },
      count,
      h('button', { type: 'submit', class: 'primary send' }, t('send')),
    ),
    message,
  );
  textarea.addEventListener('input', () => {
    writeDraft(draftKey(S.composeTerm), textarea.value);
    if (message.textContent) message.textContent = '';
    grow(textarea);
    counter(count, textarea, S.ctx.view.max_length);
  });
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
  });

  const listTitle = h('h3', { class: 'notes-title', id: 'cd-list-title' }, t('proposals_title'));
  const list = h('ul', { class: 'notes cd-proposals', 'aria-labelledby': 'cd-list-title' });
  const none = h('p', { class: 'muted' }, t('no_proposals'));

  const previous = h('button', { type: 'button', class: 'cd-prev', onclick: () => step1(-1) });
  const next = h('button', { type: 'button', class: 'cd-next', onclick: () => step1(1) });
  const pager = h('nav', { class: 'cd-pager', 'aria-label': t('term_of', { n: '', total: '' }) },
    previous, next);

  const body = h('div', { class: 'cd-body' },
    h('header', { class: 'cd-head' }, step, name, hint), moved, wording, form, listTitle, none,
    list);
  root.append(empty, body, pager);
  Object.assign(S.els, { name, step, hint, moved, empty, body, wording, textarea, count });
  Object.assign(S.els, { message, label, form, listTitle, list, none, previous, next, pager });
}

/** A long compound ("Sektorsövergripande") gets smaller before it would break inside a word. */
function fitName(el) {
  el.classList.remove('is-long', 'is-longest');
  for (const cls of ['is-long', 'is-longest']) {
    if (el.scrollWidth <= el.clientWidth + 1) return;
    el.classList.add(cls);
  }
}

// -- moving between terms ---------------------------------------------------------------------

function show(termId, { announce = true, focus = false } = {}) {
  S.termId = termId;
  S.roomMoved = null;
  S.confirming.clear();
  S.ctx.update();
  const term = terms(S.ctx.view).find((x) => x.id === termId);
  if (term && announce) {
    const list = terms(S.ctx.view);
    const n = list.findIndex((x) => x.id === termId) + 1;
    S.ctx.announce(`${t('term_of', { n, total: list.length })}: ${term.name}`);
  }
  if (focus) requestAnimationFrame(() => S.els.name.focus());
}

function step1(delta) {
  const list = terms(S.ctx.view);
  const i = list.findIndex((x) => x.id === S.termId);
  const target = list[i + delta];
  if (target) show(target.id);
}

// -- writing a proposal -----------------------------------------------------------------------

function submit(event) {
  event.preventDefault();
  const { ctx } = S;
  const { textarea, message, count } = S.els;
  if (!ctx.open || confirmed(ctx.view, S.termId)) return;
  const text = textarea.value.trim();
  if (!text) {
    message.textContent = t('empty');
    textarea.focus();
    return;
  }
  ctx.send('proposal.add', { term: S.termId, text });
  textarea.value = '';
  writeDraft(draftKey(S.termId), '');
  grow(textarea);
  counter(count, textarea, ctx.view.max_length);
  textarea.focus();
}

function swapDraft(termId) {
  if (S.composeTerm === termId) return;
  const { textarea, message, count } = S.els;
  const focused = document.activeElement === textarea;
  S.composeTerm = termId;
  textarea.value = readDraft(draftKey(termId));
  message.textContent = '';
  counter(count, textarea, S.ctx.view.max_length);
  requestAnimationFrame(() => grow(textarea));
  if (focused) textarea.focus();
}

// -- the shared definition --------------------------------------------------------------------

function startWording(termId, text, base, baseText, message = '') {
  const area = h('textarea', {
    id: 'cd-wording-text',
    rows: 4,
    maxlength: S.ctx.view.max_length,
    'aria-describedby': 'cd-wording-message',
  });
  area.value = text;
  area.addEventListener('input', () => {
    grow(area);
    if (S.wedit && S.wedit.count) counter(S.wedit.count, area, S.ctx.view.max_length);
  });
  S.wedit = { term: termId, base, baseText, area, message, count: null };
  S.focusNext = area;
}

function saveWording() {
  const w = S.wedit;
  const text = w.area.value.trim();
  if (!text) {
    w.message = t('empty');
    S.ctx.update();
    return;
  }
  S.ctx.send('wording.edit', { term: w.term, base: w.base, base_text: w.baseText, text });
  S.wedit = null;
  S.ctx.update();
  S.focusNext = '#cd-wording-title';
}

function wordingParts(view, termId, pending) {
  const wording = wordingOf(view, termId);
  const isConfirmed = Boolean(wording && wording.confirmed);
  const sending = lastEntry(pending, 'wording.edit', (d) => d.term === termId);
  const inFlight = sending && sending.state === 'sending';
  const editing = S.wedit && S.wedit.term === termId;
  const parts = [
    h('div', { class: 'cd-wording-head' },
      h('h3', { id: 'cd-wording-title', tabindex: '-1' }, t('agreed_title')),
      wording && !editing
        ? h('span', { class: `cd-badge ${isConfirmed ? 'is-confirmed' : 'is-draft'}` },
          isConfirmed ? t('confirmed_mark') : t('draft_mark'))
        : null),
  ];
  if (editing) {
    const w = S.wedit;
    const name = (terms(view).find((x) => x.id === termId) || {}).name || '';
    w.area.setAttribute('aria-label', t('wording_label', { name }));
    w.area.maxLength = view.max_length;
    w.count = w.count || h('span', { class: 'counter' });
    counter(w.count, w.area, view.max_length);
    const changed = wording && wording.rev !== w.base;
    parts.push(w.area);
    parts.push(h('p', { class: 'inline-message', id: 'cd-wording-message', role: 'alert' },
      w.message || (changed ? t('changed_meanwhile') : '')));
    parts.push(h('div', { class: 'compose-row' }, w.count,
      h('div', { class: 'note-actions' },
        button(t('save'), saveWording, { class: 'primary', dataset: { focusKey: 'w-save' } }),
        button(t('cancel'), () => {
          S.wedit = null;
          S.ctx.update();
          S.focusNext = '#cd-wording-title';
        }))));
  } else if (inFlight) {
    parts.push(h('p', { class: 'cd-wording-text' }, sending.data.text));
    parts.push(h('p', { class: 'note-state sending' }, t('sending_mark')));
  } else if (wording) {
    parts.push(h('p', { class: 'cd-wording-text' }, wording.text));
    if (isConfirmed) parts.push(h('p', { class: 'cd-confirmed-help' }, t('confirmed_help')));
  } else {
    parts.push(h('p', { class: 'muted cd-wording-none' }, t('no_wording_yet')));
  }
  const kept = S.kept.get(termId);
  if (kept) {
    parts.push(h('div', { class: 'cd-kept' },
      h('p', { class: 'cd-kept-title' }, t('your_words')),
      h('p', { class: 'cd-kept-text' }, kept.text),
      kept.message ? h('p', { class: 'cd-kept-help' }, kept.message) : null,
      h('div', { class: 'note-actions' },
        button(t('dismiss'), () => {
          S.kept.delete(termId);
          S.ctx.update();
        }))));
  }
  if (!editing && !inFlight && view.can_edit && S.ctx.open && !isConfirmed) {
    parts.push(h('div', { class: 'note-actions' },
      button(wording ? t('edit_wording') : t('write_wording'), () => {
        startWording(termId, wording ? wording.text : '', wording ? wording.rev : 0,
          wording ? wording.text : '');
        S.ctx.update();
      }, { class: 'cd-edit-wording', dataset: { focusKey: 'w-edit' } })));
  }
  return parts;
}

// -- proposals ---------------------------------------------------------------------------------

function stateMark(row) {
  if (row.state === 'sending') return h('span', { class: 'note-state sending' }, t('sending_mark'));
  if (row.state === 'deleting') {
    return h('span', { class: 'note-state sending' }, t('deleting_mark'));
  }
  if (row.state === 'failed') return h('span', { class: 'note-state failed' }, t('failed_mark'));
  return h('span', { class: 'note-state saved' }, t('saved_mark'));
}

function claim(view, pending) {
  // A proposal saved before its ack arrived (lost ack, reload): pair it with its outbox entry.
  const claimed = new Set(S.opByProposal.values());
  for (const entry of pending) {
    if (entry.type !== 'proposal.add' || entry.state !== 'sending' || claimed.has(entry.op)) {
      continue;
    }
    const found = view.proposals.find(
      (p) =>
        p.mine && !S.opByProposal.has(p.id) && p.text === entry.data.text
        && p.term === entry.data.term,
    );
    if (found) {
      S.opByProposal.set(found.id, entry.op);
      claimed.add(entry.op);
    }
  }
}

function rows(view, termId, pending) {
  claim(view, pending);
  const mapped = new Set(S.opByProposal.values());
  const byOp = new Map(pending.map((e) => [e.op, e]));
  const own = [];
  for (const entry of pending) {
    if (entry.type !== 'proposal.add' || mapped.has(entry.op)) continue;
    if (entry.data.term !== termId) continue;
    own.push({
      key: `op-${entry.op}`,
      kind: 'unsent',
      op: entry.op,
      text: entry.data.text,
      state: entry.state,
      error: entry.state === 'failed' && entry.error ? entry.error.message : '',
      plus: 0,
      mine: true,
    });
  }
  own.reverse();
  const saved = [];
  const others = [];
  for (const p of view.proposals) {
    if (p.term !== termId) continue;
    if (!p.mine) {
      const plusEntry = lastEntry(pending, 'proposal.plus', (d) => d.id === p.id);
      const plussed =
        plusEntry && plusEntry.state === 'sending' ? plusEntry.data.on : Boolean(p.plussed);
      others.push({ key: `p-${p.id}`, kind: 'other', id: p.id, text: p.text, plus: p.plus || 0,
        plussed });
      continue;
    }
    const op = S.opByProposal.get(p.id);
    const adding = op ? byOp.get(op) : null;
    const edit = lastEntry(pending, 'proposal.edit', (d) => d.id === p.id);
    const del = lastEntry(pending, 'proposal.delete', (d) => d.id === p.id);
    let state = 'saved';
    let text = p.text;
    if (adding && adding.state === 'sending') state = 'sending';
    if (edit && edit.state === 'sending') {
      state = 'sending';
      text = edit.data.text;
    }
    if (del && del.state === 'sending') state = 'deleting';
    saved.push({ key: op ? `op-${op}` : `p-${p.id}`, kind: 'saved', id: p.id, text, state,
      plus: p.plus || 0, mine: true });
  }
  saved.sort((a, b) => b.id - a.id);
  return [...own, ...saved, ...others];
}

function editKey(row) {
  return row.kind === 'unsent' ? row.key : `p-${row.id}`;
}

function editor(row) {
  const key = editKey(row);
  let area = S.editing.get(key);
  if (!area) {
    area = h('textarea', {
      rows: 3,
      maxlength: S.ctx.view.max_length,
      'aria-label': t('edit_label'),
      dataset: { focusKey: `edit-${key}` },
    });
    area.value = row.text;
    area.addEventListener('input', () => grow(area));
    S.editing.set(key, area);
    S.focusNext = area;
  }
  return area;
}

function saveEdit(row) {
  const key = editKey(row);
  const area = S.editing.get(key);
  const text = area ? area.value.trim() : '';
  if (!text) {
    S.errors.set(key, t('empty'));
    S.ctx.update();
    return;
  }
  S.editing.delete(key);
  S.errors.delete(key);
  if (row.kind === 'unsent') S.ctx.retry(row.op, { ...byOpData(row.op), text });
  else if (text !== row.text) S.ctx.send('proposal.edit', { id: row.id, text });
  S.ctx.update();
}

function byOpData(op) {
  const entry = S.ctx.pending().find((e) => e.op === op);
  return entry ? entry.data : { term: S.termId };
}

function ownRow(row, open) {
  const key = editKey(row);
  const editing = S.editing.has(key) && open;
  const parts = [
    h('p', { class: 'cd-mine-mark' }, t('mine_mark')),
    editing ? editor(row) : h('p', { class: 'note-text' }, row.text),
  ];
  const error = row.error || S.errors.get(key);
  if (error) parts.push(h('p', { class: 'note-error' }, error));
  const actions = [];
  if (editing) {
    actions.push(
      button(t('save'), () => saveEdit(row), { class: 'primary', dataset: { focusKey: 'save' } }),
      button(t('cancel'), () => {
        S.editing.delete(key);
        S.errors.delete(key);
        S.ctx.update();
      }),
    );
  } else if (row.kind === 'unsent' && row.state === 'failed') {
    if (open) {
      actions.push(button(t('retry'), () => S.ctx.retry(row.op), { class: 'primary' }));
      actions.push(button(t('edit'), () => {
        editor(row);
        S.ctx.update();
      }));
    }
    actions.push(button(t('dismiss'), () => S.ctx.dismiss(row.op),
      { 'aria-label': t('dismiss_label') }));
  } else if (row.kind === 'saved' && open && row.state === 'saved') {
    if (S.confirming.has(row.id)) {
      actions.push(
        h('span', { class: 'confirm-text', role: 'alert' }, t('delete_confirm')),
        button(t('delete_yes'), () => {
          S.confirming.delete(row.id);
          S.ctx.send('proposal.delete', { id: row.id });
          S.focusNext = '#cd-list-title';
        }, { class: 'danger primary' }),
        button(t('cancel'), () => {
          S.confirming.delete(row.id);
          S.ctx.update();
        }, { dataset: { focusKey: `cancel-${row.id}` } }),
      );
    } else {
      actions.push(
        button(t('edit'), () => {
          S.errors.delete(key);
          editor(row);
          S.ctx.update();
        }, { dataset: { focusKey: `edit-btn-${row.id}` } }),
        button(t('delete'), () => {
          S.confirming.add(row.id);
          S.ctx.update();
          S.focusNext = `[data-focus-key="cancel-${row.id}"]`;
        }, { class: 'danger', dataset: { focusKey: `delete-${row.id}` } }),
      );
    }
  }
  const meta = h('div', { class: 'note-meta' }, stateMark(row));
  if (row.plus) meta.append(h('span', { class: 'muted' }, t('plus_count', { n: row.plus })));
  parts.push(meta);
  if (actions.length) parts.push(h('div', { class: 'note-actions' }, actions));
  return parts;
}

function otherRow(row, open) {
  const parts = [h('p', { class: 'note-text' }, row.text)];
  const error = S.errors.get(editKey(row));
  if (error) parts.push(h('p', { class: 'note-error' }, error));
  const meta = h('div', { class: 'note-meta' });
  if (S.ctx.view.allow_plus && open) {
    meta.append(button(
      `${row.plussed ? '✓ ' : ''}${t('plus')}${row.plus ? ` · ${row.plus}` : ''}`,
      () => {
        S.errors.delete(editKey(row));
        S.ctx.send('proposal.plus', { id: row.id, on: !row.plussed });
      },
      {
        class: 'plus',
        'aria-pressed': row.plussed ? 'true' : 'false',
        'aria-label': t('plus_label', { n: row.plus }),
        dataset: { focusKey: `plus-${row.id}` },
      },
    ));
  } else if (row.plus) {
    meta.append(h('span', { class: 'muted' }, t('plus_count', { n: row.plus })));
  }
  parts.push(meta);
  return parts;
}

function syncRow(el, row, open) {
  const key = editKey(row);
  const sig = JSON.stringify([row.text, row.state, row.error || '', row.plus, row.plussed, open,
    S.editing.has(key), S.confirming.has(row.id), S.errors.get(key) || '',
    S.ctx.view.allow_plus]);
  if (el._sig === sig) return;
  el._sig = sig;
  el.className = `note ${row.mine ? 'mine' : 'theirs'} ${row.state || ''}`.trim();
  rebuild(el, row.mine ? ownRow(row, open) : otherRow(row, open));
}

// -- drawing ----------------------------------------------------------------------------------

function applyFocus() {
  const target = S.focusNext;
  if (!target) return;
  S.focusNext = null;
  const el = typeof target === 'string' ? S.root.querySelector(target) : target;
  if (!el || !S.root.contains(el)) return;
  const active = document.activeElement;
  // Only where focus was lost (its button vanished): never pull it from where the person is.
  if (typeof target === 'string' && active && active !== document.body) return;
  if (el.tagName === 'TEXTAREA') {
    grow(el);
    el.setSelectionRange(el.value.length, el.value.length);
  }
  el.focus();
}

function render(root, ctx) {
  if (!S || S.root !== root || S.phase !== ctx.phase.id || !root.contains(S.els.form)) {
    build(root, ctx);
  }
  S.ctx = ctx;
  const { view } = ctx;
  const list = terms(view);
  const els = S.els;
  els.empty.hidden = list.length > 0;
  els.body.hidden = list.length === 0;
  els.pager.hidden = list.length < 2;
  if (!list.length) return;
  if (!list.some((x) => x.id === S.termId)) S.termId = currentTerm(view);
  const index = list.findIndex((x) => x.id === S.termId);
  const term = list[index];
  const termId = term.id;
  const pending = ctx.pending();

  const stepText = t('term_of', { n: index + 1, total: list.length });
  if (els.step.textContent !== stepText) els.step.textContent = stepText;
  if (els.name.textContent !== term.name) {
    els.name.textContent = term.name;
    fitName(els.name);
  }
  els.hint.textContent = term.hint || '';
  els.hint.hidden = !term.hint;

  const moved = S.roomMoved !== null && S.roomMoved !== termId
    ? list.find((x) => x.id === S.roomMoved) : null;
  els.moved.hidden = !moved;
  const movedSig = moved ? `${moved.id}:${moved.name}` : '';
  if (els.moved.dataset.sig !== movedSig) {
    els.moved.dataset.sig = movedSig;
    els.moved.replaceChildren(...(moved ? [
      h('p', {}, t('room_is_on', { name: moved.name })),
      button(t('go_there'), () => show(moved.id, { focus: true }), { class: 'primary' }),
    ] : []));
  }

  // The shared definition
  const wording = wordingOf(view, termId);
  if (S.wedit && S.wedit.term !== termId) {
    // Left for another term with the editor open: changed words wait beside that definition.
    const text = S.wedit.area.value.trim();
    if (text && text !== S.wedit.baseText) S.kept.set(S.wedit.term, { text, message: '' });
    S.wedit = null;
  }
  if (S.wedit && (!view.can_edit || !ctx.open || (wording && wording.confirmed))) {
    // It closed while this person was writing: keep their words beside it.
    const text = S.wedit.area.value.trim();
    if (text && text !== S.wedit.baseText) S.kept.set(termId, { text, message: '' });
    S.wedit = null;
  }
  const sending = lastEntry(pending, 'wording.edit', (d) => d.term === termId);
  const wsig = JSON.stringify([termId, wording, S.wedit && S.wedit.base, S.wedit && S.wedit.message,
    Boolean(S.wedit), S.kept.get(termId), sending && [sending.op, sending.state], view.can_edit,
    ctx.open, view.max_length]);
  if (els.wording.dataset.sig !== wsig) {
    els.wording.dataset.sig = wsig;
    rebuild(els.wording, wordingParts(view, termId, pending));
  }

  // The proposal box
  const isConfirmed = Boolean(wording && wording.confirmed);
  swapDraft(termId);
  els.form.hidden = !ctx.open || isConfirmed;
  els.textarea.maxLength = view.max_length;
  const labelText = t('propose_label', { name: term.name });
  if (els.label.textContent !== labelText) els.label.textContent = labelText;
  counter(els.count, els.textarea, view.max_length);

  // Proposals
  const open = ctx.open && !isConfirmed;
  const shown = rows(view, termId, pending);
  syncList(els.list, shown, (r) => r.key, (r) => {
    const el = h('li', {});
    syncRow(el, r, open);
    return el;
  }, (el, r) => syncRow(el, r, open));
  els.none.hidden = shown.length > 0;

  // Previous / next
  const before = list[index - 1];
  const after = list[index + 1];
  els.previous.disabled = !before;
  els.next.disabled = !after;
  els.previous.replaceChildren(h('span', { 'aria-hidden': 'true' }, '‹ '), t('previous'));
  els.next.replaceChildren(t('next'), h('span', { 'aria-hidden': 'true' }, ' ›'));
  if (before) els.previous.setAttribute('aria-label', t('previous_label', { name: before.name }));
  else els.previous.removeAttribute('aria-label');
  if (after) els.next.setAttribute('aria-label', t('next_label', { name: after.name }));
  else els.next.removeAttribute('aria-label');
  els.pager.setAttribute('aria-label', stepText);
  applyFocus();
}

// -- events and acks --------------------------------------------------------------------------

function onEvent(ev, ctx) {
  if (!S) return;
  const { view } = ctx;
  if (ev.type === 'term.current') {
    const target = view.current;
    if (target === null || target === S.termId) {
      S.roomMoved = null;
      return;
    }
    if (busy()) {
      S.roomMoved = target; // a calm note with a button; their typing stays where it is
    } else {
      const term = terms(view).find((x) => x.id === target);
      S.termId = target;
      S.roomMoved = null;
      if (term) ctx.announce(t('room_is_on', { name: term.name }));
    }
    return;
  }
  if (ev.type !== 'proposal.added' || !ev.data || !ev.data.proposal) return;
  // Our own proposal may arrive as an event before its ack: pair it with the entry being sent.
  const proposal = view.proposals.find((p) => p.id === ev.data.proposal.id);
  if (!proposal || proposal.mine) return;
  const claimed = new Set(S.opByProposal.values());
  const entry = claimFor(proposal, ctx.pending(), 'proposal.add', claimed,
    (e, p) => e.data.text === p.text && e.data.term === p.term);
  if (entry) {
    S.opByProposal.set(proposal.id, entry.op);
    proposal.mine = true;
  }
}

function onWordingResult(entry, ctx) {
  const { view } = ctx;
  const termId = entry.data.term;
  if (entry.state === 'saved') {
    const saved = entry.result && entry.result.wording;
    if (saved) {
      const i = view.wordings.findIndex((w) => w.term === saved.term);
      if (i < 0) view.wordings.push(saved);
      else if ((view.wordings[i].rev || 0) <= saved.rev) view.wordings[i] = saved;
    }
    S.kept.delete(termId);
    ctx.announce(entry.result && entry.result.merged ? t('wording_merged') : t('wording_saved'));
    return;
  }
  ctx.dismiss(entry.op);
  const error = entry.error || {};
  const mine = entry.data.text;
  if (error.code === 'conflict' && error.current) {
    // Their version goes in the box; this person's words stay beside it, to add again.
    const current = error.current;
    const i = view.wordings.findIndex((w) => w.term === termId);
    if (i >= 0 && (view.wordings[i].rev || 0) <= current.rev) {
      view.wordings[i] = { ...view.wordings[i], text: current.text, rev: current.rev };
    } else if (i < 0) {
      view.wordings.push({ id: current.id, term: termId, text: current.text, rev: current.rev,
        confirmed: false, source: null });
    }
    S.kept.set(termId, { text: mine, message: '' });
    if (termId === S.termId) {
      startWording(termId, current.text, current.rev, current.text, t('conflict_help'));
    }
  } else if (view.can_edit && ctx.open && !confirmed(view, termId) && termId === S.termId) {
    startWording(termId, mine, entry.data.base, entry.data.base_text, error.message || '');
  } else {
    S.kept.set(termId, { text: mine, message: error.message || '' });
  }
  ctx.announce(t('wording_failed', { error: error.message || '' }));
}

function onResult(entry, ctx) {
  if (!S || entry.state === 'sending') return;
  const { view } = ctx;
  const ok = entry.state === 'saved';
  const message = entry.error ? entry.error.message : '';
  switch (entry.type) {
    case 'proposal.add': {
      if (!ok) {
        ctx.announce(t('proposal_failed', { error: message }));
        return;
      }
      const saved = entry.result && entry.result.proposal;
      if (!saved) return;
      for (const [id, op] of S.opByProposal) {
        if (op === entry.op && id !== saved.id) {
          S.opByProposal.delete(id);
          const wrong = view.proposals.find((p) => p.id === id);
          if (wrong) wrong.mine = false;
        }
      }
      S.opByProposal.set(saved.id, entry.op);
      const proposal = view.proposals.find((p) => p.id === saved.id);
      if (proposal) proposal.mine = true;
      else view.proposals.push({ plussed: false, ...saved, mine: true });
      ctx.announce(t('proposal_saved'));
      return;
    }
    case 'proposal.edit': {
      const id = entry.data.id;
      if (ok) {
        const proposal = view.proposals.find((p) => p.id === id);
        if (proposal && entry.result && entry.result.proposal) {
          Object.assign(proposal, entry.result.proposal);
        }
        ctx.announce(t('proposal_saved'));
      } else {
        ctx.dismiss(entry.op);
        const key = `p-${id}`;
        const area = editor({ kind: 'saved', id, text: entry.data.text });
        area.value = entry.data.text;
        S.errors.set(key, message);
        ctx.announce(t('proposal_failed', { error: message }));
      }
      return;
    }
    case 'proposal.delete': {
      if (ok) {
        view.proposals = view.proposals.filter((p) => p.id !== entry.data.id);
        ctx.announce(t('proposal_deleted'));
      } else {
        ctx.dismiss(entry.op);
        S.errors.set(`p-${entry.data.id}`, message);
        ctx.announce(message);
      }
      return;
    }
    case 'proposal.plus': {
      const proposal = view.proposals.find((p) => p.id === entry.data.id);
      if (ok && proposal && entry.result) {
        proposal.plus = entry.result.plus;
        proposal.plussed = entry.result.plussed;
      } else if (!ok) {
        ctx.dismiss(entry.op);
        S.errors.set(`p-${entry.data.id}`, message);
        ctx.announce(message);
      }
      return;
    }
    case 'wording.edit':
      onWordingResult(entry, ctx);
      return;
    default:
  }
}

/** The screen contract (static/js/core/loader.js); ctx.context() describes the phone now. */
export function mount(root, ctx) {
  if (ctx.t) t = ctx.t;
  return {
    update: () => render(root, ctx.context()),
    onEvent: (ev) => onEvent(ev, ctx.context()),
    onResult: (entry) => onResult(entry, ctx.context()),
  };
}
