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
const OVERVIEW_SIZES = [44, 40, 36, 32, 30, 28];

/** How long a page of proposals stays before the next one (tests may shorten it). */
export const paging = { pageMs: 12000 };

const STATUS = {
  confirmed: { mark: '✓', key: 'pj_status_confirmed' },
  draft: { mark: '✎', key: 'pj_status_draft' },
  none: { mark: '○', key: 'pj_status_none' },
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

/** Try sizes (largest first) until `box` does not overflow; the size used, or null when even
 * the smallest overflows (it is left set). */
function shrink(box, sizes, set) {
  for (const size of sizes) {
    set(size);
    if (!overflows(box, Array.from(box.querySelectorAll('[data-fit]')))) return size;
  }
  return null;
}

/** Shares of the width (definition : proposals), tried in turn until the definition fits. */
const RATIOS = [1.1, 1.5];

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
  const more = h('p', { class: 'cd-pj-more' }, '\u00a0');
  const right = h('div', { class: 'cd-pj-right' }, pTitle, list, more);
  const focus = h('div', { class: 'cd-pj-focus' }, left, right);
  const ovGrid = h('div', { class: 'cd-ov-grid' });
  const ovMore = h('p', { class: 'cd-pj-more' }, '\u00a0');
  const overview = h('div', { class: 'cd-pj-overview' }, ovGrid, ovMore);
  let ovPage = { start: 0, count: 0, total: 0 };
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
    // Too many names for one line: the other terms keep their number and mark only; too many
    // terms even so: the ones farthest from the current term step aside.
    const over = () => strip.scrollHeight > strip.clientHeight + 1
      || strip.scrollWidth > strip.clientWidth + 1;
    strip.classList.remove('is-compact');
    if (!over()) return;
    strip.classList.add('is-compact');
    const chips = Array.from(strip.children);
    const at = Math.max(0, terms.findIndex((x) => x.id === here));
    let lo = 0;
    let hi = chips.length - 1;
    while (over() && lo < hi) {
      if (at - lo >= hi - at) {
        chips[lo].hidden = true;
        lo += 1;
      } else {
        chips[hi].hidden = true;
        hi -= 1;
      }
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

  /**
   * How many items from `start` fit in `box`, drawn by `draw(items, level)` at the largest level
   * that holds them all, else at the smallest level with as many as fit (at least one).
   */
  function fitFrom(box, items, start, levels, draw) {
    const rest = items.slice(start);
    const over = () => overflows(box, Array.from(box.querySelectorAll('[data-fit]')));
    for (const level of levels) {
      draw(rest, level);
      if (!over()) return rest.length;
    }
    const level = levels[levels.length - 1];
    let lo = 1;
    let hi = rest.length - 1;
    let best = 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      draw(rest.slice(0, mid), level);
      if (over()) hi = mid - 1;
      else {
        best = mid;
        lo = mid + 1;
      }
    }
    draw(rest.slice(0, best), level);
    return best;
  }

  /** The page line: kept in its place while hidden, so the items were fitted to their room. */
  function pageLine(el, pg, key) {
    const all = pg.start === 0 && pg.count >= pg.total;
    el.style.visibility = all ? 'hidden' : 'visible';
    el.textContent = all ? '\u00a0'
      : t(key, { from: pg.start + 1, to: pg.start + pg.count, total: pg.total });
  }

  /** A long compound gets smaller before it would break inside a word (then it may). */
  function fitName() {
    name.classList.remove('is-long', 'is-longer', 'is-longest');
    for (const cls of ['is-long', 'is-longer', 'is-longest']) {
      if (name.scrollWidth <= name.clientWidth + 1) return;
      name.classList.add(cls);
    }
  }

  function drawFocus(view, term) {
    if (name.textContent !== term.name) name.textContent = term.name;
    fitName();
    hint.textContent = term.hint || '';
    hint.hidden = !term.hint;
    const wording = view.wordings.find((w) => w.term === term.id);
    const status = statusOf(view, term.id);
    wBox.className = `cd-pj-wording is-${status}`;
    const label = [h('span', {}, t('pj_agreed'))];
    if (status !== 'none') {
      label.push(h('span', { class: `cd-pj-badge is-${status}` },
        status === 'confirmed' ? t('pj_confirmed') : `✎ ${t('pj_draft')}`));
    }
    wLabel.replaceChildren(...label);
    wText.textContent = wording ? wording.text : t('pj_no_wording');
    wText.classList.toggle('is-empty', !wording);
    // A long definition takes width from the proposals before its text gets small.
    const setSize = (size) => wText.style.setProperty('font-size', `${size}px`);
    const large = wording ? WORDING_SIZES.filter((size) => size >= 32) : [32];
    let fitted = null;
    left.classList.remove('is-tight');
    // No definition yet: the proposals are what the room looks at, give them the room.
    for (const ratio of wording ? RATIOS : [0.7]) {
      focus.style.gridTemplateColumns = `minmax(0, ${ratio}fr) minmax(0, 1fr)`;
      fitted = shrink(left, large, setSize);
      if (fitted !== null) break;
    }
    const small = WORDING_SIZES.filter((size) => size < 32);
    if (fitted === null) fitted = shrink(left, small, setSize);
    if (fitted === null) {
      // The longest definitions: a smaller name, no hint, regular weight; every word still fits.
      left.classList.add('is-tight');
      shrink(left, WORDING_SIZES, setSize);
    }

    const proposals = ranked(view.proposals.filter((p) => p.term === term.id && !p.hidden));
    const ids = new Set(proposals.map((p) => p.id));
    for (const id of cards.keys()) if (!ids.has(id)) cards.delete(id);
    pTitle.textContent = t('pj_proposals');
    if (!proposals.length) {
      list.replaceChildren(h('p', { class: 'cd-pj-none' }, t('pj_no_proposals')));
      more.style.visibility = 'hidden';
      page = { start: 0, count: 0, term: term.id };
      return;
    }
    if (page.term !== term.id || page.start >= proposals.length) {
      page = { start: 0, count: 0, term: term.id };
      lastTurn = Date.now();
    }
    page.total = proposals.length;
    page.count = fitFrom(list, proposals, page.start, CARD_LEVELS, drawCards);
    pageLine(more, page, 'pj_page');
  }

  function overviewCard(view, term, index) {
    const wording = view.wordings.find((w) => w.term === term.id);
    const status = statusOf(view, term.id);
    const info = STATUS[status];
    return h('section', { class: `cd-ov-card is-${status}` },
      h('h3', { class: 'cd-ov-name', 'data-fit': '' },
        h('span', { class: 'cd-ov-num' }, `${index + 1}.`), ' ', term.name),
      h('p', { class: `cd-ov-text${wording ? '' : ' is-empty'}` },
        wording ? wording.text : t('pj_no_wording')),
      status === 'none' ? null : h('p', { class: 'cd-ov-status' },
        h('span', { 'aria-hidden': 'true' }, `${info.mark} `),
        status === 'confirmed' ? t('pj_status_confirmed') : t('pj_status_draft')));
  }

  function drawOverview(view, terms) {
    const numbered = terms.map((term, i) => ({ term, i }));
    if (ovPage.start >= numbered.length) ovPage.start = 0;
    ovPage.total = numbered.length;
    ovPage.count = fitFrom(ovGrid, numbered, ovPage.start, OVERVIEW_SIZES, (items, size) => {
      ovGrid.style.setProperty('--ov-font', `${size}px`);
      ovGrid.replaceChildren(...items.map(({ term, i }) => overviewCard(view, term, i)));
    });
    pageLine(ovMore, ovPage, 'pj_terms_page');
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
    const { snap, view } = current;
    if (!snap || !root.isConnected) return;
    const pg = view.overview ? ovPage : page;
    if (!pg.total || (pg.start === 0 && pg.count >= pg.total)) return;
    if (Date.now() - lastTurn < paging.pageMs) return;
    lastTurn = Date.now();
    pg.start = pg.start + pg.count >= pg.total ? 0 : pg.start + pg.count;
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
