// The minutes page: keep the preview in step with the editor while typing. The page works
// without this script (the "Show preview" button posts the form); this only saves a click.

import { loadStrings, t } from '../core/i18n.js';

const DELAY_MS = 600;

function start() {
  loadStrings();
  const form = document.getElementById('minutes-form');
  const body = document.getElementById('body');
  const preview = document.getElementById('minutes-preview');
  const status = document.getElementById('preview-status');
  if (!form || !body || !preview || !status) return;
  const url = form.dataset.previewUrl;
  const token = form.querySelector('input[name="csrf_token"]')?.value ?? '';
  let timer = null;
  let sent = 0;

  async function refresh() {
    const mine = ++sent;
    preview.setAttribute('aria-busy', 'true');
    try {
      const data = new FormData();
      data.set('body', body.value);
      const response = await fetch(url, {
        method: 'POST',
        body: data,
        headers: { 'X-CSRFToken': token },
        credentials: 'same-origin',
      });
      if (!response.ok) throw new Error(String(response.status));
      const html = await response.text();
      // The server builds this fragment from escaped text only (no markup from the editor).
      if (mine === sent) {
        preview.innerHTML = html;
        status.textContent = t('unsaved');
      }
    } catch {
      if (mine === sent) status.textContent = t('preview_failed');
    } finally {
      if (mine === sent) preview.removeAttribute('aria-busy');
    }
  }

  body.addEventListener('input', () => {
    status.textContent = t('preview_updating');
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  });
}

start();
