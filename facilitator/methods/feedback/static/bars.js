// A statement's answers as a stacked bar (the same order and colours as the chart in the
// minutes): drawn for the eye only (aria-hidden); the numbers are always written beside it.

import { h } from '../../js/core/dom.js';
import { ORDER } from './apply.js';

/** counts: [can't say, 1, 2, 3, 4, 5]. A segment shows its count when it is wide enough. */
export function stackedBar(counts, { showCounts = true, minLabel = 0.07 } = {}) {
  const total = counts.reduce((a, b) => a + b, 0);
  const bar = h('span', { class: 'fb-bar', 'aria-hidden': 'true' });
  if (!total) {
    bar.classList.add('is-empty');
    return bar;
  }
  for (const key of ORDER) {
    const n = counts[key] || 0;
    if (!n) continue;
    const share = n / total;
    const segment = h('span', { class: `fb-seg fb-v${key}` },
      showCounts && share >= minLabel ? String(n) : '');
    segment.style.flexGrow = String(n);
    if (key === 0 && counts.slice(1).some((c) => c > 0)) segment.classList.add('is-apart');
    bar.append(segment);
  }
  return bar;
}

/** The legend: a swatch and a name for each answer, in bar order. */
export function legend(t, cantSay, prefix = '') {
  const keys = cantSay ? ORDER : ORDER.filter((k) => k !== 0);
  return h('ul', { class: 'fb-legend' },
    keys.map((key) => h('li', {},
      h('span', { class: `fb-swatch fb-v${key}`, 'aria-hidden': 'true' }),
      t(`${prefix}scale_${key}`))));
}
