// The participant's phone: connects as a participant, keeps the workshop state from the snapshot
// and events, and lets the current phase's method draw the one action that matters now.
//
// A method's front end is loaded on demand through the one contract of static/js/core/loader.js
// (its phone screen only), so a phone downloads only what its workshop uses. The phone screen's
// ctx.context() describes the phone as it is now: {snap, view, phase, open, send, pending,
// dismiss, retry, announce, update, storageKey}; the screen must keep focus and typed text.

import { Live } from '../core/live.js';
import { applyEvent, myGroup, timeLeft, warningDue } from '../core/state.js';
import { clock, h, syncList } from '../core/dom.js';
import { loadStrings, t } from '../core/i18n.js';
import { loadMethod as loadModule, mountScreen } from '../core/loader.js';
import { Presence } from '../core/presence.js';

loadStrings();

const main = document.getElementById('main');
const workshopId = Number(main.dataset.workshop);
const els = {
  banner: document.getElementById('connection'),
  kicker: document.getElementById('phase-kicker'),
  group: document.getElementById('my-group'),
  title: document.getElementById('phase-title'),
  question: document.getElementById('phase-question'),
  timer: document.getElementById('timer'),
  timerValue: document.getElementById('timer-value'),
  timerWarning: document.getElementById('timer-warning'),
  message: document.getElementById('state-message'),
  stage: document.getElementById('stage'),
  announcer: document.getElementById('announcer'),
  unsent: document.getElementById('unsent'),
  foot: document.querySelector('.phone-foot'),
  minutes: document.getElementById('minutes-link'),
  unsentList: document.getElementById('unsent-list'),
};

const modules = new Map(); // method id → {id, apply, screen} | null (unknown)
let instance = null; // the mounted phone screen of the current phase
let snap = null;
let status = 'connecting';
let wasOffline = false;
let needsSync = false;
let scheduled = false;

function loadMethod(id) {
  if (modules.has(id)) return Promise.resolve(modules.get(id));
  return loadModule(main.dataset.methods, id, 'phone')
    .catch(() => null)
    .then((module) => {
      modules.set(id, module);
      return module;
    });
}

function currentMethod() {
  if (!snap) return null;
  return modules.get(snap.phase.method) || null;
}

let lastAnnouncement = '';
function announce(text) {
  // Re-setting the same text is not read again; alternate a zero-width space so it is.
  const value = text === lastAnnouncement ? `${text}\u200b` : text;
  lastAnnouncement = value;
  els.announcer.textContent = value;
}

function context() {
  const phaseId = snap.phase.id;
  return {
    snap,
    view: snap.view,
    phase: snap.phase,
    open: snap.workshop.status === 'running' && !snap.phase.locked,
    workshopId,
    pending: () => live.outbox.pending().filter((e) => e.phase === phaseId),
    send: (type, data) => {
      const { entry } = live.send(type, data);
      schedule();
      return entry;
    },
    dismiss: (op) => {
      live.outbox.dismiss(op);
      schedule();
    },
    retry: (op, data) => {
      live.outbox.retry(op, data);
      schedule();
    },
    announce,
    update: schedule,
    storageKey: `fx-draft-${workshopId}-${phaseId}`,
    // Who else edits a field now (co-edited text): editing(key) → [{name, number}];
    // editingHere(key, on) when this phone's focus enters or leaves the field.
    editing: (key) => presence.editing(key),
    editingHere: (key, on = true) => presence.announce(key, phaseId, on),
  };
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    render();
  });
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function renderBanner() {
  const banner = els.banner;
  if (status === 'offline') {
    setText(banner, t('offline'));
    banner.classList.remove('refused');
    banner.hidden = false;
  } else if (status === 'refused') {
    if (!banner.classList.contains('refused')) {
      banner.replaceChildren(
        t('refused'),
        ' ',
        h('a', { href: `/j/${encodeURIComponent(main.dataset.code)}` }, t('join_again')),
      );
    }
    banner.classList.add('refused');
    banner.hidden = false;
  } else {
    banner.hidden = true;
    setText(banner, '');
  }
}

function renderTimer() {
  const timer = snap && snap.timer;
  // Shown once the facilitator has started it (a clock that does not move only confuses).
  const started = timer && (timer.running || (timer.remaining || 0) < (timer.duration || 0));
  if (!snap || snap.workshop.status !== 'running' || !timer || !timer.duration || !started) {
    els.timer.hidden = true;
    return;
  }
  const left = timeLeft(timer, live.serverNow());
  els.timer.hidden = false;
  setText(els.timerValue, clock(left));
  els.timer.classList.toggle('out', left <= 0);
  const warn = warningDue(timer, live.serverNow());
  els.timer.classList.toggle('warn', warn);
  setText(els.timerWarning, warn ? t('time_almost_up') : '');
}

/** Refused texts written for another phase: shown until dismissed, so no text is ever lost. */
function renderUnsent() {
  const phaseId = snap ? snap.phase.id : null;
  const entries = live.outbox
    .pending()
    .filter((e) => e.state === 'failed' && e.phase !== phaseId && e.data && e.data.text);
  els.unsent.hidden = entries.length === 0;
  syncList(
    els.unsentList,
    entries,
    (e) => e.op,
    (e) =>
      h(
        'li',
        { class: 'note failed' },
        h('p', { class: 'note-text' }, e.data.text),
        e.error ? h('p', { class: 'note-error' }, e.error.message) : null,
        h(
          'div',
          { class: 'note-actions' },
          h(
            'button',
            {
              type: 'button',
              'aria-label': t('dismiss_label'),
              onclick: () => {
                live.outbox.dismiss(e.op);
                schedule();
              },
            },
            t('dismiss'),
          ),
        ),
      ),
    () => {},
  );
}

function render() {
  renderBanner();
  if (!snap) return;
  renderUnsent();
  const { workshop, phase } = snap;
  const running = workshop.status === 'running';
  if (running) {
    setText(els.kicker, t('phase_of', { n: phase.index + 1, total: workshop.phase_count }));
    setText(els.title, phase.title);
    setText(els.question, phase.question);
  } else {
    setText(els.kicker, '');
    setText(els.title, workshop.title);
    setText(els.question, '');
  }
  els.title.parentElement.classList.toggle('off', !running);
  const group = myGroup(snap);
  els.group.hidden = !group || workshop.status === 'ended';
  if (group) {
    setText(els.group, group.name
      ? t('my_group_named', { n: group.number, name: group.name })
      : t('my_group', { n: group.number }));
  }
  if (els.foot) els.foot.hidden = workshop.status === 'ended';
  renderTimer();

  let message = '';
  let kind = '';
  if (workshop.status === 'ended') {
    message = t('ended');
    kind = 'ended';
  } else if (!running) {
    message = t('lobby');
  } else if (phase.locked) {
    message = t('locked');
    kind = 'locked';
  }
  const method = currentMethod();
  if (running && !method && modules.has(phase.method)) message = t('follow_screen');
  setText(els.message, message);
  els.message.className = `state-message ${kind}`.trim();
  els.message.hidden = !message;
  els.minutes.hidden = !snap.minutes_shared;

  const stage = els.stage;
  if (!running || !method) {
    if (stage.dataset.phase) {
      stage.replaceChildren();
      delete stage.dataset.phase;
      instance = null;
    }
    stage.hidden = true;
    return;
  }
  stage.hidden = false;
  const phaseKey = `${phase.method}:${phase.id}`;
  if (stage.dataset.phase !== phaseKey || !instance) {
    stage.replaceChildren();
    stage.dataset.phase = phaseKey;
    instance = mountScreen(method, stage, { context }, t);
  }
  instance.update(snap, snap.view);
}

function onSnapshot(data) {
  snap = data;
  const id = snap.phase.method;
  if (modules.has(id)) {
    schedule();
    return;
  }
  loadMethod(id).then(() => {
    if (needsSync) {
      needsSync = false;
      live.resync();
    }
    schedule();
  });
}

function onEvent(ev) {
  if (!snap) return false;
  const method = currentMethod();
  const loading = !modules.has(snap.phase.method);
  let ok;
  if (loading) {
    ok = applyEvent(snap, ev, { apply: () => true });
    if (ok) needsSync = true; // method events are applied by a fresh snapshot once loaded
  } else {
    ok = applyEvent(snap, ev, method || { apply: () => true });
  }
  if (ok !== false && method && instance && instance.onEvent) instance.onEvent(ev);
  schedule();
  return ok;
}

function onStatus(next) {
  if (next === 'offline' || next === 'refused') wasOffline = true;
  main.dataset.connection = next; // what the socket reports (tests and styles may read it)
  if (next === 'online' && wasOffline) {
    wasOffline = false;
    if (!live.outbox.pending().some((e) => e.state === 'sending')) announce(t('online'));
  }
  status = next;
  renderBanner();
}

function onOutbox(entry) {
  if (snap && entry.phase === snap.phase.id) {
    if (currentMethod() && instance && instance.onResult) instance.onResult(entry);
  } else if (entry.state === 'failed' && !(entry.data && entry.data.text)) {
    live.outbox.dismiss(entry.op); // a vote or +1 for a step that is over: nothing to keep
  }
  schedule();
}

const live = new Live({
  workshop: workshopId,
  role: 'participant',
  onSnapshot,
  onEvent,
  onStatus,
  onOutbox,
});

// The browser knows it lost the network before the socket notices: show the banner at once.
window.addEventListener('offline', () => {
  if (status === 'refused') return; // no network will bring this seat back
  status = 'offline';
  wasOffline = true;
  renderBanner();
});
window.addEventListener('online', () => {
  if (live.socket.connected) onStatus('online');
});
const presence = new Presence(live, schedule);
setInterval(renderTimer, 1000);
