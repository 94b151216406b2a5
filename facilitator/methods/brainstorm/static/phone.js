// Brainstorm on the phone: a growing text box, own notes with their state (sending… → saved ✓,
// or not sent with retry), edit and delete until the phase locks, others' notes with +1.
//
// Nothing typed is ever lost: the draft is kept in localStorage while typing, a sent note lives
// in the outbox until the server has saved it, and a refused note stays on screen to edit,
// retry or remove.

import { h, syncList } from '../../js/core/dom.js';
import { scoped } from '../../js/core/i18n.js';
import { claimFor } from '../../js/core/pairing.js';

const t = scoped('brainstorm');

let S = null; // per-phase UI state, reset when the phase changes

function freshState(root, ctx) {
  return {
    root,
    phase: ctx.phase.id,
    editing: new Map(), // note id → textarea element
    confirming: new Set(), // note ids asking "delete?"
    errors: new Map(), // note id → message (refused edit/delete/+1)
    opByNote: new Map(), // note id → op of the note.add that made it (keeps its element)
    els: {},
  };
}

// -- the text box ----------------------------------------------------------------------------

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

function grow(textarea) {
  textarea.style.height = 'auto';
  textarea.style.height = `${textarea.scrollHeight + 4}px`;
}

function updateCounter(ctx) {
  const { textarea, counter } = S.els;
  const max = ctx.view.max_length;
  const n = textarea.value.length;
  counter.replaceChildren(
    h('span', { 'aria-hidden': 'true' }, t('counter', { n, max })),
    h('span', { class: 'visually-hidden' }, t('counter_label', { n, max })),
  );
  counter.classList.toggle('near', n >= max * 0.9);
}

function build(root, ctx) {
  S = freshState(root, ctx);
  const max = ctx.view.max_length;
  const textarea = h('textarea', {
    id: 'note-text',
    name: 'text',
    rows: 3,
    maxlength: max,
    autocomplete: 'off',
    'aria-describedby': 'note-hint note-counter note-message',
  });
  textarea.value = readDraft(ctx.storageKey);
  const counter = h('span', { id: 'note-counter', class: 'counter' });
  const message = h('p', { id: 'note-message', class: 'inline-message', role: 'alert' });
  const form = h(
    'form',
    { class: 'compose', novalidate: true, onsubmit: (e) => submit(e) },
    h('label', { for: 'note-text' }, t('write_label')),
    h('p', { class: 'field-hint', id: 'note-hint' }, t('write_hint')),
    textarea,
    h(
      'div',
      { class: 'compose-row' },
      counter,
      h('button', { type: 'submit', class: 'primary send' }, t('send')),
    ),
    message,
  );
  textarea.addEventListener('input', () => {
    writeDraft(S.ctx.storageKey, textarea.value);
    if (message.textContent) message.textContent = '';
    grow(textarea);
    updateCounter(S.ctx);
  });
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
  });

  const mineTitle = h('h2', { class: 'notes-title', id: 'mine-title', tabindex: '-1' }, t('your_notes'));
  const mine = h('ul', { class: 'notes mine-list', 'aria-labelledby': 'mine-title' });
  const mineEmpty = h('p', { class: 'muted' }, t('no_notes_yet'));
  const othersTitle = h('h2', { class: 'notes-title', id: 'others-title' }, t('others_notes'));
  const waiting = h('p', { class: 'waiting' });
  const others = h('ul', { class: 'notes others-list', 'aria-labelledby': 'others-title' });
  const othersEmpty = h('p', { class: 'muted' }, t('no_others_yet'));
  root.append(form, mineTitle, mineEmpty, mine, othersTitle, waiting, othersEmpty, others);
  S.els = { form, textarea, counter, message, mineTitle, mine, mineEmpty };
  Object.assign(S.els, { othersTitle, waiting, others, othersEmpty });
  S.ctx = ctx;
  updateCounter(ctx);
  requestAnimationFrame(() => grow(textarea));
}

function submit(event) {
  event.preventDefault();
  const ctx = S.ctx;
  const { textarea, message } = S.els;
  if (!ctx.open) return;
  const text = textarea.value.trim();
  if (!text) {
    message.textContent = t('empty');
    textarea.focus();
    return;
  }
  ctx.send('note.add', { text });
  textarea.value = '';
  writeDraft(ctx.storageKey, '');
  grow(textarea);
  updateCounter(ctx);
  textarea.focus();
}

// -- rows ------------------------------------------------------------------------------------

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

function button(label, onclick, extra = {}) {
  return h('button', { type: 'button', onclick, ...extra }, label);
}

function stateMark(row) {
  if (row.state === 'sending') return h('span', { class: 'note-state sending' }, t('sending'));
  if (row.state === 'deleting') return h('span', { class: 'note-state sending' }, t('deleting'));
  if (row.state === 'failed') return h('span', { class: 'note-state failed' }, t('failed'));
  return h('span', { class: 'note-state saved' }, t('saved_mark'));
}

function editor(row) {
  let area = S.editing.get(row.editKey);
  if (!area) {
    area = h('textarea', {
      rows: 3,
      maxlength: S.ctx.view.max_length,
      'aria-label': t('edit_label'),
      dataset: { focusKey: `edit-${row.editKey}` },
    });
    area.value = row.text;
    area.addEventListener('input', () => grow(area));
    S.editing.set(row.editKey, area);
    S.focusNext = area;
  }
  return area;
}

function saveEdit(row) {
  const area = S.editing.get(row.editKey);
  const text = area ? area.value.trim() : '';
  if (!text) {
    S.errors.set(row.editKey, t('empty'));
    S.ctx.update();
    return;
  }
  S.editing.delete(row.editKey);
  S.errors.delete(row.editKey);
  if (row.kind === 'unsent') S.ctx.retry(row.op, { text });
  else if (text !== row.text) S.ctx.send('note.edit', { id: row.id, text });
  S.ctx.update();
  focusLater(`[data-key="${row.key}"] .note-text`);
}

/** Move focus after the next render (the element may not exist yet). */
function focusLater(selector) {
  S.focusNext = selector;
  S.ctx.update();
}

function applyFocus() {
  const target = S.focusNext;
  if (!target) return;
  S.focusNext = null;
  const el = typeof target === 'string' ? S.root.querySelector(target) : target;
  if (!el || !S.root.contains(el)) return;
  // Only where focus was lost (its button vanished): never pull it from where the person is.
  const active = document.activeElement;
  if (typeof target === 'string' && active && active !== document.body) return;
  if (el.tagName === 'TEXTAREA') {
    grow(el);
    el.setSelectionRange(el.value.length, el.value.length);
  } else if (!el.hasAttribute('tabindex') && !/^(BUTTON|A|INPUT)$/.test(el.tagName)) {
    el.setAttribute('tabindex', '-1');
  }
  el.focus();
}

function mineRow(row) {
  const open = S.ctx.open;
  const parts = [];
  const editing = S.editing.has(row.editKey);
  if (editing && open) {
    parts.push(editor(row));
  } else {
    parts.push(h('p', { class: 'note-text' }, row.text));
  }
  const error = row.error || S.errors.get(row.editKey);
  if (error) parts.push(h('p', { class: 'note-error' }, error));

  const actions = [];
  if (editing && open) {
    actions.push(
      button(t('save'), () => saveEdit(row), { class: 'primary', dataset: { focusKey: 'save' } }),
      button(t('cancel'), () => {
        S.editing.delete(row.editKey);
        S.errors.delete(row.editKey);
        S.ctx.update();
        focusLater(`[data-key="${row.key}"] .note-text`);
      }),
    );
  } else if (row.kind === 'unsent' && row.state === 'failed') {
    if (open) {
      actions.push(button(t('retry'), () => S.ctx.retry(row.op), { class: 'primary' }));
      actions.push(button(t('edit'), () => startEdit(row)));
    }
    actions.push(
      button(t('dismiss'), () => S.ctx.dismiss(row.op), { 'aria-label': t('dismiss_label') }),
    );
  } else if (row.kind === 'saved' && open && row.state === 'saved') {
    if (S.confirming.has(row.id)) {
      actions.push(
        h('span', { class: 'confirm-text', role: 'alert' }, t('delete_confirm')),
        button(t('delete_yes'), () => removeNote(row), { class: 'danger primary' }),
        button(
          t('cancel'),
          () => {
            S.confirming.delete(row.id);
            S.ctx.update();
          },
          { dataset: { focusKey: `cancel-${row.id}` } },
        ),
      );
    } else {
      actions.push(
        button(t('edit'), () => startEdit(row), { dataset: { focusKey: `edit-btn-${row.id}` } }),
        button(
          t('delete'),
          () => {
            S.confirming.add(row.id);
            S.ctx.update();
            focusLater(`[data-focus-key="cancel-${row.id}"]`);
          },
          { class: 'danger', dataset: { focusKey: `delete-${row.id}` } },
        ),
      );
    }
  }
  const meta = h('div', { class: 'note-meta' }, stateMark(row));
  if (row.plus) meta.append(h('span', { class: 'muted' }, t('plus_count', { n: row.plus })));
  parts.push(meta);
  if (actions.length) parts.push(h('div', { class: 'note-actions' }, actions));
  return parts;
}

function startEdit(row) {
  S.confirming.delete(row.id);
  S.errors.delete(row.editKey);
  S.editing.delete(row.editKey);
  editor(row);
  S.ctx.update();
}

function removeNote(row) {
  S.confirming.delete(row.id);
  S.ctx.send('note.delete', { id: row.id });
  S.ctx.update();
}

function signature(row, extra) {
  return JSON.stringify([
    row.text,
    row.state,
    row.error || '',
    S.ctx.open,
    S.editing.has(row.editKey),
    S.confirming.has(row.id),
    S.errors.get(row.editKey) || '',
    S.editing.has(row.editKey) ? 0 : row.plus,
    extra,
  ]);
}

function syncRow(el, row, build, extra = null) {
  const sig = signature(row, extra);
  if (el._sig === sig) return;
  el._sig = sig;
  el.className = `note ${row.cls}`;
  rebuild(el, build(row));
}

// -- what to show ----------------------------------------------------------------------------

function lastEntry(entries, type, id) {
  let found = null;
  for (const e of entries) if (e.type === type && e.data && e.data.id === id) found = e;
  return found;
}

function claimNotes(ctx, pending) {
  // A note saved before its ack arrived (lost ack, reload): pair it with its outbox entry.
  const claimed = new Set(S.opByNote.values());
  for (const entry of pending) {
    if (entry.type !== 'note.add' || entry.state !== 'sending' || claimed.has(entry.op)) continue;
    const note = ctx.view.notes.find(
      (n) => n.mine && !S.opByNote.has(n.id) && n.text === entry.data.text,
    );
    if (note) {
      S.opByNote.set(note.id, entry.op);
      claimed.add(entry.op);
    }
  }
}

function mineRows(ctx, pending) {
  claimNotes(ctx, pending);
  const byOp = new Map(pending.map((e) => [e.op, e]));
  const mapped = new Set(S.opByNote.values());
  const rows = [];
  for (const entry of pending) {
    if (entry.type !== 'note.add' || mapped.has(entry.op)) continue;
    rows.push({
      key: `op-${entry.op}`,
      kind: 'unsent',
      op: entry.op,
      editKey: `op-${entry.op}`,
      text: entry.data.text,
      state: entry.state,
      error: entry.state === 'failed' && entry.error ? entry.error.message : '',
      cls: `mine ${entry.state}`,
      order: entry.created || Date.now(),
      plus: 0,
    });
  }
  for (const note of ctx.view.notes) {
    if (!note.mine) continue;
    const op = S.opByNote.get(note.id);
    const adding = op ? byOp.get(op) : null;
    const edit = lastEntry(pending, 'note.edit', note.id);
    const del = lastEntry(pending, 'note.delete', note.id);
    let state = 'saved';
    let text = note.text;
    if (adding && adding.state === 'sending') state = 'sending';
    if (edit && edit.state === 'sending') {
      state = 'sending';
      text = edit.data.text;
    }
    if (del && del.state === 'sending') state = 'deleting';
    rows.push({
      key: op ? `op-${op}` : `n-${note.id}`,
      kind: 'saved',
      id: note.id,
      editKey: `n-${note.id}`,
      text,
      state,
      cls: `mine ${state}`,
      order: note.id,
      plus: note.plus || 0,
    });
  }
  // Newest first: unsent ones are the newest, then saved by id.
  return [
    ...rows.filter((r) => r.kind === 'unsent').reverse(),
    ...rows.filter((r) => r.kind === 'saved').sort((a, b) => b.order - a.order),
  ];
}

function othersRows(ctx, pending) {
  return ctx.view.notes
    .filter((n) => !n.mine)
    .sort((a, b) => b.id - a.id)
    .map((note) => {
      const plusEntry = lastEntry(pending, 'note.plus', note.id);
      const plussed =
        plusEntry && plusEntry.state === 'sending' ? plusEntry.data.on : !!note.plussed;
      return {
        key: `n-${note.id}`,
        id: note.id,
        editKey: `n-${note.id}`,
        text: note.text,
        plus: note.plus || 0,
        plussed,
        state: 'saved',
        cls: 'theirs',
      };
    });
}

function otherRow(row) {
  const parts = [h('p', { class: 'note-text' }, row.text)];
  const error = S.errors.get(row.editKey);
  if (error) parts.push(h('p', { class: 'note-error' }, error));
  const meta = h('div', { class: 'note-meta' });
  if (S.ctx.view.allow_plus && S.ctx.open) {
    meta.append(
      h(
        'button',
        {
          type: 'button',
          class: 'plus',
          'aria-pressed': row.plussed ? 'true' : 'false',
          'aria-label': t('plus_label', { n: row.plus }),
          dataset: { focusKey: `plus-${row.id}` },
          onclick: () => {
            S.errors.delete(row.editKey);
            S.ctx.send('note.plus', { id: row.id, on: !row.plussed });
          },
        },
        `${row.plussed ? '✓ ' : ''}${t('plus')}${row.plus ? ` · ${row.plus}` : ''}`,
      ),
    );
  } else if (row.plus) {
    meta.append(h('span', { class: 'muted' }, t('plus_count', { n: row.plus })));
  }
  parts.push(meta);
  return parts;
}

// -- the module's interface ------------------------------------------------------------------

function render(root, ctx) {
  if (!S || S.root !== root || S.phase !== ctx.phase.id || !root.contains(S.els.form)) {
    build(root, ctx);
  }
  S.ctx = ctx;
  const pending = ctx.pending();
  const { form, textarea, mine, mineEmpty, others, othersEmpty, othersTitle, waiting } = S.els;

  form.hidden = !ctx.open;
  textarea.maxLength = ctx.view.max_length;

  const mineList = mineRows(ctx, pending);
  syncList(
    mine,
    mineList,
    (r) => r.key,
    (r) => {
      const el = h('li', {});
      syncRow(el, r, mineRow);
      return el;
    },
    (el, r) => syncRow(el, r, mineRow),
  );
  mineEmpty.hidden = mineList.length > 0;

  const othersList = othersRows(ctx, pending);
  const concealed = ctx.view.concealed || 0;
  const hiding = ctx.view.hide_until_reveal && !ctx.phase.revealed;
  syncList(
    others,
    othersList,
    (r) => r.key,
    (r) => {
      const el = h('li', {});
      syncRow(el, r, otherRow, [r.plussed, ctx.view.allow_plus]);
      return el;
    },
    (el, r) => syncRow(el, r, otherRow, [r.plussed, ctx.view.allow_plus]),
  );
  waiting.hidden = !(concealed > 0 || hiding);
  if (!hiding) waiting.textContent = t('others_count', { n: concealed }); // kit: show_others off
  else if (concealed > 0) waiting.textContent = t('waiting_reveal', { n: concealed });
  else waiting.textContent = t('waiting_reveal_none');
  othersEmpty.hidden = othersList.length > 0 || !waiting.hidden;
  othersTitle.hidden = false;
  applyFocus();
}

// Concealed notes counted into view.concealed by the reducer, per view object (a snapshot
// brings a new view with the server's own count).
const countedConcealed = new WeakMap();

function onEvent(ev, ctx) {
  if (!S || ev.type !== 'note.added' || !ev.data || !ev.data.note) return;
  if (ev.data.note.concealed) {
    // Our own note arrives concealed too; if its ack has not come yet it was counted as
    // someone else's. Remember it so the ack can take it back out of the count.
    if (!ctx.view.notes.some((n) => n.id === ev.data.note.id)) {
      if (!countedConcealed.has(ctx.view)) countedConcealed.set(ctx.view, new Set());
      countedConcealed.get(ctx.view).add(ev.data.note.id);
    }
    return;
  }
  // Our own note may arrive as an event before its ack: pair it with the entry being sent.
  const note = ctx.view.notes.find((n) => n.id === ev.data.note.id);
  if (!note || note.mine) return;
  const claimed = new Set(S.opByNote.values());
  const entry = claimFor(note, ctx.pending(), 'note.add', claimed, (e, n) => e.data.text === n.text);
  if (entry) {
    S.opByNote.set(note.id, entry.op);
    note.mine = true;
  }
}

function onResult(entry, ctx) {
  if (!S || entry.state === 'sending') return;
  const view = ctx.view;
  const ok = entry.state === 'saved';
  const message = entry.error ? entry.error.message : '';
  switch (entry.type) {
    case 'note.add': {
      if (!ok) {
        ctx.announce(t('note_failed', { error: message }));
        return;
      }
      const saved = entry.result && entry.result.note;
      if (!saved) return;
      for (const [id, op] of S.opByNote) {
        if (op === entry.op && id !== saved.id) {
          S.opByNote.delete(id);
          const wrong = view.notes.find((n) => n.id === id);
          if (wrong) wrong.mine = false;
        }
      }
      S.opByNote.set(saved.id, entry.op);
      const counted = countedConcealed.get(view);
      if (counted && counted.delete(saved.id) && view.concealed > 0) view.concealed -= 1;
      const note = view.notes.find((n) => n.id === saved.id);
      if (note) note.mine = true;
      // A replayed ack carries no text (the server's replay log keeps none): use our own.
      else view.notes.push({ plussed: false, text: entry.data.text, ...saved, mine: true });
      ctx.announce(t('note_saved'));
      return;
    }
    case 'note.edit': {
      const id = entry.data.id;
      if (ok) {
        const note = view.notes.find((n) => n.id === id);
        if (note && entry.result && entry.result.note) Object.assign(note, entry.result.note);
        ctx.announce(t('note_saved'));
      } else {
        // Keep the text: reopen the editor with it and say why it was not saved.
        ctx.dismiss(entry.op);
        const key = `n-${id}`;
        const area = h('textarea', {
          rows: 3,
          maxlength: view.max_length,
          'aria-label': t('edit_label'),
          dataset: { focusKey: `edit-${key}` },
        });
        area.value = entry.data.text;
        S.editing.set(key, area);
        S.errors.set(key, message);
        S.focusNext = area;
        ctx.announce(t('note_failed', { error: message }));
      }
      return;
    }
    case 'note.delete': {
      const id = entry.data.id;
      if (ok) {
        view.notes = view.notes.filter((n) => n.id !== id);
        ctx.announce(t('note_deleted'));
        focusLater('#mine-title');
      } else {
        ctx.dismiss(entry.op);
        S.errors.set(`n-${id}`, message);
        ctx.announce(message);
      }
      return;
    }
    case 'note.plus': {
      const note = view.notes.find((n) => n.id === entry.data.id);
      if (ok && note && entry.result) {
        note.plus = entry.result.plus;
        note.plussed = entry.result.plussed;
      } else if (!ok) {
        ctx.dismiss(entry.op);
        S.errors.set(`n-${entry.data.id}`, message);
        ctx.announce(message);
      }
      return;
    }
    default:
  }
}

/** The screen contract (static/js/core/loader.js); ctx.context() describes the phone now. */
export function mount(root, ctx) {
  return {
    update: () => render(root, ctx.context()),
    onEvent: (ev) => onEvent(ev, ctx.context()),
    onResult: (entry) => onResult(entry, ctx.context()),
  };
}
