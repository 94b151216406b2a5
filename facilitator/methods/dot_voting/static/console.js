// Dot voting in the console: the live ranking (the facilitator always sees it), the budget rules,
// a "close result" note, and spotlight and hide/show for each item.

import { h, syncList } from '../../js/core/dom.js';
import { moderation } from '../../js/core/moderation.js';
import { scoped, tn as plural } from '../../js/core/i18n.js';

const t = scoped('dot_voting');
const tn = (key, n) => plural(key, n, {}, t);

export function mount(root, ctx) {
  let snap = null;
  const rules = h('p', { class: 'cx-hint' });
  const privacy = h('p', { class: 'cx-hint' }, t('cx_results_private'));
  const close = h('p', { class: 'cx-close', hidden: true },
    h('span', { 'aria-hidden': 'true' }, '≈ '), t('cx_close'));
  const list = h('ol', { class: 'cx-items' });
  root.replaceChildren(h('section', { class: 'cx-card', 'aria-labelledby': 'cx-items-title' },
    h('h3', { class: 'cx-subtitle', id: 'cx-items-title' }, t('cx_items')),
    rules, privacy, close, list));

  function row() {
    const mod = moderation(ctx.send, () => snap);
    const li = h('li', { class: 'cx-item' },
      h('span', { class: 'cx-item-rank' }),
      h('span', { class: 'cx-item-text' }),
      h('span', { class: 'cx-item-bar', 'aria-hidden': 'true' }, h('span', { class: 'cx-item-fill' })),
      h('span', { class: 'cx-item-votes' }),
      h('span', { class: 'cx-note-actions' }, mod.spot, mod.hide));
    li._mod = mod;
    return li;
  }

  function fill(li, item, max) {
    li.classList.remove('arrive');
    const [rank, text, bar, votes] = li.children;
    rank.textContent = item.rank ? t('cx_rank', { n: item.rank }) : '';
    text.textContent = item.text;
    bar.firstChild.style.width = `${max ? Math.round(((item.votes || 0) / max) * 100) : 0}%`;
    votes.textContent = item.hidden
      ? t('cx_hidden')
      : `${tn('cx_votes', item.votes || 0)} · ${tn('cx_voters', item.voters || 0)}`;
    li.classList.toggle('is-hidden', Boolean(item.hidden));
    li._mod.update(item);
  }

  function update(next) {
    snap = next;
    const view = snap.view;
    rules.textContent = t('cx_budget', { n: view.budget, max: view.per_item });
    privacy.hidden = Boolean(snap.phase.revealed);
    close.hidden = !view.close;
    const results = new Map((view.results || []).map((r) => [r.id, r]));
    const items = view.items.map((i) => ({ ...i, ...(results.get(i.id) || {}) }));
    const order = new Map((view.results || []).map((r, n) => [r.id, n]));
    items.sort((a, b) => {
      if (Boolean(a.hidden) !== Boolean(b.hidden)) return a.hidden ? 1 : -1;
      return (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9) || a.id - b.id;
    });
    const max = Math.max(0, ...items.map((i) => (i.hidden ? 0 : i.votes || 0)));
    syncList(list, items, (i) => i.id, row, (li, item) => fill(li, item, max));
    for (const li of list.children) {
      if (li.classList.contains('arrive')) {
        fill(li, items.find((i) => String(i.id) === li.dataset.key), max);
      }
    }
  }

  return { update };
}
