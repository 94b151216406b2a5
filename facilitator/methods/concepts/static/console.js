// Concept definitions in the console. Left: the terms in the room's order (open one here, move
// it up or down, hide it, add a term, show every term on the big screen). Right: the open term —
// show it to the group, its shared definition (edit, confirm, reopen, spotlight) and its
// proposals with their +1s (use one as the shared definition, spotlight, hide).
//
// The definition box follows the room until the facilitator types in it; a save then names the
// revision it started from, so a change someone saved meanwhile is merged or, when both changed
// the same words, shown with the facilitator's own text kept beside it (docs/protocol.md).

import { h, syncList } from '../../js/core/dom.js';
import { moderation } from '../../js/core/moderation.js';
import { scoped } from '../../js/core/i18n.js';
import { currentTerm } from './apply.js';

/**
 * ctx: {send(type, data) → Promise<ack>, confirm(message, okLabel) → Promise<bool>,
 *       say(text), roles: {key: label}, t}
 */
export function mount(root, ctx) {
  const t = ctx.t || scoped('concepts');
  let snap = null;
  let selected = null; // the term open in the console
  // The definition box: what it started from, and whether the facilitator has typed in it.
  const box = { term: null, base: 0, baseText: '', dirty: false, kept: '', message: '' };

  const view = () => snap.view;
  const shownTerms = () => view().terms;
  const wordingOf = (termId) => view().wordings.find((w) => w.term === termId) || null;

  // -- terms ------------------------------------------------------------------------------------

  const termList = h('ol', { class: 'cd-cx-terms' });
  const allButton = h('button', { type: 'button', class: 'button small', onclick: toggleAll });
  const coEdit = h('p', { class: 'cx-hint' });
  const allNote = h('p', { class: 'cx-hint cd-cx-all', role: 'status' });
  const nameInput = h('input', { id: 'cd-cx-new', type: 'text', maxlength: 80, autocomplete: 'off' });
  const hintInput = h('input', { id: 'cd-cx-new-hint', type: 'text', maxlength: 300, autocomplete: 'off' });
  const addForm = h('form', { class: 'cd-cx-add', onsubmit: addTerm },
    h('h4', { class: 'cx-subtitle' }, t('cx_term_add_title')),
    h('label', { class: 'cx-label', for: 'cd-cx-new' }, t('cx_term_name')),
    nameInput,
    h('label', { class: 'cx-label', for: 'cd-cx-new-hint' }, t('cx_term_hint')),
    hintInput,
    h('button', { type: 'submit', class: 'button' }, t('cx_term_add')));
  const termsCard = h('section', { class: 'cx-card', 'aria-labelledby': 'cd-cx-terms-title' },
    h('div', { class: 'cd-cx-row' },
      h('h3', { class: 'cx-subtitle', id: 'cd-cx-terms-title' }, t('cx_terms')), allButton),
    coEdit, allNote, termList, addForm);

  async function addTerm(e) {
    e.preventDefault();
    const name = nameInput.value.trim();
    if (!name) {
      nameInput.focus();
      return;
    }
    const ack = await ctx.send('term.add', { name, hint: hintInput.value.trim() });
    if (ack.ok) {
      nameInput.value = '';
      hintInput.value = '';
      selected = ack.data.term.id;
      draw();
    }
  }

  function toggleAll() {
    const v = view();
    if (v.overview) ctx.send('term.current', { id: currentTerm(v) });
    else ctx.send('term.current', { id: null });
  }

  function move(termId, step) {
    const order = shownTerms().map((x) => x.id);
    const i = order.indexOf(termId);
    const j = i + step;
    if (i < 0 || j < 0 || j >= order.length) return;
    const rest = order.filter((id) => id !== termId);
    ctx.send('term.move', { id: termId, after: j > 0 ? rest[j - 1] : null });
  }

  function termRow(term) {
    const open = h('button', { type: 'button', class: 'cd-cx-open',
      onclick: () => {
        selected = Number(li.dataset.key);
        draw();
      } });
    const up = h('button', { type: 'button', class: 'button small',
      onclick: () => move(Number(li.dataset.key), -1) }, t('cx_up'));
    const down = h('button', { type: 'button', class: 'button small',
      onclick: () => move(Number(li.dataset.key), 1) }, t('cx_down'));
    const mod = moderation(ctx.send, () => snap);
    const li = h('li', { class: 'cd-cx-term' }, open,
      h('div', { class: 'cx-note-actions' }, up, down, mod.hide));
    li._parts = { open, up, down, mod };
    return li;
  }

  function updateTermRow(li, term) {
    li.classList.remove('arrive');
    const { open, up, down, mod } = li._parts;
    const v = view();
    const list = shownTerms();
    const index = list.findIndex((x) => x.id === term.id);
    const wording = wordingOf(term.id);
    const mark = !wording ? '' : wording.confirmed ? t('cx_confirmed_mark') : t('cx_draft_mark');
    const here = !v.overview && currentTerm(v) === term.id;
    open.replaceChildren(...[
      h('span', { class: 'cd-cx-term-name' }, `${index + 1}. ${term.name}`),
      mark ? h('span', { class: 'cd-cx-term-state' }, mark.trim()) : null,
      here ? h('span', { class: 'cx-phase-now' }, t('cx_on_screen')) : null,
      term.hidden ? h('span', { class: 'cx-hidden-badge' }, t('cx_hidden_term')) : null,
    ].filter(Boolean));
    open.setAttribute('aria-pressed', term.id === selected ? 'true' : 'false');
    open.setAttribute('aria-label', t('cx_open', { name: term.name }));
    li.classList.toggle('is-selected', term.id === selected);
    li.classList.toggle('is-hidden', Boolean(term.hidden));
    up.disabled = index <= 0;
    down.disabled = index >= list.length - 1;
    up.setAttribute('aria-label', t('cx_up_label', { name: term.name }));
    down.setAttribute('aria-label', t('cx_down_label', { name: term.name }));
    mod.update({ id: term.id, text: term.name, hidden: term.hidden });
  }

  // -- the open term ----------------------------------------------------------------------------

  const title = h('h3', { class: 'cd-cx-title', id: 'cd-cx-title' });
  const hint = h('p', { class: 'cx-hint' });
  const showButton = h('button', { type: 'button', class: 'button primary cd-cx-show', onclick: () => {
    ctx.send('term.current', { id: selected });
  } });
  const editName = h('input', { id: 'cd-cx-name', type: 'text', maxlength: 80, autocomplete: 'off' });
  const editHint = h('input', { id: 'cd-cx-hint', type: 'text', maxlength: 300, autocomplete: 'off' });
  const editForm = h('form', { class: 'cd-cx-edit', onsubmit: saveTerm },
    h('label', { class: 'cx-label', for: 'cd-cx-name' }, t('cx_term_name')), editName,
    h('label', { class: 'cx-label', for: 'cd-cx-hint' }, t('cx_term_hint')), editHint,
    h('button', { type: 'submit', class: 'button' }, t('cx_save')));
  const edit = h('details', { class: 'cd-cx-details' },
    h('summary', {}, t('cx_term_edit_title')), editForm);

  async function saveTerm(e) {
    e.preventDefault();
    const name = editName.value.trim();
    if (!name) {
      editName.focus();
      return;
    }
    const ack = await ctx.send('term.edit', { id: selected, name, hint: editHint.value.trim() });
    if (ack.ok) {
      edit.open = false;
      ctx.say(t('cx_saved_mark'));
    }
  }

  const wState = h('span', { class: 'cd-cx-state' });
  const wArea = h('textarea', { id: 'cd-cx-wording', rows: 4, 'aria-describedby': 'cd-cx-wmsg' });
  const wCount = h('span', { class: 'cd-cx-count' });
  const wMessage = h('p', { class: 'cx-hint cd-cx-wmsg', id: 'cd-cx-wmsg', role: 'status' });
  const wKept = h('div', { class: 'cd-cx-kept' });
  const wSave = h('button', { type: 'button', class: 'button primary cd-cx-save', onclick: saveWording },
    t('cx_wording_save'));
  const wConfirm = h('button', { type: 'button', class: 'button cd-cx-confirm', onclick: confirmWording });
  const wMod = moderation(ctx.send, () => snap);
  const wLabel = h('label', { class: 'cx-label', for: 'cd-cx-wording' });
  const wordingCard = h('section', { class: 'cd-cx-wording' },
    h('div', { class: 'cd-cx-row' }, wLabel, wState),
    wArea, h('div', { class: 'cd-cx-row' }, wCount, wMessage), wKept,
    h('div', { class: 'cx-note-actions' }, wSave, wConfirm, wMod.spot));

  const grow = () => {
    wArea.style.height = 'auto';
    wArea.style.height = `${Math.min(wArea.scrollHeight + 4, 420)}px`;
  };

  wArea.addEventListener('input', () => {
    box.dirty = true;
    box.message = '';
    drawWording();
  });

  async function saveWording() {
    const text = wArea.value.trim();
    if (!text) {
      box.message = t('cx_empty');
      drawWording();
      wArea.focus();
      return;
    }
    const term = box.term;
    const ack = await ctx.send('wording.edit',
      { term, base: box.base, base_text: box.baseText, text });
    if (box.term !== term) return;
    if (ack.ok) {
      const saved = ack.data.wording;
      box.dirty = false;
      box.kept = '';
      box.base = saved.rev;
      box.baseText = saved.text;
      box.message = ack.data.merged ? t('cx_merged') : t('cx_saved');
      wArea.value = saved.text;
      ctx.say(box.message);
    } else if (ack.error && ack.error.code === 'conflict' && ack.error.current) {
      const current = ack.error.current;
      box.kept = text;
      box.dirty = false;
      box.base = current.rev;
      box.baseText = current.text;
      box.message = t('cx_conflict');
      wArea.value = current.text;
    }
    drawWording();
  }

  async function confirmWording() {
    const wording = wordingOf(selected);
    if (!wording) return;
    ctx.send('wording.confirm', { term: selected, on: !wording.confirmed });
  }

  async function useProposal(id) {
    const wording = wordingOf(selected);
    // Never replace words without asking: the saved definition, or what is typed in the box.
    if ((wording && wording.text.trim()) || (box.dirty && wArea.value.trim())) {
      const ok = await ctx.confirm(t('cx_use_confirm'), t('cx_replace'));
      if (!ok) return;
    }
    const ack = await ctx.send('wording.from_proposal',
      wording ? { id, base: wording.rev } : { id });
    if (ack.ok) {
      const saved = ack.data.wording;
      box.dirty = false;
      box.base = saved.rev;
      box.baseText = saved.text;
      wArea.value = saved.text;
      drawWording();
    }
  }

  const pTitle = h('h4', { class: 'cx-subtitle', id: 'cd-cx-ptitle' });
  const pEmpty = h('p', { class: 'cx-hint' }, t('cx_no_proposals'));
  const pList = h('ul', { class: 'cx-notes', 'aria-labelledby': 'cd-cx-ptitle' });
  const termCard = h('section', { class: 'cx-card cx-notes-card', 'aria-labelledby': 'cd-cx-title' },
    h('div', { class: 'cd-cx-row' }, title, showButton), hint, edit, wordingCard,
    pTitle, pEmpty, pList);

  function proposalRow() {
    const use = h('button', { type: 'button', class: 'button small cd-cx-use',
      onclick: () => useProposal(Number(li.dataset.key)) }, t('cx_use'));
    const mod = moderation(ctx.send, () => snap);
    const li = h('li', { class: 'cx-note' }, h('p', { class: 'cx-note-text' }),
      h('p', { class: 'cx-note-meta' }), h('div', { class: 'cx-note-actions' }, use, mod.spot, mod.hide));
    li._parts = { use, mod };
    return li;
  }

  function updateProposal(li, p, locked) {
    li.classList.remove('arrive');
    const [text, meta] = li.children;
    if (text.textContent !== p.text) text.textContent = p.text;
    const bits = [];
    if (p.author) bits.push(h('span', {}, p.author));
    if (p.role) bits.push(h('span', {}, ctx.roles[p.role] || p.role));
    if (p.plus) {
      bits.push(h('span', { class: 'cx-plus' },
        h('span', { 'aria-hidden': 'true' }, t('cx_plus_n', { n: p.plus })),
        h('span', { class: 'visually-hidden' }, t('cx_plus_label', { n: p.plus }))));
    }
    if (p.hidden) bits.push(h('span', { class: 'cx-hidden-badge' }, t('cx_hidden')));
    meta.replaceChildren(...bits);
    li.classList.toggle('is-hidden', Boolean(p.hidden));
    const { use, mod } = li._parts;
    const short = p.text.length > 40 ? `${p.text.slice(0, 40)}…` : p.text;
    use.setAttribute('aria-label', t('cx_use_label', { text: short }));
    use.disabled = Boolean(p.hidden) || locked;
    mod.update(p);
  }

  function drawWording() {
    const termId = selected;
    const wording = wordingOf(termId);
    const term = shownTerms().find((x) => x.id === termId);
    wLabel.textContent = t('cx_wording_label', { name: term ? term.name : '' });
    if (box.term !== termId) {
      Object.assign(box, { term: termId, dirty: false, kept: '', message: '' });
    }
    if (!box.dirty) {
      box.base = wording ? wording.rev : 0;
      box.baseText = wording ? wording.text : '';
      if (wArea.value !== box.baseText) wArea.value = box.baseText;
    }
    const max = view().max_length;
    wArea.maxLength = max;
    wCount.textContent = `${wArea.value.length} / ${max}`;
    requestAnimationFrame(grow);
    const isConfirmed = Boolean(wording && wording.confirmed);
    wArea.readOnly = isConfirmed;
    wState.textContent = !wording ? '' : isConfirmed ? t('cx_confirmed_mark') : t('cx_draft_mark');
    wState.className = `cd-cx-state ${isConfirmed ? 'is-confirmed' : wording ? 'is-draft' : ''}`;
    const changed = box.dirty && wording && wording.rev !== box.base;
    wMessage.textContent = box.message || (changed ? t('cx_edited_meanwhile')
      : !wording ? t('cx_no_wording') : '');
    wSave.disabled = isConfirmed || !box.dirty;
    wConfirm.textContent = isConfirmed ? t('cx_reopen') : t('cx_confirm');
    wConfirm.disabled = !wording || box.dirty;
    wordingCard.classList.toggle('is-confirmed', isConfirmed);
    if (wording) {
      wMod.spot.hidden = false;
      wMod.update({ id: wording.id, text: wording.text, hidden: false });
    } else {
      wMod.spot.hidden = true;
    }
    wKept.hidden = !box.kept;
    if (box.kept) {
      const sig = box.kept;
      if (wKept.dataset.sig !== sig) {
        wKept.dataset.sig = sig;
        wKept.replaceChildren(
          h('p', { class: 'cx-label' }, t('cx_your_text')),
          h('p', { class: 'cd-cx-kept-text' }, box.kept),
          h('button', { type: 'button', class: 'button small', onclick: () => {
            box.kept = '';
            box.message = '';
            drawWording();
          } }, t('cx_dismiss')),
        );
      }
    }
  }

  function draw() {
    if (!snap) return;
    const v = view();
    const terms = shownTerms();
    if (!terms.some((x) => x.id === selected)) selected = currentTerm(v) ?? (terms[0] || {}).id ?? null;
    allButton.textContent = v.overview ? t('cx_show_room') : t('cx_all_terms');
    allButton.setAttribute('aria-pressed', v.overview ? 'true' : 'false');
    allButton.disabled = !terms.length;
    allNote.textContent = v.overview ? t('cx_all_on_screen') : '';
    allNote.hidden = !v.overview;
    coEdit.textContent = v.co_edit === 'everyone' ? t('cx_co_edit_everyone') : t('cx_co_edit_facilitator');
    syncList(termList, terms, (x) => x.id, termRow, updateTermRow);
    for (const li of termList.children) {
      const term = terms.find((x) => String(x.id) === li.dataset.key);
      if (term) updateTermRow(li, term);
    }
    const term = terms.find((x) => x.id === selected);
    termCard.hidden = !term;
    if (!term) return;
    title.textContent = term.name;
    hint.textContent = term.hint || '';
    hint.hidden = !term.hint;
    const here = !v.overview && currentTerm(v) === term.id;
    showButton.textContent = here ? t('cx_on_screen') : t('cx_show_room');
    showButton.disabled = here || Boolean(term.hidden);
    if (edit.dataset.term !== String(term.id) || !edit.open) {
      edit.dataset.term = String(term.id);
      editName.value = term.name;
      editHint.value = term.hint || '';
    }
    drawWording();
    const proposals = v.proposals.filter((p) => p.term === term.id);
    pTitle.textContent = t('cx_proposals', { n: proposals.filter((p) => !p.hidden).length });
    pEmpty.hidden = proposals.length > 0;
    const wording = wordingOf(term.id);
    const locked = Boolean(wording && wording.confirmed);
    syncList(pList, proposals, (p) => p.id, proposalRow, (li, p) => updateProposal(li, p, locked));
    for (const li of pList.children) {
      const p = proposals.find((x) => String(x.id) === li.dataset.key);
      if (p && li.classList.contains('arrive')) updateProposal(li, p, locked);
    }
  }

  root.replaceChildren(h('div', { class: 'cx-method-grid cd-cx' },
    h('div', { class: 'cx-method-col' }, termsCard), termCard));

  function update(next) {
    snap = next;
    draw();
  }

  return { update };
}
