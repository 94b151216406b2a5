// Fitting content into the big screen's fixed frame without scrollbars, and gentle entrances.
// Shared by every method's projector screen (and the console's preview of it).

/** Does `el` (or one of `extra`) overflow its box? */
export function overflows(el, extra = []) {
  for (const node of [el, ...extra]) {
    if (node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1) {
      return true;
    }
  }
  return false;
}

/**
 * Fit a list into `box` without scrollbars: try each size level (largest first, or from level
 * `from` when the list only grew); when even the smallest does not hold everything, keep as many
 * as fit from the end that matters (`keep`: 'last' keeps the newest, 'first' keeps the top of a
 * ranking). `render(items, level, left)` draws; returns the number of items left out.
 */
export function fitList(box, items, levels, render, keep = 'last', from = 0) {
  for (const level of levels.slice(Math.max(0, Math.min(from, levels.length - 1)))) {
    render(items, level, 0);
    if (!overflows(box, Array.from(box.querySelectorAll('[data-fit]')))) return 0;
  }
  const level = levels[levels.length - 1];
  const part = (n) => (keep === 'last' ? items.slice(items.length - n) : items.slice(0, n));
  let lo = 1;
  let hi = items.length - 1;
  let best = 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    render(part(mid), level, items.length - mid);
    if (overflows(box, Array.from(box.querySelectorAll('[data-fit]')))) hi = mid - 1;
    else {
      best = mid;
      lo = mid + 1;
    }
  }
  render(part(best), level, items.length - best);
  return items.length - best;
}

/** Remove the entrance class once its animation is over, so re-layout never replays it. */
export function settle(el) {
  el.classList.add('arrive');
  el.dataset.born = String(performance.now());
  const done = () => {
    el.classList.remove('arrive');
    el.style.animationDelay = '';
  };
  el.addEventListener('animationend', done, { once: true });
  setTimeout(done, 1200);
}

/**
 * Before (re)inserting elements: an entrance animation that is still running continues where
 * it was instead of starting again (a refit moves cards in and out of the document).
 */
export function keepArriving(elements) {
  const now = performance.now();
  for (const el of elements) {
    if (el.classList.contains('arrive')) {
      el.style.animationDelay = `${-(now - Number(el.dataset.born || now))}ms`;
    }
  }
  return elements;
}
