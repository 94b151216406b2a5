// Feedback on the big screen. Before the reveal: how many have answered, in big letters, and the
// statements and questions so the room can read along. After the reveal: a legend, then per
// statement its text, a stacked bar (the same order and colours as in the minutes, a count in
// each wide enough segment) and "median · answers" written out; then the open answers as cards.
// What does not fit turns in pages by itself ("1 / 3"), so everything is on the wall at some
// point; nothing scrolls. Results by stated role are never shown here.

import { h } from '../../js/core/dom.js';
import { fitList, overflows } from '../../js/core/fit.js';
import { scoped, tn } from '../../js/core/i18n.js';
import { formatMedian } from './apply.js';
import { legend, stackedBar } from './bars.js';

/** Exported so tests can shorten the time a page stays. */
export const paging = { pageMs: 12000 };

const ROW_LEVELS = [{ font: 40 }, { font: 34 }, { font: 30 }, { font: 28 }];
const CARD_LEVELS = [
  { font: 40, min: 440 },
  { font: 34, min: 380 },
  { font: 30, min: 330 },
  { font: 28, min: 290 },
];
const LIST_LEVELS = [{ font: 40 }, { font: 34 }, { font: 30 }, { font: 28 }];

/** opts.t: the method's translator (the console's preview passes the room's language). */
export function mount(root, opts = {}) {
  const t = opts.t || scoped('feedback');
  const count = h('p', { class: 'fb-pj-count', role: 'status' });
  const help = h('p', { class: 'fb-pj-help' });
  const waitList = h('ol', { class: 'fb-pj-asked', 'data-fit': '' });
  const waiting = h('div', { class: 'fb-pj fb-pj-waiting' },
    h('div', { class: 'fb-pj-head' }, count, help), waitList);
  const heading = h('h3', { class: 'fb-pj-heading' });
  const key = h('div', { class: 'fb-pj-legend' });
  const list = h('div', { class: 'fb-pj-list', 'data-fit': '' });
  const pageNo = h('p', { class: 'fb-pj-page', 'aria-hidden': 'true' });
  const shown = h('div', { class: 'fb-pj fb-pj-results' },
    h('div', { class: 'fb-pj-top' }, heading, pageNo), key, list);
  const empty = h('p', { class: 'pj-empty' }, t('pj_no_ratings'));
  let current = null;
  let pages = [];
  let page = 0;
  let turned = Date.now();
  let signature = '';

  function countText(view) {
    return tn('pj_answered', view.respondents || 0, {}, t);
  }

  function drawWaiting(view) {
    count.textContent = countText(view);
    help.replaceChildren(t('pj_answer_on_phone'), ' ', t('pj_results_later'));
    const asked = [...view.statements.map((s) => s.text), ...view.questions.map((q) => q.text)];
    fitList(waitList, asked, LIST_LEVELS, (items, level, left) => {
      waitList.style.setProperty('--fb-font', `${level.font}px`);
      waitList.replaceChildren(...items.map((text) => h('li', {}, text)),
        ...(left > 0 ? [h('li', { class: 'fb-pj-more' }, tn('pj_more', left, {}, t))] : []));
    }, 'first');
  }

  // -- result pages ----------------------------------------------------------------------------

  function resultRow(row, number) {
    const numbers = h('span', { class: 'fb-pj-stats' },
      row.median === null ? null : h('span', { class: 'fb-pj-median' }, t('pj_median', { m: formatMedian(row.median) })),
      h('span', { class: 'fb-pj-n' }, tn('pj_n', row.n, {}, t)));
    return h('li', { class: 'fb-pj-row' },
      h('span', { class: 'fb-pj-num' }, `${number}.`),
      h('span', { class: 'fb-pj-text' }, row.text),
      stackedBar(row.counts),
      numbers);
  }

  function drawRows(items, level) {
    list.className = 'fb-pj-list is-rows';
    list.style.setProperty('--fb-font', `${level.font}px`);
    list.replaceChildren(h('ol', { class: 'fb-pj-rows' }, items.map((r) => resultRow(r, r.number))));
  }

  function drawCards(items, level) {
    list.className = 'fb-pj-list is-cards pj-items';
    list.style.setProperty('--note-font', `${level.font}px`);
    list.style.setProperty('--card-min', `${level.min}px`);
    list.replaceChildren(...items.map((a) => h('article', { class: 'pj-note fb-pj-answer' },
      h('p', { class: 'pj-note-text' }, a.text))));
  }

  /** Split items into pages that each fit the list without scrolling. */
  function paginate(items, levels, draw, kind, extra) {
    const out = [];
    let rest = items;
    while (rest.length) {
      let fitted = null;
      for (const level of levels) {
        draw(rest, level);
        if (!overflows(list)) {
          fitted = { kind, items: rest, level, ...extra };
          break;
        }
      }
      if (fitted) {
        out.push(fitted);
        break;
      }
      const level = levels[levels.length - 1];
      let lo = 1;
      let hi = rest.length - 1;
      let best = 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        draw(rest.slice(0, mid), level);
        if (overflows(list)) hi = mid - 1;
        else {
          best = mid;
          lo = mid + 1;
        }
      }
      out.push({ kind, items: rest.slice(0, best), level, ...extra });
      rest = rest.slice(best);
    }
    return out;
  }

  function buildPages(view) {
    const texts = new Map(view.statements.map((s, i) => [s.id, { text: s.text, number: i + 1 }]));
    const rows = view.results.statements
      .filter((r) => texts.has(r.id))
      .map((r) => ({ ...r, ...texts.get(r.id) }));
    const out = [];
    if (rows.length) {
      heading.textContent = t('pj_results');
      key.hidden = false;
      out.push(...paginate(rows, ROW_LEVELS, drawRows, 'rows', { title: t('pj_results') }));
    }
    key.hidden = true;
    for (const question of view.questions) {
      const answers = view.results.answers.filter((a) => a.question === question.id);
      if (!answers.length) continue;
      heading.textContent = question.text;
      out.push(...paginate(answers, CARD_LEVELS, drawCards, 'cards', { title: question.text }));
    }
    return out;
  }

  function drawPage() {
    if (!pages.length) return;
    page %= pages.length;
    const p = pages[page];
    heading.textContent = p.title;
    key.hidden = p.kind !== 'rows';
    if (p.kind === 'rows') drawRows(p.items, p.level);
    else drawCards(p.items, p.level);
    pageNo.hidden = pages.length < 2;
    pageNo.textContent = pages.length < 2 ? '' : t('pj_page', { n: page + 1, total: pages.length });
  }

  function drawResults(view, force) {
    if (root.firstChild !== shown) root.replaceChildren(shown);
    key.replaceChildren(legend(t, view.cant_say, 'pj_'));
    const sig = JSON.stringify([view.results, view.statements, view.questions]);
    if (force || sig !== signature) {
      if (!signature) {
        page = 0; // newly revealed: start at the first page, and give it its full time
        turned = Date.now();
      }
      signature = sig;
      pages = buildPages(view);
      if (page >= pages.length) page = 0;
    }
    if (!pages.length) {
      root.replaceChildren(empty);
      return;
    }
    drawPage();
  }

  function draw(force = false) {
    if (!current) return;
    const { view } = current;
    if (view.results) {
      drawResults(view, force);
      return;
    }
    signature = '';
    pages = [];
    if (!view.statements.length && !view.questions.length) {
      root.replaceChildren(empty);
      return;
    }
    if (root.firstChild !== waiting) root.replaceChildren(waiting);
    drawWaiting(view);
  }

  const pager = setInterval(() => {
    if (!root.isConnected) {
      clearInterval(pager); // this phase's view was replaced
      return;
    }
    if (pages.length < 2 || Date.now() - turned < paging.pageMs) return;
    turned = Date.now();
    page = (page + 1) % pages.length;
    drawPage();
  }, 500);

  function update(snap, view) {
    current = { snap, view };
    draw();
  }

  return { update, fit: () => draw(true) };
}
