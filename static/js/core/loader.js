// Loading a method's front end: one contract for the three screens.
//
// A method's folder is served at <base><id>/ (base: the page's data-methods, "/static/m/").
// Its index.js exports:
//   apply(view, ev, role) → true (applied) | false (resync)    a pure reducer, all screens
//   screens = {phone, projector, console}: () => import('./<screen>.js')
// and each screen module exports mount(root, ctx) → an instance:
//   update(snap, view)    draw from the snapshot; `view` is the method's view for this screen
//   fit?()                the projector frame changed size
//   onEvent?(ev)          an event was applied to the snapshot
//   onResult?(entry)      an outbox entry was acknowledged or refused
// ctx always holds t (the method's strings in the screen's language) and what the screen
// offers (phone: send, pending, announce…; console: send, confirm, say, roles; projector: t).
// The method's style.css is linked in the page head by the server; a method added later is
// linked here.

import { scoped } from './i18n.js';

const indexes = new Map(); // id → Promise<index module>
const ready = new Map(); // "id:screen" → {id, apply, screen}

function ensureStyle(base, id) {
  if (document.querySelector(`link[data-method="${id}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `${base}${id}/style.css`;
  link.dataset.method = id;
  document.head.append(link);
}

/** The method's module for `screen` if it has loaded (events never wait for a promise). */
export function loadedMethod(id, screen) {
  return ready.get(`${id}:${screen}`) || null;
}

/** Load a method's reducer and one screen's module; resolves {id, apply, screen}. */
export function loadMethod(base, id, screen) {
  if (!/^[a-z][a-z0-9_]*$/.test(id)) return Promise.reject(new Error(`bad method id ${id}`));
  const key = `${id}:${screen}`;
  if (ready.has(key)) return Promise.resolve(ready.get(key));
  if (!indexes.has(id)) {
    ensureStyle(base, id);
    indexes.set(id, import(`${base}${id}/index.js`));
  }
  return indexes.get(id).then((index) =>
    index.screens[screen]().then((module) => {
      const loaded = { id, apply: index.apply, screen: module };
      ready.set(key, loaded);
      return loaded;
    }),
  );
}

/** Mount a loaded method's screen with its own scoped translator over `t`. */
export function mountScreen(loaded, root, ctx, t) {
  return loaded.screen.mount(root, { ...ctx, t: scoped(loaded.id, t) });
}
