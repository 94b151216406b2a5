// The minutes page: a formatted-text editor (Milkdown, vendored) that reads and writes the same
// Markdown the server stores, a Markdown mode for those who want it, and a preview kept in step
// while typing. Without this script the page still works: the Markdown box posts the form.

import { loadStrings, t } from '../core/i18n.js';

const DELAY_MS = 600;
const MODE_KEY = 'facilitator.minutes.mode';

function startPreview(form, body) {
  const preview = document.getElementById('minutes-preview');
  const status = document.getElementById('preview-status');
  if (!preview || !status) return;
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

async function startEditor(form, body) {
  const modes = document.getElementById('editor-modes');
  const richField = document.getElementById('rich-field');
  const markdownField = document.getElementById('markdown-field');
  const mount = document.getElementById('rich-editor');
  const toolbar = document.getElementById('rich-toolbar');
  if (!modes || !richField || !markdownField || !mount || !toolbar) return;

  let M;
  try {
    M = await import('../../vendor/milkdown/milkdown.js');
  } catch {
    return; // the Markdown box stays: nothing is lost
  }

  // What the editor wrote last into the Markdown box; the box is what the form sends.
  const original = body.value;
  let written = body.value;
  let loaded = '';
  const lang = mount.getAttribute('lang') || document.documentElement.lang;

  const editor = await M.Editor.make()
    .config((ctx) => {
      ctx.set(M.rootCtx, mount);
      ctx.set(M.defaultValueCtx, body.value);
      ctx.update(M.editorViewOptionsCtx, (options) => ({
        ...options,
        attributes: {
          class: 'rich-doc',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': 'rich-label',
          spellcheck: 'true',
          lang,
        },
      }));
      ctx.get(M.listenerCtx).markdownUpdated((_ctx, markdown) => {
        // Only a change the facilitator made is written back: opening and saving the page
        // leaves the stored text exactly as it was.
        const text = markdown === loaded ? original : markdown;
        if (text === body.value) return;
        body.value = text;
        written = text;
        body.dispatchEvent(new Event('input'));
      });
    })
    .use(M.commonmark)
    .use(M.gfm)
    .use(M.history)
    .use(M.listener)
    .create();
  loaded = editor.action(M.getMarkdown());

  const commands = {
    h2: () => M.callCommand(M.wrapInHeadingCommand.key, 2),
    h3: () => M.callCommand(M.wrapInHeadingCommand.key, 3),
    text: () => M.callCommand(M.turnIntoTextCommand.key),
    bold: () => M.callCommand(M.toggleStrongCommand.key),
    italic: () => M.callCommand(M.toggleEmphasisCommand.key),
    bullets: () => M.callCommand(M.wrapInBulletListCommand.key),
    numbers: () => M.callCommand(M.wrapInOrderedListCommand.key),
    quote: () => M.callCommand(M.wrapInBlockquoteCommand.key),
    table: () => M.callCommand(M.insertTableCommand.key, { row: 3, col: 3 }),
    undo: () => M.callCommand(M.undoCommand.key),
    redo: () => M.callCommand(M.redoCommand.key),
  };
  const view = () => editor.action((ctx) => ctx.get(M.editorViewCtx));
  toolbar.addEventListener('mousedown', (event) => {
    if (event.target.closest('button')) event.preventDefault(); // keep the text selection
  });
  toolbar.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-command]');
    const command = button && commands[button.dataset.command];
    if (!command) return;
    editor.action(command());
    view().focus();
  });
  // One tab stop for the toolbar; arrow keys move between its buttons (ARIA toolbar pattern).
  const buttons = [...toolbar.querySelectorAll('button')];
  buttons.forEach((b, n) => b.setAttribute('tabindex', n === 0 ? '0' : '-1'));
  toolbar.addEventListener('keydown', (event) => {
    const at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -at, End: buttons.length - 1 - at }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = buttons[(at + step + buttons.length) % buttons.length];
    buttons[at].setAttribute('tabindex', '-1');
    next.setAttribute('tabindex', '0');
    next.focus();
  });

  function show(mode) {
    const rich = mode === 'rich';
    if (rich && body.value !== written) {
      // Edited in Markdown meanwhile: the formatted view reads the box again.
      editor.action(M.replaceAll(body.value));
      loaded = editor.action(M.getMarkdown());
      written = body.value;
    }
    richField.hidden = !rich;
    markdownField.hidden = rich;
    for (const button of modes.querySelectorAll('button[data-mode]')) {
      button.setAttribute('aria-pressed', String(button.dataset.mode === mode));
    }
    try {
      localStorage.setItem(MODE_KEY, mode);
    } catch {
      /* private browsing: the choice is just not remembered */
    }
  }

  modes.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-mode]');
    if (button) show(button.dataset.mode);
  });
  modes.hidden = false;
  let saved = null;
  try {
    saved = localStorage.getItem(MODE_KEY);
  } catch {
    saved = null;
  }
  show(saved === 'markdown' ? 'markdown' : 'rich');
  form.dataset.editor = 'ready';
}

function start() {
  loadStrings();
  const form = document.getElementById('minutes-form');
  const body = document.getElementById('body');
  if (!form || !body) return;
  startPreview(form, body);
  startEditor(form, body);
}

start();
