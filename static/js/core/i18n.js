// UI strings for scripts come from the server's gettext catalogues, rendered into the page as
// <script type="application/json" id="i18n"> (data, not code, so the CSP allows it).

let strings = {};

export function loadStrings() {
  const node = document.getElementById('i18n');
  strings = node ? JSON.parse(node.textContent) : {};
  return strings;
}

/** t('key', {n: 3}) → translated text with %(n)s placeholders filled. */
export function t(key, params = {}) {
  const text = strings[key] ?? key;
  return text.replace(/%\((\w+)\)s/g, (_, name) => String(params[name] ?? ''));
}
