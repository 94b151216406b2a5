// Brainstorm in the console: write a note for someone without a phone (scribe), make and name
// themes, and a moderation list of every note (newest first) with theme, spotlight and
// hide/show in one click. Authors are shown as anonymous labels unless they gave a name.

import { h, syncList } from '../../js/core/dom.js';
import { moderation } from '../../js/core/moderation.js';
import { scoped } from '../../js/core/i18n.js';

const t = scoped('brainstorm');

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

  // Themes
  const themeInput = h('input', { id: 'cx-theme-new', type: 'text', maxlength: 80, autocomplete: 'off' });
  const themeList = h('ul', { class: 'cx-themes' });
  const themeForm = h('form', { class: 'cx-theme-form', onsubmit: addTheme },
    h('label', { class: 'cx-label', for: 'cx-theme-new' }, t('cx_theme_new')),
    h('div', { class: 'cx-row' },
      themeInput,
      h('button', { type: 'submit', class: 'button' }, t('cx_theme_add'))));
  const themes = h('section', { class: 'cx-card cx-themes-card', 'aria-labelledby': 'cx-themes-title' },
    h('h3', { class: 'cx-subtitle', id: 'cx-themes-title' }, t('cx_themes')),
    themeForm,
    themeList);

  async function addTheme(e) {
    e.preventDefault();
    const label = themeInput.value.trim();
    if (!label) {
      themeInput.focus();
      return;
    }
    const ack = await ctx.send('theme.create', { label });
    if (ack.ok) themeInput.value = '';
  }

  function themeRow(theme) {
    const input = h('input', { type: 'text', maxlength: 80, id: `cx-theme-${theme.id}`, autocomplete: 'off' });
    input.value = theme.label;
    const rename = (e) => {
      e.preventDefault();
      const label = input.value.trim();
      if (label && label !== currentLabel(theme.id)) ctx.send('theme.rename', { id: theme.id, label });
    };
    const remove = async () => {
      const ok = await ctx.confirm(
        t('cx_theme_delete_confirm', { label: currentLabel(theme.id) }), t('cx_theme_delete'));
      if (ok) ctx.send('theme.delete', { id: theme.id });
    };
    return h('li', {},
      h('form', { class: 'cx-row', onsubmit: rename },
        h('label', { class: 'visually-hidden', for: `cx-theme-${theme.id}` },
          t('cx_theme_label', { n: theme.label })),
        input,
        h('button', { type: 'submit', class: 'button small' }, t('cx_theme_rename')),
        h('button', { type: 'button', class: 'button small danger-quiet', onclick: remove },
          t('cx_theme_delete'))));
  }

  function currentLabel(id) {
    const theme = (snap.view.themes || []).find((g) => g.id === id);
    return theme ? theme.label : '';
  }

  // Notes (moderation)
  const notesTitle = h('h3', { class: 'cx-subtitle', id: 'cx-notes-title' });
  const concealHint = h('p', { class: 'cx-hint', hidden: true }, t('cx_hidden_until_reveal'));
  const empty = h('p', { class: 'cx-hint' }, t('cx_no_notes'));
  const notes = h('ul', { class: 'cx-notes' });
  const noteSection = h('section', { class: 'cx-card cx-notes-card', 'aria-labelledby': 'cx-notes-title' },
    notesTitle, concealHint, empty, notes);

  function noteRow(note) {
    const select = h('select', { class: 'cx-note-theme', 'aria-label': t('cx_theme_of'),
      onchange: () => ctx.send('note.theme', { id: note.id, theme: select.value ? Number(select.value) : null }) });
    const mod = moderation(ctx.send, () => snap);
    const li = h('li', { class: 'cx-note' },
      h('p', { class: 'cx-note-text' }),
      h('p', { class: 'cx-note-meta' }),
      h('div', { class: 'cx-note-actions' }, select, mod.spot, mod.hide));
    li._mod = mod;
    return li;
  }

  function updateNote(li, note) {
    li.classList.remove('arrive');
    const [textEl, meta, actions] = li.children;
    const [select] = actions.children;
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
    const themeList = snap.view.themes || [];
    select.hidden = !themeList.length;
    const options = [['', t('cx_no_theme')], ...themeList.map((g) => [String(g.id), g.label])];
    const signature = JSON.stringify(options);
    if (select.dataset.signature !== signature) {
      select.replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
      select.dataset.signature = signature;
    }
    select.value = note.theme ? String(note.theme) : '';
    li._mod.update(note);
    // Names that tell a screen reader which note each control belongs to.
    const short = note.text.length > 40 ? `${note.text.slice(0, 40)}…` : note.text;
    select.setAttribute('aria-label', `${t('cx_theme_of')}: ${short}`);
  }

  root.replaceChildren(h('div', { class: 'cx-method-grid' },
    h('div', { class: 'cx-method-col' }, h('section', { class: 'cx-card' }, scribe), themes),
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
    syncList(themeList, view.themes || [], (g) => g.id, themeRow, (li, theme) => {
      const input = li.querySelector('input');
      if (document.activeElement !== input && input.value !== theme.label) input.value = theme.label;
    });
    const locked = snap.phase.locked || snap.workshop.status !== 'running';
    for (const el of scribe.querySelectorAll('textarea, select, button')) el.disabled = locked;
  }

  return { update };
}
