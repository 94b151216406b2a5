// UI strings for scripts come from the server's gettext catalogues, rendered into the page as
// <script type="application/json" id="i18n"> (data, not code, so the CSP allows it). A method's
// own strings arrive as "<method id>.<key>"; its modules use scoped(id), which falls back to the
// core's keys.

let strings = {};

export function loadStrings() {
  const node = document.getElementById('i18n');
  strings = node ? JSON.parse(node.textContent) : {};
  return strings;
}

function fill(text, params) {
  return text.replace(/%\((\w+)\)s/g, (_, name) => String(params[name] ?? ''));
}

/** t('key', {n: 3}) → translated text with %(n)s placeholders filled. */
export function t(key, params = {}) {
  return fill(strings[key] ?? key, params);
}

/**
 * A t() over other strings than the page's: the console's preview speaks the room's language
 * while the console itself speaks the facilitator's. Missing keys fall back to the page's t().
 */
export function translator(other) {
  return (key, params = {}) =>
    other && key in other ? fill(other[key], params) : t(key, params);
}

/** A method's t(): its own "<id>.<key>" strings first, then the core's, through `base`. */
export function scoped(id, base = t) {
  return (key, params = {}) => {
    const own = `${id}.${key}`;
    const text = base(own, params);
    return text === own ? base(key, params) : text;
  };
}

/** t() with a singular form: key_one when n is 1 (for languages whose plural is n ≠ 1). */
export function tn(key, n, params = {}, tr = t) {
  return tr(n === 1 ? `${key}_one` : key, { n, ...params });
}
