// Dot voting on the big screen: before the reveal, the items and "voting in progress"; once
// results are public, the ranking with rank numbers, bars and numbers (colour never alone),
// shared ranks for ties, and a "close result" marker when the top two are within one vote.

import { h } from '../../js/core/dom.js';
import { fitList, keepArriving, settle } from '../../js/core/fit.js';
import { scoped, tn } from '../../js/core/i18n.js';

const ITEM_LEVELS = [
  { font: 40, min: 440 },
  { font: 34, min: 380 },
  { font: 30, min: 330 },
  { font: 28, min: 290 },
];
const RANK_LEVELS = [
  { font: 40, min: 0 },
  { font: 34, min: 0 },
  { font: 30, min: 0 },
  { font: 28, min: 0 },
];

/** opts.t: the method's translator (the console's preview passes the room's language). */
export function mount(root, opts = {}) {
  const t = opts.t || scoped('dot_voting');
  const title = h('p', { class: 'pj-vote-title' });
  const help = h('p', { class: 'pj-vote-help' });
  const close = h('p', { class: 'pj-close', hidden: true },
    h('span', { 'aria-hidden': 'true' }, '≈ '), t('pj_close'));
  const list = h('div', { class: 'pj-items', 'data-fit': '' });
  const more = h('p', { class: 'pj-earlier', hidden: true });
  const box = h('div', { class: 'pj-wallbox' }, h('div', { class: 'pj-vote-head' }, title, close), help, list, more);
  const empty = h('p', { class: 'pj-empty' }, t('pj_no_items'));
  const rows = new Map();
  let current = null;
  let first = true;

  function itemCard(item) {
    const key = `i${item.id}`;
    let el = rows.get(key);
    if (!el) {
      el = h('article', { class: 'pj-note pj-item' }, h('p', { class: 'pj-note-text' }));
      if (!first) settle(el);
      rows.set(key, el);
    }
    if (el.firstChild.textContent !== item.text) el.firstChild.textContent = item.text;
    return el;
  }

  function rankRow(row, max) {
    const key = `r${row.id}`;
    let el = rows.get(key);
    if (!el) {
      const bar = h('span', { class: 'pj-bar-fill' });
      el = h('li', { class: 'pj-rank' },
        h('span', { class: 'pj-rank-number' }),
        h('span', { class: 'pj-rank-text' }),
        h('span', { class: 'pj-bar', 'aria-hidden': 'true' }, bar),
        h('span', { class: 'pj-rank-votes' }));
      rows.set(key, el);
    }
    const [num, text, bar, votes] = el.children;
    num.textContent = `${row.rank}.`;
    num.setAttribute('aria-label', t('pj_rank', { n: row.rank }));
    text.textContent = row.text;
    bar.firstChild.style.width = `${max > 0 ? Math.round((row.votes / max) * 100) : 0}%`;
    votes.textContent = tn('pj_votes', row.votes, {}, t);
    el.classList.toggle('is-top', row.rank === 1 && row.votes > 0);
    return el;
  }

  function drawItems(items, level, left) {
    list.className = 'pj-items';
    list.style.setProperty('--note-font', `${level.font}px`);
    list.style.setProperty('--card-min', `${level.min}px`);
    more.hidden = left <= 0;
    more.textContent = left > 0 ? tn('pj_earlier', left, {}, t) : '';
    list.replaceChildren(...keepArriving(items.map(itemCard)));
  }

  function drawRanking(ranked, level, left) {
    list.className = 'pj-items is-ranking';
    list.style.setProperty('--note-font', `${level.font}px`);
    more.hidden = left <= 0;
    more.textContent = left > 0 ? `+ ${left}` : '';
    const max = Math.max(0, ...ranked.map((r) => r.votes));
    const ol = h('ol', { class: 'pj-ranking' }, ranked.map((r) => rankRow(r, max)));
    list.replaceChildren(ol);
  }

  function fit() {
    if (!current) return;
    const { view } = current;
    const texts = new Map(view.items.map((i) => [i.id, i.text]));
    if (view.results) {
      const ranked = view.results
        .filter((r) => texts.has(r.id))
        .map((r) => ({ ...r, text: texts.get(r.id) }));
      fitList(list, ranked, RANK_LEVELS, drawRanking, 'first');
    } else {
      fitList(list, view.items, ITEM_LEVELS, drawItems, 'last');
    }
  }

  function update(snap, view) {
    current = { snap, view };
    if (!view.items.length) {
      root.replaceChildren(empty);
      first = false;
      return;
    }
    if (root.firstChild !== box) root.replaceChildren(box);
    const revealed = Boolean(view.results);
    title.replaceChildren(
      h('span', { 'aria-hidden': 'true' }, revealed ? '▮ ' : '● '),
      revealed ? t('pj_results') : t('pj_voting'));
    help.hidden = revealed;
    help.textContent = revealed ? '' : t('pj_voting_help');
    close.hidden = !(revealed && view.close);
    fit();
    first = false;
  }

  return { update, fit };
}
