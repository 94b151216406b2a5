// Tiny DOM helpers: element creation and keyed list reconciliation (no framework, no build).

/**
 * h('button', {class: 'x', onclick: fn, 'aria-label': '…'}, 'text', child) → element.
 * Attributes starting with "on" become listeners; null/false attributes are skipped;
 * children may be strings, nodes, arrays, null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * Keep `container`'s children in the order of `items`, reusing elements by key.
 * create(item) → element; update(el, item) refreshes an existing one. New elements get the
 * class "arrive" for a short, motion-safe entrance animation.
 */
export function syncList(container, items, key, create, update) {
  const existing = new Map();
  for (const child of Array.from(container.children)) {
    if (child.dataset.key) existing.set(child.dataset.key, child);
  }
  const wanted = new Set();
  let previous = null;
  for (const item of items) {
    const k = String(key(item));
    wanted.add(k);
    let el = existing.get(k);
    if (el) {
      update(el, item);
    } else {
      el = create(item);
      el.dataset.key = k;
      el.classList.add('arrive');
    }
    const next = previous ? previous.nextSibling : container.firstChild;
    if (el !== next) container.insertBefore(el, next);
    previous = el;
  }
  for (const [k, el] of existing) if (!wanted.has(k)) el.remove();
}

/** Format seconds as m:ss. */
export function clock(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Run `fn` once per animation frame at most, however many events arrive (a burst of notes
 * from a full room is drawn once); the timeout covers a tab the browser is not painting.
 */
export function coalesce(fn) {
  let pending = false;
  const run = () => {
    if (!pending) return;
    pending = false;
    fn();
  };
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(run);
    setTimeout(run, 120);
  };
}
