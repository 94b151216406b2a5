// Dot voting on the phone: each item is a big row with − and + buttons; my votes show as dots
// and as a number; "votes left" stays at the top. Refusals (no votes left, per-item cap) appear
// calmly under the item. Results with ranks appear once the facilitator reveals them.

import { h, syncList } from '../../js/core/dom.js';
import { scoped } from '../../js/core/i18n.js';

const t = scoped('dot_voting');

let S = null;

function build(root, ctx) {
  S = { root, phase: ctx.phase.id, messages: new Map(), ctx };
  const budget = h('p', { class: 'budget', id: 'votes-left', 'aria-live': 'polite' });
  const hint = h('p', { class: 'field-hint', id: 'vote-hint' }, t('vote_hint'));
  const resultsTitle = h('h2', { class: 'notes-title', id: 'results-title' }, t('results'));
  const results = h('ol', { class: 'results', 'aria-labelledby': 'results-title' });
  const items = h('ul', { class: 'vote-items', 'aria-describedby': 'vote-hint' });
  const empty = h('p', { class: 'muted' }, t('no_items'));
  root.append(budget, hint, resultsTitle, results, items, empty);
  S.els = { budget, hint, resultsTitle, results, items, empty };
}

/** My votes per item and in total, counting actions still on their way. */
function tally(ctx) {
  const mine = new Map(Object.entries(ctx.view.mine || {}).map(([k, v]) => [Number(k), v]));
  let spent = ctx.view.spent || 0;
  for (const e of ctx.pending()) {
    if (e.state !== 'sending' || !e.data) continue;
    const delta = e.type === 'vote.add' ? 1 : e.type === 'vote.remove' ? -1 : 0;
    const now = mine.get(e.data.item) || 0;
    if (delta < 0 && now === 0) continue;
    mine.set(e.data.item, now + delta);
    spent += delta;
  }
  return { mine, spent };
}

function vote(item, delta) {
  const ctx = S.ctx;
  S.messages.delete(item.id);
  ctx.send(delta > 0 ? 'vote.add' : 'vote.remove', { item: item.id });
}

function countBadge(count) {
  return h(
    'span',
    { class: 'vote-count' },
    h('span', { 'aria-hidden': 'true' }, String(count)),
    h('span', { class: 'visually-hidden' }, t('my_votes', { n: count })),
  );
}

function itemRow(item, count, open) {
  const dots = h('p', { class: 'dots', 'aria-hidden': 'true' }, '●'.repeat(count));
  const message = S.messages.get(item.id);
  const controls = open
    ? h(
        'div',
        { class: 'vote-controls' },
        h(
          'button',
          {
            type: 'button',
            class: 'minus',
            'aria-label': t('vote_remove', { item: item.text }),
            disabled: count === 0,
            dataset: { focusKey: `minus-${item.id}` },
            onclick: () => vote(item, -1),
          },
          '−',
        ),
        countBadge(count),
        h(
          'button',
          {
            type: 'button',
            class: 'plus',
            'aria-label': t('vote_add', { item: item.text }),
            dataset: { focusKey: `plus-${item.id}` },
            onclick: () => vote(item, +1),
          },
          '+',
        ),
      )
    : countBadge(count);
  return [
    h('p', { class: 'vote-text' }, item.text),
    controls,
    dots,
    message ? h('p', { class: 'inline-message', role: 'alert' }, message) : null,
  ];
}

function rebuild(el, children) {
  const active = document.activeElement;
  const focusKey = active && el.contains(active) ? active.dataset.focusKey : null;
  el.replaceChildren(...children.filter(Boolean));
  if (focusKey) {
    const again = el.querySelector(`[data-focus-key="${focusKey}"]`);
    if (again && !again.disabled) again.focus();
    else el.querySelector('button:not([disabled])')?.focus();
  }
}

function syncItem(el, item, count, open) {
  const sig = JSON.stringify([item.text, count, open, S.messages.get(item.id) || '']);
  if (el._sig === sig) return;
  el._sig = sig;
  el.className = `vote-item${count ? ' has-votes' : ''}`;
  rebuild(el, itemRow(item, count, open));
}

function render(root, ctx) {
  if (!S || S.root !== root || S.phase !== ctx.phase.id || !root.contains(S.els.items)) {
    build(root, ctx);
  }
  S.ctx = ctx;
  const { view } = ctx;
  const { mine, spent } = tally(ctx);
  const budget = view.budget || 0;
  const left = Math.max(0, budget - spent);
  const { els } = S;
  const text = t('votes_left', { left, budget });
  if (els.budget.textContent !== text) els.budget.textContent = text;
  els.hint.hidden = !ctx.open;

  syncList(
    els.items,
    view.items,
    (item) => `i-${item.id}`,
    (item) => {
      const el = h('li', {});
      syncItem(el, item, mine.get(item.id) || 0, ctx.open);
      return el;
    },
    (el, item) => syncItem(el, item, mine.get(item.id) || 0, ctx.open),
  );
  els.empty.hidden = view.items.length > 0;

  const results = view.results || null;
  els.resultsTitle.hidden = !results;
  els.results.hidden = !results;
  if (results) {
    const texts = new Map(view.items.map((i) => [i.id, i.text]));
    const fill = (el, r) => {
      const sig = JSON.stringify([r.rank, r.votes, texts.get(r.id)]);
      if (el._sig === sig) return;
      el._sig = sig;
      el.replaceChildren(
        h(
          'span',
          { class: 'rank' },
          h('span', { 'aria-hidden': 'true' }, `${r.rank}.`),
          h('span', { class: 'visually-hidden' }, `${t('rank', { n: r.rank })}:`),
        ),
        h('span', { class: 'result-text' }, texts.get(r.id)),
        h('span', { class: 'result-votes' }, t('votes_n', { n: r.votes })),
      );
    };
    syncList(
      els.results,
      results.filter((r) => texts.has(r.id)),
      (r) => `r-${r.id}`,
      (r) => {
        const el = h('li', { class: 'result' });
        fill(el, r);
        return el;
      },
      fill,
    );
  }
}

function onResult(entry, ctx) {
  if (!S || (entry.type !== 'vote.add' && entry.type !== 'vote.remove')) return;
  const view = ctx.view;
  if (entry.state === 'saved' && entry.result) {
    const { item, mine, spent, budget } = entry.result;
    view.mine = { ...(view.mine || {}) };
    if (mine) view.mine[String(item)] = mine;
    else delete view.mine[String(item)];
    view.spent = spent;
    if (budget !== undefined) view.budget = budget;
    if (spent >= view.budget && entry.type === 'vote.add') ctx.announce(t('all_votes_used'));
  } else if (entry.state === 'failed') {
    const message = entry.error ? entry.error.message : t('failed');
    S.messages.set(entry.data.item, message);
    ctx.dismiss(entry.op);
    ctx.announce(message);
  }
}

/** The screen contract (static/js/core/loader.js); ctx.context() describes the phone now. */
export function mount(root, ctx) {
  return {
    update: () => render(root, ctx.context()),
    onResult: (entry) => onResult(entry, ctx.context()),
  };
}
