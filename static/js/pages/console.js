// The facilitator's console: agenda with next/back, timer, phase controls, a live preview of
// the big screen, the method's own controls (moderation, groups, scribe), who is here, joining
// and language. Every action goes through live.send (the outbox); a refused action shows its
// translated message in the status line and nothing else is blocked.

import { Live } from '../core/live.js';
import { applyCore, applyEvent, timeLeft } from '../core/state.js';
import { h, clock, syncList } from '../core/dom.js';
import { loadStrings, t } from '../core/i18n.js';
import { mountScreen } from '../core/loader.js';
import { GroupsCard } from './console_groups.js';
import { Frame, coalesce, loadMethod, loadedMethod, scaleToFit, tn, translator } from './projector.js';

const $ = (id) => document.getElementById(id);

const root = $('console');
loadStrings();
const data = JSON.parse($('cx-data').textContent);
const d = root.dataset;

let snap = null;
let method = null; // {id, phase, module, controls}
let statusTimer = null;

// -- status line and confirmations ------------------------------------------------------------

function say(text, kind = 'info') {
  const box = $('cx-message');
  box.dataset.kind = kind;
  box.textContent = text;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { box.textContent = ''; }, kind === 'error' ? 15000 : 4000);
}

/** Ask before something that cannot simply be undone; resolves true on confirm. */
function confirmAction(message, okLabel) {
  const dialog = $('cx-confirm');
  $('cx-confirm-text').textContent = message;
  $('cx-confirm-ok').textContent = okLabel || t('cx_goto');
  return new Promise((resolve) => {
    const done = () => resolve(dialog.returnValue === 'ok');
    dialog.addEventListener('close', done, { once: true });
    dialog.returnValue = '';
    if (dialog.showModal) dialog.showModal();
    else resolve(window.confirm(message)); // very old browsers
    $('cx-confirm-cancel').focus();
  });
}

/** Send an action; a refusal shows its translated message. Resolves with the ack. */
function send(type, payload = {}) {
  const { entry, done } = live.send(type, payload);
  return done.then((ack) => {
    if (!ack.ok) {
      // Shown once, then forgotten: a refused control is not retried after a reload.
      live.outbox.dismiss(entry.op);
      say(ack.error?.message || t('refused'), 'error');
      if (ack.error && ['stale_phase', 'not_found'].includes(ack.error.code)) live.resync();
    }
    return ack;
  });
}

// -- drawing ----------------------------------------------------------------------------------

const frame = new Frame($('cx-preview'), {
  title: d.title,
  code: d.code,
  qr: d.qr,
  address: d.joinAddress,
  methods: d.methods,
  preview: true,
  t: translator(data.preview[d.locale]),
});
let previewLocale = d.locale;

function rescalePreview() {
  scaleToFit($('cx-preview'), frame.el.frame, 1080);
  frame.refit();
}

function drawAgenda() {
  const list = $('cx-agenda');
  const current = snap.phase.index;
  const lobby = snap.workshop.status === 'draft';
  syncList(
    list,
    snap.agenda,
    (p) => p.id,
    (p) => h('li', {}, h('button', { type: 'button', class: 'cx-phase', onclick: () => gotoPhase(p.index) })),
    () => {},
  );
  Array.from(list.children).forEach((li, i) => {
    const p = snap.agenda[i];
    li.classList.remove('arrive');
    const button = li.firstChild;
    const here = !lobby && p.index === current;
    const minutes = p.minutes ? ` · ${t('cx_minutes', { n: p.minutes })}` : '';
    button.replaceChildren(
      h('span', { class: 'cx-phase-num' }, `${p.index + 1}.`),
      h('span', { class: 'cx-phase-name' }, p.title),
      h('span', { class: 'cx-phase-meta' }, `${p.method_label}${minutes}`),
      ...(here ? [h('span', { class: 'cx-phase-now' }, t('cx_current'))] : []),
    );
    button.disabled = snap.workshop.status === 'ended';
    if (here) button.setAttribute('aria-current', 'step');
    else button.removeAttribute('aria-current');
    li.classList.toggle('is-current', here);
    li.classList.toggle('is-done', !lobby && p.index < current);
  });
  const ended = snap.workshop.status === 'ended';
  $('cx-back').disabled = ended || lobby || current === 0;
  $('cx-next').disabled = ended || (!lobby && current >= snap.agenda.length - 1);
}

function drawTimer() {
  if (!snap) return;
  const timer = snap.timer || {};
  const left = timeLeft(timer, live.serverNow());
  const text = clock(left);
  const el = $('cx-clock');
  if (el.textContent !== text) el.textContent = text;
  let state = timer.running ? t('cx_timer_running') : t('cx_timer_paused');
  if (timer.running && left <= 0) state = t('cx_timer_up');
  if ($('cx-timer-state').textContent !== state) $('cx-timer-state').textContent = state;
  const label = timer.running ? t('cx_pause_timer') : t('cx_start_timer');
  const toggle = $('cx-timer-toggle');
  if (toggle.textContent !== label) toggle.textContent = label;
  $('cx-clock').parentElement.classList.toggle('is-running', Boolean(timer.running));
}

function drawSide() {
  const people = snap.participants || { count: 0, by_role: {} };
  $('cx-people').textContent = tn('cx_people', people.count);
  const roles = Object.entries(people.by_role || {}).filter(([, n]) => n > 0);
  syncList(
    $('cx-roles'),
    roles,
    ([role]) => role || '-',
    () => h('li', {}, h('span', { class: 'cx-role-name' }), h('span', { class: 'cx-role-count' })),
    () => {},
  );
  Array.from($('cx-roles').children).forEach((li, i) => {
    const [role, n] = roles[i];
    li.classList.remove('arrive');
    li.firstChild.textContent = role ? data.roles[role] || role : t('cx_role_none');
    li.lastChild.textContent = String(n);
  });
  const shown = !snap.workshop.join_hidden;
  const qr = $('cx-qr');
  qr.setAttribute('aria-pressed', shown ? 'true' : 'false');
  $('cx-locale').value = snap.workshop.locale;
}

function drawPhase() {
  const status = snap.workshop.status;
  const phase = snap.phase;
  root.dataset.status = status;
  $('cx-status').textContent = t(`cx_status_${status}`);
  $('cx-status').dataset.status = status;
  $('cx-lobby').hidden = status !== 'draft';
  $('cx-ended').hidden = status !== 'ended';
  $('cx-end').disabled = status === 'ended';
  $('cx-phase-step').textContent = t('pj_phase_of', { n: phase.index + 1, total: snap.workshop.phase_count });
  $('cx-phase-title').textContent = phase.title;
  $('cx-phase-question').textContent = phase.question;
  const running = status === 'running';
  const lock = $('cx-lock');
  lock.disabled = !running;
  lock.classList.toggle('is-on', Boolean(phase.locked));
  lock.textContent = phase.locked ? t('cx_unlock') : t('cx_lock');
  $('cx-locked').hidden = !phase.locked;
  $('cx-locked').textContent = phase.locked ? t('cx_locked_now') : '';
  const reveal = $('cx-reveal');
  reveal.hidden = !canReveal();
  reveal.disabled = !running;
  reveal.classList.toggle('is-on', Boolean(phase.revealed));
  reveal.textContent = phase.revealed ? t('cx_conceal') : t('cx_reveal');
  $('cx-unspot').hidden = !snap.spotlight;
  for (const el of root.querySelectorAll('.cx-timer button')) el.disabled = !running;
}

function canReveal() {
  return Boolean(snap && (snap.phase.capabilities || []).includes('reveal'));
}

function drawMethod() {
  const phase = snap.phase;
  if (!method || method.phase !== phase.id || method.id !== phase.method) {
    const holder = h('div', { class: `cx-method-${phase.method}` });
    $('cx-method').replaceChildren(holder);
    method = { id: phase.method, phase: phase.id, holder, module: null, controls: null };
    const current = method;
    loadMethod(d.methods, phase.method, 'console').then((mod) => {
      if (method !== current) return;
      current.module = mod;
      current.controls = mountScreen(mod, holder, {
        send,
        confirm: confirmAction,
        say,
        roles: data.roles,
      }, t);
      if (snap) draw();
    });
    return;
  }
  if (method.controls) method.controls.update(snap, snap.view);
}

const redraw = coalesce(() => draw());
const groupsCard = new GroupsCard($('cx-groups'), { send, confirm: confirmAction, roles: data.roles });

function draw() {
  drawPhase();
  drawAgenda();
  drawTimer();
  drawSide();
  groupsCard.update(snap);
  drawMethod();
  frame.update(snap);
}

// -- actions ----------------------------------------------------------------------------------

async function gotoPhase(index) {
  if (!snap || snap.workshop.status === 'ended') return;
  const lobby = snap.workshop.status === 'draft';
  const current = snap.phase.index;
  if (!lobby && index === current) return;
  if (lobby || Math.abs(index - current) > 1) {
    const title = snap.agenda[index].title;
    const ok = await confirmAction(t('cx_goto_confirm', { title }), t('cx_goto'));
    if (!ok) return;
  }
  send('phase.goto', { index });
}

function toggleTimer() {
  if (!snap || snap.workshop.status !== 'running') return;
  send(snap.timer && snap.timer.running ? 'timer.pause' : 'timer.start');
}

function toggleReveal() {
  if (!canReveal() || snap.workshop.status !== 'running') return;
  send('phase.reveal', { on: !snap.phase.revealed });
}

function next() {
  if (!snap || $('cx-next').disabled) return;
  send('phase.next');
}

function back() {
  if (!snap || $('cx-back').disabled) return;
  send('phase.back');
}

$('cx-next').addEventListener('click', next);
$('cx-back').addEventListener('click', back);
$('cx-start').addEventListener('click', () => send('workshop.start'));
$('cx-timer-toggle').addEventListener('click', toggleTimer);
for (const button of root.querySelectorAll('[data-timer-add]')) {
  button.addEventListener('click', () => send('timer.add', { seconds: Number(button.dataset.timerAdd) }));
}
$('cx-timer-reset').addEventListener('click', () => send('timer.reset'));
$('cx-lock').addEventListener('click', () => send('phase.lock', { on: !snap.phase.locked }));
$('cx-reveal').addEventListener('click', toggleReveal);
$('cx-unspot').addEventListener('click', () => send('spotlight.set', { id: null }));
$('cx-qr').addEventListener('click', () => send('join.visible', { on: Boolean(snap.workshop.join_hidden) }));
$('cx-locale').addEventListener('change', (e) => send('workshop.locale', { locale: e.target.value }));
$('cx-end').addEventListener('click', async () => {
  const ok = await confirmAction(t('cx_end_confirm'), t('cx_end'));
  if (!ok) return;
  const ack = await send('workshop.end');
  if (ack.ok) {
    // The banner says it; the minutes link (when there is one) gets the focus.
    const link = $('cx-ended').querySelector('a');
    if (link) link.focus();
    else say(t('cx_ended'));
  }
});

// Keyboard shortcuts, ignored while typing and while a dialog is open.
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  const target = e.target;
  if (target.closest && target.closest('input, textarea, select, [contenteditable], dialog')) return;
  if ($('cx-confirm').open) return;
  const key = e.key;
  const onControl = target.closest && target.closest('button, a, summary');
  if (key === 'n' || key === 'N' || key === 'ArrowRight') next();
  else if (key === 'b' || key === 'B' || key === 'ArrowLeft') back();
  else if (key === 't' || key === 'T' || (key === ' ' && !onControl)) toggleTimer();
  else if (key === 'r' || key === 'R') toggleReveal();
  else return;
  e.preventDefault();
});

/**
 * The preview of the big screen: apply what the big screen got (ev.preview when it differs from
 * the console's data) to the projector's view the server sent (snap.preview).
 */
function applyPreview(module, ev) {
  if (!snap.preview || !module.apply) return true;
  const d = ev.data || {};
  if (d.phase !== undefined && d.phase !== snap.phase.id) return true;
  const data = ev.preview || d;
  return module.apply(snap.preview, { ...ev, data }, 'projector') !== false;
}

// -- connection -------------------------------------------------------------------------------

const live = new Live({
  workshop: Number(d.workshop),
  role: 'facilitator',
  onSnapshot(s) {
    snap = s;
    if (s.workshop.locale !== previewLocale && data.preview[s.workshop.locale]) {
      previewLocale = s.workshop.locale;
      frame.relabel(translator(data.preview[previewLocale]));
      rescalePreview();
    }
    draw();
  },
  onEvent(ev) {
    if (!snap) return false;
    const module = loadedMethod(snap.phase.method, 'console');
    if (!module) {
      // Still loading the method: workshop-wide events apply, anything else resyncs.
      const core = applyCore(snap, ev) === true;
      if (core) redraw();
      return core;
    }
    if (ev.type === 'item.removed' && ev.data && ev.data.hidden) {
      // Moderation: the console keeps a hidden item, marked, so it can be shown again; the
      // preview drops it like the big screen does.
      if (ev.data.phase !== snap.phase.id) return true;
      if (snap.spotlight && snap.spotlight.id === ev.data.id) snap.spotlight = null;
      const kept = module.apply(snap.view, ev, 'facilitator') !== false;
      const shown = applyPreview(module, ev);
      redraw();
      return kept && shown;
    }
    const ok = applyEvent(snap, ev, module) !== false && applyPreview(module, ev);
    if (ok) redraw();
    return ok;
  },
  onStatus(status) {
    const was = root.dataset.connection;
    root.dataset.connection = status;
    if (status === 'offline' && was !== 'offline') say(t('offline'), 'warn');
    else if (status === 'refused') say(t('refused'), 'error');
    else if (status === 'online' && was === 'offline') say(t('online'));
  },
});
frame.serverNow = () => live.serverNow();

new ResizeObserver(rescalePreview).observe($('cx-preview'));
rescalePreview();
setInterval(() => {
  drawTimer();
  frame.tick();
}, 250);
window.fxConsole = { live, get snapshot() { return snap; } };
