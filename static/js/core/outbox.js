// The outbox: every action gets a client-made op id and is kept in localStorage until the
// server acknowledges it. After a dropped connection, a reload or a crashed tab, pending actions
// are sent again with the same op id; the server answers a replayed op id with the original ack
// and never stores a duplicate. Actions are sent one at a time, in order.

const RETRYABLE = new Set(['rate_limited', 'server_error']);
const ACK_TIMEOUT_MS = 8000;

export function newOpId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Outbox {
  /**
   * @param {string} storageKey  e.g. "fx-outbox-12"
   * @param {(entry) => void} onChange  called whenever an entry changes state
   *   entry: {op, type, phase, data, state: 'sending'|'saved'|'failed', error?, result?}
   */
  constructor(storageKey, onChange) {
    this.key = storageKey;
    this.onChange = onChange;
    this.entries = this.load();
    this.socket = null;
    this.busy = false;
    this.waiters = new Map();
    this.retryTimer = null;
  }

  load() {
    try {
      const raw = JSON.parse(localStorage.getItem(this.key) || '[]');
      return Array.isArray(raw) ? raw.filter((e) => e && e.op && e.type) : [];
    } catch {
      return [];
    }
  }

  save() {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.entries.filter((e) => e.state !== 'saved')));
    } catch {
      // Storage full or disabled: the entry still lives in memory until acknowledged.
    }
  }

  /** Entries not yet acknowledged (including failed ones the user has not dismissed). */
  pending() {
    return this.entries.filter((e) => e.state !== 'saved');
  }

  /** Queue an action; resolves with the ack ({ok, data} or {ok:false, error}). */
  send(type, data = {}, phase = null) {
    const entry = { op: newOpId(), type, phase, data, state: 'sending', created: Date.now() };
    this.entries.push(entry);
    this.save();
    this.onChange(entry);
    const done = new Promise((resolve) => this.waiters.set(entry.op, resolve));
    this.pump();
    return { entry, done };
  }

  /** Forget a failed entry (the user dismissed it). */
  dismiss(op) {
    this.entries = this.entries.filter((e) => e.op !== op);
    this.save();
  }

  /** Try a failed entry again (e.g. after editing its text). */
  retry(op, data) {
    const entry = this.entries.find((e) => e.op === op);
    if (!entry) return;
    if (data) {
      entry.data = data;
      entry.op = newOpId();
    }
    entry.state = 'sending';
    delete entry.error;
    this.save();
    this.onChange(entry);
    this.pump();
  }

  attach(socket) {
    this.socket = socket;
    this.pump();
  }

  pump() {
    if (this.busy || !this.socket || !this.socket.connected) return;
    const entry = this.entries.find((e) => e.state === 'sending');
    if (!entry) return;
    this.busy = true;
    const envelope = { op: entry.op, type: entry.type, data: entry.data };
    if (entry.phase !== null && entry.phase !== undefined) envelope.phase = entry.phase;
    this.socket.timeout(ACK_TIMEOUT_MS).emit('act', envelope, (err, ack) => {
      this.busy = false;
      if (err || !ack) {
        // No answer (connection dropped or slow): keep it; resent with the same op id.
        this.later();
        return;
      }
      if (!ack.ok && RETRYABLE.has(ack.error && ack.error.code)) {
        this.later(1500);
        return;
      }
      entry.state = ack.ok ? 'saved' : 'failed';
      if (ack.ok) entry.result = ack.data;
      else entry.error = ack.error;
      if (ack.ok) this.entries = this.entries.filter((e) => e !== entry);
      this.save();
      this.onChange(entry);
      const waiter = this.waiters.get(entry.op);
      if (waiter) {
        this.waiters.delete(entry.op);
        waiter(ack);
      }
      this.pump();
    });
  }

  later(ms = 1000) {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.pump(), ms);
  }
}
