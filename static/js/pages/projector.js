// The big screen: a fixed 1920-wide frame (top bar, join rail, question, the method's view),
// scaled to the screen. The console imports Frame to show the same picture as a live preview.
//
// A method draws its part through the contract of static/js/core/loader.js (its projector
// screen: mount(root, {t}) → {update(snap, view), fit()}). The preview draws the server's own
// projector view of the phase (snapshot.preview), never a view re-derived in the browser.

import { Live } from '../core/live.js';
import { applyCore, applyEvent, timeLeft, warningDue } from '../core/state.js';
import { h, clock, coalesce } from '../core/dom.js';
import { loadStrings, t as pageT, tn, translator } from '../core/i18n.js';
import { loadedMethod, loadMethod, mountScreen } from '../core/loader.js';

export { coalesce, loadedMethod, loadMethod, tn, translator };

export const DESIGN_WIDTH = 1920;

/**
 * The projector frame. opts: {title, code, qr, address, methods (base URL of method modules),
 * preview (true in the console: show what the public would see of a staff snapshot)}.
 */
export class Frame {
  constructor(root, opts) {
    this.root = root;
    this.opts = opts;
    this.snap = null;
    this.method = null; // {id, phase, module, view}
    this.t = opts.t || pageT;
    this.build();
  }

  build() {
    const { t } = this;
    const o = this.opts;
    this.el = {};
    const e = this.el;
    e.workshop = h('span', { class: 'pj-workshop' }, o.title);
    e.phase = h('h1', { class: 'pj-phase' });
    e.step = h('span', { class: 'pj-step' });
    e.clock = h('span', { class: 'pj-clock' }, '0:00');
    e.timerNote = h('span', { class: 'pj-timer-note' });
    e.timer = h('div', { class: 'pj-timer', role: 'timer', 'aria-label': t('timer') },
      e.clock, e.timerNote);
    e.question = h('h2', { class: 'pj-question' });
    e.method = h('div', { class: 'pj-method' });
    e.spotText = h('p', { class: 'pj-spot-text' });
    e.spot = h('div', { class: 'pj-spotlight', hidden: true },
      h('div', { class: 'pj-spot-card' },
        h('p', { class: 'pj-spot-label' }, h('span', { 'aria-hidden': 'true' }, '★ '), t('pj_spotlight')),
        e.spotText));
    e.people = h('p', { class: 'pj-people' });
    const qr = () => h('img', { class: 'pj-qr', src: o.qr, alt: t('pj_join_qr'), width: 300, height: 300 });
    e.rail = h('aside', { class: 'pj-rail', 'aria-label': t('pj_join_title') },
      h('p', { class: 'pj-rail-title' }, t('pj_join_title')),
      qr(),
      h('p', { class: 'pj-address' }, t('pj_join_address', { address: o.address })),
      h('p', { class: 'pj-code-label' }, t('pj_join_code')),
      h('p', { class: 'pj-code' }, o.code),
      e.people);
    e.lobbyPeople = h('p', { class: 'pj-people' });
    e.lobby = h('section', { class: 'pj-lobby' },
      h('div', { class: 'pj-lobby-text' },
        h('h1', { class: 'pj-lobby-title' }, o.title),
        h('p', { class: 'pj-lobby-soon' }, t('pj_starts_soon')),
        h('p', { class: 'pj-lobby-join' }, t('pj_join_title')),
        h('p', { class: 'pj-address' }, t('pj_join_address', { address: o.address })),
        h('p', { class: 'pj-code-label' }, t('pj_join_code')),
        h('p', { class: 'pj-code pj-code-huge' }, o.code),
        e.lobbyPeople),
      h('img', { class: 'pj-qr pj-qr-huge', src: o.qr, alt: t('pj_join_qr'), width: 560, height: 560 }));
    e.minutes = h('div', { class: 'pj-minutes' });
    e.ended = h('section', { class: 'pj-ended' },
      h('div', { class: 'pj-ended-thanks' },
        h('h1', { class: 'pj-ended-title' }, t('pj_thanks')),
        h('p', { class: 'pj-ended-text' }, t('pj_ended')),
        h('p', { class: 'pj-ended-workshop' }, o.title)),
      h('div', { class: 'pj-ended-minutes' },
        h('p', { class: 'pj-minutes-note' }, t('pj_minutes_on_phones')),
        e.minutes));
    e.offline = h('p', { class: 'pj-offline', role: 'status', hidden: true },
      h('span', { 'aria-hidden': 'true' }, '⟳ '), t('pj_reconnecting'));
    e.frame = h('div', { class: 'pj', 'data-state': 'lobby', 'data-join': 'shown' },
      h('header', { class: 'pj-top' },
        h('div', { class: 'pj-titles' }, h('p', { class: 'pj-kicker' }, e.workshop, e.step), e.phase),
        e.timer),
      h('div', { class: 'pj-body' },
        h('main', { class: 'pj-main' }, e.question, h('div', { class: 'pj-stagebox' }, e.method, e.spot)),
        e.rail),
      e.lobby,
      e.ended,
      e.offline);
    this.root.replaceChildren(e.frame);
  }

  /** Speak another language (the console's preview when the workshop's language changes). */
  relabel(t) {
    this.t = t;
    this.method = null;
    this.build();
    if (this.snap) this.update(this.snap);
  }

  /** Redraw from a snapshot (a staff snapshot in preview mode). */
  update(snap) {
    const { t } = this;
    this.snap = snap;
    const e = this.el;
    const w = snap.workshop;
    const state = w.status === 'draft' ? 'lobby' : w.status === 'ended' ? 'ended' : 'running';
    e.frame.dataset.state = state;
    e.frame.dataset.join = w.join_hidden ? 'hidden' : 'shown';
    e.workshop.textContent = w.title;
    e.phase.textContent = snap.phase.title;
    e.step.textContent = t('pj_phase_of', { n: snap.phase.index + 1, total: w.phase_count });
    e.question.textContent = snap.phase.question;
    e.question.hidden = !snap.phase.question;
    const people = tn('pj_people', snap.participants?.count ?? 0, {}, t);
    e.people.textContent = people;
    e.lobbyPeople.textContent = people;
    const spot = snap.spotlight;
    e.spot.hidden = !spot;
    e.spotText.textContent = spot ? spot.text : '';
    e.frame.classList.toggle('has-spotlight', Boolean(spot));
    this.tick();
    this.drawMethod();
    this.drawMinutes(state === 'ended' && Boolean(snap.minutes_shared));
  }

  /** Show the minutes the facilitator shared (page mode only; fetched once per sharing). */
  drawMinutes(shown) {
    const e = this.el;
    e.frame.dataset.minutes = shown && this.opts.minutesUrl ? 'shown' : 'hidden';
    if (!shown || !this.opts.minutesUrl) {
      this.minutesLoaded = false;
      e.minutes.replaceChildren();
      return;
    }
    if (this.minutesLoaded) return;
    this.minutesLoaded = true;
    fetch(this.opts.minutesUrl, { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.text() : ''))
      .then((html) => {
        // The page is the server's sanitised rendering; take its article only.
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const article = doc.querySelector('.minutes-document');
        if (article && this.minutesLoaded) e.minutes.replaceChildren(document.adoptNode(article));
      })
      .catch(() => {
        this.minutesLoaded = false;
      });
  }

  drawMethod() {
    const snap = this.snap;
    const phase = snap.phase;
    if (!this.method || this.method.phase !== phase.id || this.method.id !== phase.method) {
      const id = phase.method;
      const holder = h('div', { class: `pj-view pj-view-${id}` });
      this.el.method.replaceChildren(holder);
      this.method = { id, phase: phase.id, holder, module: null };
      const current = this.method;
      loadMethod(this.opts.methods, id, 'projector')
        .then((mod) => {
          if (this.method !== current) return;
          current.module = mod;
          current.view = mountScreen(mod, holder, {}, this.t);
          this.drawMethod();
        })
        .catch(() => {
          holder.textContent = '';
        });
      return;
    }
    if (!this.method.view) return;
    const view = this.opts.preview ? snap.preview || snap.view : snap.view;
    this.method.view.update(snap, view);
  }

  /** Refit after the frame changed size. */
  refit() {
    if (this.method && this.method.view && this.method.view.fit) this.method.view.fit();
  }

  /** Update the clock (called every quarter second). */
  tick(now = this.serverNow ? this.serverNow() : Date.now() / 1000) {
    if (!this.snap) return;
    const { t } = this;
    const timer = this.snap.timer || {};
    const left = timeLeft(timer, now);
    const warn = warningDue(timer, now);
    const e = this.el;
    const idle = !timer.running && !(timer.duration > 0) && !(timer.remaining > 0);
    e.timer.hidden = idle || this.snap.workshop.status !== 'running';
    const text = clock(left);
    if (e.clock.textContent !== text) e.clock.textContent = text;
    let note = '';
    if (timer.running && left <= 0) note = t('pj_time_up');
    else if (warn) note = t('time_almost_up');
    else if (!timer.running && left > 0 && left < (timer.duration || 0)) note = t('pj_paused');
    if (e.timerNote.textContent !== note) e.timerNote.textContent = note;
    e.timer.classList.toggle('is-up', Boolean(timer.running && left <= 0));
    e.timer.classList.toggle('is-warning', warn);
    e.timer.classList.toggle('is-paused', !timer.running);
  }
}

/** Scale a 1920-wide frame to fill `stage` (keeping the stage's aspect ratio). */
export function scaleToFit(stage, frameEl, fixedHeight = null) {
  const width = stage.clientWidth || DESIGN_WIDTH;
  const scale = width / DESIGN_WIDTH;
  const height = fixedHeight || Math.round((stage.clientHeight || 1080) / scale);
  frameEl.style.width = `${DESIGN_WIDTH}px`;
  frameEl.style.height = `${height}px`;
  frameEl.style.transform = scale === 1 ? '' : `scale(${scale})`;
  return scale;
}

function startPage() {
  const stage = document.getElementById('projector');
  if (!stage) return;
  loadStrings();
  const d = stage.dataset;
  const frame = new Frame(stage, {
    title: d.title,
    code: d.code,
    qr: d.qr,
    address: d.joinAddress,
    methods: d.methods,
    minutesUrl: `${window.location.pathname.replace(/\/$/, '')}/minutes`,
  });
  stage.classList.add('is-live');
  let module = null;
  const redraw = coalesce(() => frame.update(live.snapshot));
  const live = new Live({
    workshop: Number(d.workshop),
    role: 'projector',
    token: d.token,
    onSnapshot(snap) {
      if (snap.workshop.locale !== d.locale) {
        // The facilitator changed the room's language: reload for the new texts.
        window.location.reload();
        return;
      }
      module = loadedMethod(snap.phase.method, 'projector');
      if (!module) {
        loadMethod(d.methods, snap.phase.method, 'projector').then((m) => {
          if (live.snapshot && live.snapshot.phase.method === snap.phase.method) module = m;
        });
      }
      frame.update(snap);
    },
    onEvent(ev) {
      const snap = live.snapshot;
      if (!snap) return false;
      // While the method module is still loading, only workshop-wide events can be applied;
      // anything else asks for a fresh snapshot, which is simplest.
      const ok = module ? applyEvent(snap, ev, module) : applyCore(snap, ev) === true;
      if (ok !== false) redraw();
      return ok;
    },
    onStatus(status) {
      stage.dataset.connection = status;
      frame.el.offline.hidden = status === 'online';
    },
  });
  frame.serverNow = () => live.serverNow();
  const resize = () => {
    scaleToFit(document.documentElement, frame.el.frame);
    frame.refit();
  };
  window.addEventListener('resize', resize);
  resize();
  setInterval(() => frame.tick(), 250);
  window.fxProjector = { live, frame };
}

if (document.body.classList.contains('page-projector')) startPage();
