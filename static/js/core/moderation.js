// The console's moderation controls for one item of any method: spotlight it on the big screen,
// hide it from every screen (or show it again). Each button names its item for a screen reader.

import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * Two buttons for an item; `send(type, data)` is the console's send, `snap()` the current
 * snapshot. Returns {spot, hide, update(item)} where item has {id, text, hidden}.
 */
export function moderation(send, snap) {
  const spot = h('button', {
    type: 'button',
    class: 'button small cx-spot',
    onclick: () => {
      const id = Number(spot.dataset.id);
      const s = snap();
      const on = s.spotlight && s.spotlight.id === id;
      send('spotlight.set', { id: on ? null : id });
    },
  });
  const hide = h('button', {
    type: 'button',
    class: 'button small cx-hide',
    onclick: () =>
      send('item.hide', { id: Number(hide.dataset.id), hidden: !hide.dataset.hidden }),
  });
  function update(item) {
    const s = snap();
    spot.dataset.id = String(item.id);
    hide.dataset.id = String(item.id);
    const spotOn = Boolean(s.spotlight && s.spotlight.id === item.id);
    spot.textContent = t('cx_spotlight');
    spot.setAttribute('aria-pressed', spotOn ? 'true' : 'false');
    spot.disabled = Boolean(item.hidden);
    hide.textContent = item.hidden ? t('cx_show') : t('cx_hide');
    if (item.hidden) hide.dataset.hidden = '1';
    else delete hide.dataset.hidden;
    const text = item.text || '';
    const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    spot.setAttribute('aria-label', `${t('cx_spotlight')}: ${short}`);
    hide.setAttribute('aria-label', `${hide.textContent}: ${short}`);
  }
  return { spot, hide, update };
}
