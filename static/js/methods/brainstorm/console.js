// Brainstorm in the console: write a note for someone without a phone (scribe), make and name
// groups, and a moderation list of every note (newest first) with group, spotlight and
// hide/show in one click. Authors are shown as anonymous labels unless they gave a name.

import { h, syncList } from '../../core/dom.js';
import { t } from '../../core/i18n.js';

/**
 * ctx: {send(type, data) → Promise<ack>, confirm(message, okLabel) → Promise<bool>,
 *       say(text), roles: {key: label}}
 */
export function mount(root, ctx) {
  let snap = null;

  // Scribe
  const text = h('textarea', { id: 'cx-scribe-text', rows: 2, maxlength: 500 });
  const role = h('select', { id: 'cx-scribe-role' },
    h('option', { value: '' }, t('cx_role_none')),
    Object.entries(ctx.roles).map(([key, label]) => h('option', { value: key }, label)));
  const scribe = h('form', { class: 'cx-scribe', onsubmit: addNote },
    h('h3', { class: 'cx-subtitle', id: 'cx-scribe-title' }, t('cx_scribe_title')),
    h('label', { class: 'cx-label', for: 'cx-scribe-text' }, t('cx_scribe_text')),
    text,
    h('div', { class: 'cx-row' },
      h('label', { class: 'cx-label', for: 'cx-scribe-role' }, t('cx_scribe_role')),
      role,
      h('button', { type: 'submit', class: 'button primary' }, t('cx_scribe_add'))));

  async function addNote(e) {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) {
      text.focus();
      return;
    }
    const data = { text: value };
    if (role.value) data.on_behalf_role = role.value;
    const ack = await ctx.send('note.add', data);
    if (ack.ok) {
      text.value = '';
      ctx.say(t('cx_saved_note'));
    }
  }

  // Groups
  const groupInput = h('input', { id: 'cx-group-new', type: 'text', maxlength: 80, autocomplete: 'off' });
  const groupList = h('ul', { class: 'cx-groups' });
  const groupForm = h('form', { class: 'cx-group-form', onsubmit: addGroup },
    h('label', { class: 'cx-label', for: 'cx-group-new' }, t('cx_group_new')),
    h('div', { class: 'cx-row' },
      groupInput,
      h('button', { type: 'submit', class: 'button' }, t('cx_group_add'))));
  const groups = h('section', { class: 'cx-card cx-groups-card', 'aria-labelledby': 'cx-groups-title' },
    h('h3', { class: 'cx-subtitle', id: 'cx-groups-title' }, t('cx_groups')),
    groupForm,
    groupList);

  async function addGroup(e) {
    e.preventDefault();
    const label = groupInput.value.trim();
    if (!label) {
      groupInput.focus();
      return;
    }
    const ack = await ctx.send('group.create', { label });
    if (ack.ok) groupInput.value = '';
  }

  function groupRow(group) {
    const input = h('input', { type: 'text', maxlength: 80, id: `cx-group-${group.id}`, autocomplete: 'off' });
    input.value = group.label;
    const rename = (e) => {
      e.preventDefault();
      const label = input.value.trim();
      if (label && label !== currentLabel(group.id)) ctx.send('group.rename', { id: group.id, label });
    };
    const remove = async () => {
      const ok = await ctx.confirm(
        t('cx_group_delete_confirm', { label: currentLabel(group.id) }), t('cx_group_delete'));
      if (ok) ctx.send('group.delete', { id: group.id });
    };
    return h('li', {},
      h('form', { class: 'cx-row', onsubmit: rename },
        h('label', { class: 'visually-hidden', for: `cx-group-${group.id}` },
          t('cx_group_label', { n: group.label })),
        input,
        h('button', { type: 'submit', class: 'button small' }, t('cx_group_rename')),
        h('button', { type: 'button', class: 'button small danger-quiet', onclick: remove },
          t('cx_group_delete'))));
  }

  function currentLabel(id) {
    const group = (snap.view.groups || []).find((g) => g.id === id);
    return group ? group.label : '';
  }

  // Notes (moderation)
  const notesTitle = h('h3', { class: 'cx-subtitle', id: 'cx-notes-title' });
  const concealHint = h('p', { class: 'cx-hint', hidden: true }, t('cx_hidden_until_reveal'));
  const empty = h('p', { class: 'cx-hint' }, t('cx_no_notes'));
  const notes = h('ul', { class: 'cx-notes' });
  const noteSection = h('section', { class: 'cx-card cx-notes-card', 'aria-labelledby': 'cx-notes-title' },
    notesTitle, concealHint, empty, notes);

  function noteRow(note) {
    const select = h('select', { class: 'cx-note-group', 'aria-label': t('cx_group_of'),
      onchange: () => ctx.send('note.group', { id: note.id, group: select.value ? Number(select.value) : null }) });
    const spot = h('button', { type: 'button', class: 'button small cx-spot',
      onclick: () => {
        const on = snap.spotlight && snap.spotlight.id === note.id;
        ctx.send('spotlight.set', { id: on ? null : note.id });
      } }, t('cx_spotlight'));
    const hide = h('button', { type: 'button', class: 'button small cx-hide',
      onclick: () => ctx.send('item.hide', { id: note.id, hidden: !hide.dataset.hidden }) });
    return h('li', { class: 'cx-note' },
      h('p', { class: 'cx-note-text' }),
      h('p', { class: 'cx-note-meta' }),
      h('div', { class: 'cx-note-actions' }, select, spot, hide));
  }

  function updateNote(li, note) {
    li.classList.remove('arrive');
    const [textEl, meta, actions] = li.children;
    const [select, spot, hide] = actions.children;
    if (textEl.textContent !== note.text) textEl.textContent = note.text;
    const bits = [];
    if (!note.scribe) bits.push(h('span', {}, note.author || ''));
    if (note.role) bits.push(h('span', {}, ctx.roles[note.role] || note.role));
    if (note.scribe) bits.push(h('span', {}, t('cx_scribe_mark')));
    if (note.plus) {
      bits.push(h('span', { class: 'cx-plus' },
        h('span', { 'aria-hidden': 'true' }, t('cx_plus', { n: note.plus })),
        h('span', { class: 'visually-hidden' }, t('cx_plus_label', { n: note.plus }))));
    }
    if (note.hidden) bits.push(h('span', { class: 'cx-hidden-badge' }, t('cx_hidden')));
    meta.replaceChildren(...bits.filter((b) => b.textContent));
    li.classList.toggle('is-hidden', Boolean(note.hidden));
    const groupList = snap.view.groups || [];
    select.hidden = !groupList.length;
    const options = [['', t('cx_no_group')], ...groupList.map((g) => [String(g.id), g.label])];
    const signature = JSON.stringify(options);
    if (select.dataset.signature !== signature) {
      select.replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
      select.dataset.signature = signature;
    }
    select.value = note.group ? String(note.group) : '';
    const spotOn = Boolean(snap.spotlight && snap.spotlight.id === note.id);
    spot.setAttribute('aria-pressed', spotOn ? 'true' : 'false');
    spot.textContent = t('cx_spotlight');
    spot.disabled = Boolean(note.hidden);
    hide.textContent = note.hidden ? t('cx_show') : t('cx_hide');
    if (note.hidden) hide.dataset.hidden = '1';
    else delete hide.dataset.hidden;
    // Names that tell a screen reader which note each control belongs to.
    const short = note.text.length > 40 ? `${note.text.slice(0, 40)}…` : note.text;
    select.setAttribute('aria-label', `${t('cx_group_of')}: ${short}`);
    spot.setAttribute('aria-label', `${spot.textContent}: ${short}`);
    hide.setAttribute('aria-label', `${hide.textContent}: ${short}`);
  }

  root.replaceChildren(h('div', { class: 'cx-method-grid' },
    h('div', { class: 'cx-method-col' }, h('section', { class: 'cx-card' }, scribe), groups),
    noteSection));

  function update(next) {
    snap = next;
    const view = snap.view;
    const list = [...view.notes].sort((a, b) => b.id - a.id);
    notesTitle.textContent = t('cx_notes', { n: list.filter((n) => !n.hidden).length });
    empty.hidden = list.length > 0;
    concealHint.hidden = !(view.hide_until_reveal && !snap.phase.revealed);
    syncList(notes, list, (n) => n.id, noteRow, updateNote);
    for (const li of notes.children) {
      const note = list.find((n) => String(n.id) === li.dataset.key);
      if (note && li.classList.contains('arrive')) updateNote(li, note);
    }
    syncList(groupList, view.groups || [], (g) => g.id, groupRow, (li, group) => {
      const input = li.querySelector('input');
      if (document.activeElement !== input && input.value !== group.label) input.value = group.label;
    });
    const locked = snap.phase.locked || snap.workshop.status !== 'running';
    for (const el of scribe.querySelectorAll('textarea, select, button')) el.disabled = locked;
  }

  return { update };
}
