// The live connection: a socket.io client that keeps a seq-ordered copy of the workshop.
//
// The server sends "snapshot" on every connect, then "ev" events {seq, type, data}. An event
// whose seq is not the next one (a gap), or that says resync, makes us ask for a fresh snapshot
// with "sync"; events that arrive meanwhile are buffered and applied after it. An event meant
// for another group of people arrives as a placeholder {seq, type: "-"}: it only moves seq on
// (the audience's own phones got the event itself first, so they ignore the placeholder).

import { io } from '../../vendor/socket.io/socket.io.esm.min.js';
import { Outbox } from './outbox.js';

export class Live {
  /**
   * @param {object} opts
   *   workshop: id; role: 'participant'|'facilitator'|'projector'; token?: projector token
   *   onSnapshot(snapshot), onEvent(ev) → bool (false: could not apply, resync),
   *   onStatus('online'|'offline'|'refused'), onOutbox(entry)
   */
  constructor(opts) {
    this.opts = opts;
    this.seq = -1;
    this.snapshot = null;
    this.syncing = false;
    this.buffer = [];
    this.clockOffset = 0;
    this.outbox = new Outbox(`fx-outbox-${opts.workshop}-${opts.role}`, (e) => opts.onOutbox?.(e));
    const auth = { workshop: opts.workshop, role: opts.role };
    if (opts.token) auth.token = opts.token;
    this.socket = io({ auth, reconnectionDelayMax: 4000 });
    this.socket.on('connect', () => {
      opts.onStatus?.('online');
      this.outbox.attach(this.socket);
    });
    this.socket.on('disconnect', () => opts.onStatus?.('offline'));
    this.socket.on('connect_error', () => opts.onStatus?.(this.socket.active ? 'offline' : 'refused'));
    this.socket.on('snapshot', (snap) => this.applySnapshot(snap));
    this.socket.on('ev', (ev) => this.receive(ev));
  }

  /** Server time now, in seconds, corrected for this device's clock. */
  serverNow() {
    return (Date.now() + this.clockOffset) / 1000;
  }

  applySnapshot(snap) {
    this.seq = snap.seq;
    this.snapshot = snap;
    this.clockOffset = snap.server_now * 1000 - Date.now();
    this.opts.onSnapshot(snap);
    const waiting = this.buffer.filter((ev) => ev.seq > this.seq).sort((a, b) => a.seq - b.seq);
    this.buffer = [];
    for (const ev of waiting) this.receive(ev);
    this.outbox.pump();
  }

  receive(ev) {
    if (this.syncing) {
      this.buffer.push(ev);
      return;
    }
    if (ev.seq <= this.seq) return; // already included in what we have
    if (ev.seq !== this.seq + 1 || (ev.data && ev.data.resync)) {
      if (ev.seq === this.seq + 1) this.seq = ev.seq;
      this.resync();
      return;
    }
    this.seq = ev.seq;
    if (ev.type === '-') return; // a placeholder: the event was for another group or person
    if (ev.data && ev.data.server_now) this.clockOffset = ev.data.server_now * 1000 - Date.now();
    const ok = this.opts.onEvent(ev);
    if (ok === false) this.resync();
  }

  resync() {
    if (this.syncing) return;
    this.syncing = true;
    this.socket.timeout(10000).emit('sync', (err, ack) => {
      this.syncing = false;
      if (err || !ack || !ack.ok) {
        setTimeout(() => this.resync(), 1000);
        return;
      }
      this.applySnapshot(ack.data);
    });
  }

  /** Send an action through the outbox; returns {entry, done: Promise<ack>}. */
  send(type, data = {}, phase = undefined) {
    const target = phase === undefined ? this.snapshot?.phase?.id ?? null : phase;
    return this.outbox.send(type, data, target);
  }
}
