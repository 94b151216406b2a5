// Concept definitions on the big screen. A strip of every term with its state (✓ confirmed,
// ✎ draft), then the term the room is on, large: its name and hint and the group's shared
// definition on the left, the proposals on the right, most agreed first, then the newest. The
// wall never scrolls: text shrinks to the 28 px floor, then the proposals turn page by page.
// When the facilitator shows every term at once, each term's definition fills a card.

import { h } from '../../js/core/dom.js';
import { overflows, settle } from '../../js/core/fit.js';
import { scoped } from '../../js/core/i18n.js';
import { currentTerm } from './apply.js';

const CARD_LEVELS = [
  { font: 36, pad: '18px 26px' },
  { font: 32, pad: '16px 24px' },
  { font: 30, pad: '14px 22px' },
  { font: 28, pad: '12px 20px' },
];
const WORDING_SIZES = [56, 50, 44, 40, 36, 32, 30, 28];
const OVERVIEW_SIZES = [40, 36, 32, 30, 28];

/** How long a page of proposals stays before the next one (tests may shorten it). */
export const paging = { pageMs: 12000 };

const STATUS = {
  confirmed: { mark: '✓', key: 'pj_status_confirmed' },
  draft: { mark: '✎', key: 'pj_status_draft' },
  none: { mark: '…', key: 'pj_status_none' },
};

function statusOf(view, termId) {
  const wording = view.wordings.find((w) => w.term === termId);
  if (!wording) return 'none';
  return wording.confirmed ? 'confirmed' : 'draft';
}

/** Most +1s first, then the newest (so the most agreed and the newest are on the first page). */
function ranked(list) {
  return [...list].sort((a, b) => (b.plus || 0) - (a.plus || 0) || b.id - a.id);
}

/** Try sizes (largest first) until `box` does not overflow; returns the size used. */
function shrink(box, sizes, set) {
  for (const size of sizes) {
    set(size);
    if (!overflows(box, Array.from(box.querySelectorAll('[data-fit]')))) return size;
  }
  return sizes[sizes.length - 1];
}

/** opts.t: the method's translator (the console's preview passes the room's language). */
export function mount(root, opts = {}) {
  const t = opts.t || scoped('concepts');
  const cards = new Map(); // proposal id → card element
  let current = { snap: null, view: null };
  let first = true;
  let page = { start: 0, count: 0, term: null };
  let lastTurn = Date.now();

  const strip = h('ol', { class: 'cd-strip' });
  const name = h('h3', { class: 'cd-pj-name' });
  const hint = h('p', { class: 'cd-pj-hint' });
  const wLabel = h('p', { class: 'cd-pj-label' });
  const wText = h('p', { class: 'cd-pj-text' });
  const wBox = h('div', { class: 'cd-pj-wording', 'data-fit': '' }, wLabel, wText);
  const left = h('div', { class: 'cd-pj-left' }, h('div', { class: 'cd-pj-head' }, name, hint), wBox);
  const pTitle = h('p', { class: 'cd-pj-ptitle' });
  const list = h('div', { class: 'cd-pj-cards' });
  const more = h('p', { class: 'cd-pj-more' });
  const right = h('div', { class: 'cd-pj-right' }, pTitle, list, more);
  const focus = h('div', { class: 'cd-pj-focus' }, left, right);
  const overview = h('div', { class: 'cd-pj-overview' });
  const empty = h('p', { class: 'pj-empty' }, t('pj_no_terms'));
  const box = h('div', { class: 'cd-pj' }, strip, focus, overview);
  root.replaceChildren(box);

  function chip(term, view, here, index) {
    const status = statusOf(view, term.id);
    const info = STATUS[status];
    return h('li', { class: `cd-chip is-${status}${here ? ' is-here' : ''}`,
      'aria-current': here ? 'step' : null },
    h('span', { class: 'cd-chip-num' }, `${index + 1}.`),
    h('span', { class: 'cd-chip-name' }, term.name),
    h('span', { class: 'cd-chip-mark', 'aria-hidden': 'true' }, info.mark),
    h('span', { class: 'visually-hidden' }, t(info.key)));
  }

  function drawStrip(view, terms, here) {
    const sig = JSON.stringify([terms.map((x) => [x.id, x.name, statusOf(view, x.id)]), here]);
    if (strip.dataset.sig === sig) return;
    strip.dataset.sig = sig;
    strip.replaceChildren(...terms.map((term, i) => chip(term, view, term.id === here, i)));
    // Too many names for one line: the other terms keep their number and mark only.
    strip.classList.remove('is-compact');
    if (strip.scrollHeight > strip.clientHeight + 1 || strip.scrollWidth > strip.clientWidth + 1) {
      strip.classList.add('is-compact');
    }
  }

  function card(proposal) {
    let el = cards.get(proposal.id);
    if (!el) {
      el = h('article', { class: 'pj-note cd-pj-card' },
        h('p', { class: 'pj-note-text' }), h('div', { class: 'pj-note-meta' }));
      if (!first) settle(el);
      cards.set(proposal.id, el);
    }
    const text = el.firstChild;
    if (text.textContent !== proposal.text) text.textContent = proposal.text;
    const meta = el.lastChild;
    const plus = proposal.plus || 0;
    if (meta.dataset.plus !== String(plus)) {
      meta.dataset.plus = String(plus);
      meta.replaceChildren(...(plus > 0 ? [h('span', { class: 'pj-plus' },
        h('span', { 'aria-hidden': 'true' }, `+${plus}`),
        h('span', { class: 'visually-hidden' }, t('pj_plus', { n: plus })))] : []));
    }
    return el;
  }

  function drawCards(items, level) {
    list.style.setProperty('--note-font', `${level.font}px`);
    list.style.setProperty('--card-pad', level.pad);
    list.replaceChildren(...items.map(card));
  }

  /** How many proposals from `start` fit, drawn at the largest size that holds them. */
  function fitCards(items, start) {
    const rest = items.slice(start);
    for (const level of CARD_LEVELS) {
      drawCards(rest, level);
      if (!overflows(list)) return rest.length;
    }
    const level = CARD_LEVELS[CARD_LEVELS.length - 1];
    let lo = 1;
    let hi = rest.length - 1;
    let best = 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      drawCards(rest.slice(0, mid), level);
      if (overflows(list)) hi = mid - 1;
      else {
        best = mid;
        lo = mid + 1;
      }
    }
    drawCards(rest.slice(0, best), level);
    return best;
  }

  function drawFocus(view, term) {
    if (name.textContent !== term.name) name.textContent = term.name;
    hint.textContent = term.hint || '';
    hint.hidden = !term.hint;
    const wording = view.wordings.find((w) => w.term === term.id);
    const status = statusOf(view, term.id);
    wBox.className = `cd-pj-wording is-${status}`;
    wLabel.replaceChildren(
      h('span', {}, t('pj_agreed')),
      status === 'none' ? null
        : h('span', { class: `cd-pj-badge is-${status}` },
          status === 'confirmed' ? t('pj_confirmed') : `✎ ${t('pj_draft')}`),
    );
    wText.textContent = wording ? wording.text : t('pj_no_wording');
    wText.classList.toggle('is-empty', !wording);
    shrink(left, WORDING_SIZES, (size) => wText.style.setProperty('font-size', `${size}px`));

    const proposals = ranked(view.proposals.filter((p) => p.term === term.id && !p.hidden));
    const ids = new Set(proposals.map((p) => p.id));
    for (const id of cards.keys()) if (!ids.has(id)) cards.delete(id);
    pTitle.textContent = t('pj_proposals');
    if (!proposals.length) {
      list.replaceChildren(h('p', { class: 'cd-pj-none' }, t('pj_no_proposals')));
      more.hidden = true;
      page = { start: 0, count: 0, term: term.id };
      return;
    }
    if (page.term !== term.id || page.start >= proposals.length) {
      page = { start: 0, count: 0, term: term.id };
      lastTurn = Date.now();
    }
    page.count = fitCards(proposals, page.start);
    page.total = proposals.length;
    const all = page.start === 0 && page.count >= proposals.length;
    more.hidden = all;
    more.textContent = all ? '' : t('pj_page', {
      from: page.start + 1,
      to: page.start + page.count,
      total: proposals.length,
    });
  }

  function overviewCard(view, term, index) {
    const wording = view.wordings.find((w) => w.term === term.id);
    const status = statusOf(view, term.id);
    const info = STATUS[status];
    return h('section', { class: `cd-ov-card is-${status}` },
      h('h3', { class: 'cd-ov-name' }, `${index + 1}. ${term.name}`),
      h('p', { class: `cd-ov-text${wording ? '' : ' is-empty'}` },
        wording ? wording.text : t('pj_no_wording')),
      h('p', { class: 'cd-ov-status' },
        h('span', { 'aria-hidden': 'true' }, `${info.mark} `),
        status === 'confirmed' ? t('pj_status_confirmed')
          : status === 'draft' ? t('pj_status_draft') : t('pj_status_none')));
  }

  function drawOverview(view, terms) {
    overview.style.setProperty('--ov-cols', String(terms.length > 4 ? 3 : Math.max(1, Math.min(terms.length, 2))));
    overview.replaceChildren(...terms.map((term, i) => overviewCard(view, term, i)));
    shrink(overview, OVERVIEW_SIZES, (size) => overview.style.setProperty('--ov-font', `${size}px`));
  }

  function fit() {
    const { snap, view } = current;
    if (!snap || !view) return;
    const terms = view.terms.filter((x) => !x.hidden);
    if (!terms.length) {
      if (root.firstChild !== empty) root.replaceChildren(empty);
      return;
    }
    if (root.firstChild !== box) root.replaceChildren(box);
    const here = currentTerm(view);
    const showAll = Boolean(view.overview);
    box.classList.toggle('is-overview', showAll);
    strip.hidden = showAll;
    focus.hidden = showAll;
    overview.hidden = !showAll;
    if (showAll) {
      drawOverview(view, terms);
      return;
    }
    drawStrip(view, terms, here);
    drawFocus(view, terms.find((x) => x.id === here) || terms[0]);
  }

  function turn() {
    const { snap } = current;
    if (!snap || !root.isConnected || current.view.overview || !page.total) return;
    if (page.start === 0 && page.count >= page.total) return;
    if (Date.now() - lastTurn < paging.pageMs) return;
    lastTurn = Date.now();
    page.start = page.start + page.count >= page.total ? 0 : page.start + page.count;
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
    fit();
    first = false;
  }

  return { update, fit };
}
