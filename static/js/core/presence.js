// Who else is editing a field right now: ephemeral "presence" messages (never saved, never
// numbered). A phone says "I am in field K" every few seconds while the field has focus, and
// "I left" on blur; it forgets others after a short while without news.

const REPEAT_MS = 4000;
const FORGET_MS = 9000;

export class Presence {
  /** live: the Live connection; onChange(): called when who is where changes. */
  constructor(live, onChange) {
    this.live = live;
    this.onChange = onChange;
    this.others = new Map(); // key → Map(who → {name, at})
    this.mine = null; // {key, phase, timer}
    live.socket.on('presence', (p) => this.receive(p));
    setInterval(() => this.expire(), 2000);
  }

  receive(p) {
    if (!p || typeof p.key !== 'string') return;
    const at = Date.now();
    let here = this.others.get(p.key);
    if (!here) this.others.set(p.key, (here = new Map()));
    if (p.on) here.set(p.who, { name: p.name || '', number: p.who, at });
    else here.delete(p.who);
    this.onChange();
  }

  expire() {
    const now = Date.now();
    let changed = false;
    for (const here of this.others.values()) {
      for (const [who, seen] of here) {
        if (now - seen.at > FORGET_MS) {
          here.delete(who);
          changed = true;
        }
      }
    }
    if (changed) this.onChange();
  }

  /** Others editing `key` now: [{name, number}]. */
  editing(key) {
    return Array.from((this.others.get(key) || new Map()).values());
  }

  /** This phone entered (`on`) or left field `key` of phase `phase`. */
  announce(key, phase, on = true) {
    if (this.mine) {
      clearInterval(this.mine.timer);
      if (!on || this.mine.key !== key) this.send(this.mine.key, this.mine.phase, false);
      this.mine = null;
    }
    if (!on) return;
    this.send(key, phase, true);
    this.mine = { key, phase, timer: setInterval(() => this.send(key, phase, true), REPEAT_MS) };
  }

  send(key, phase, on) {
    if (this.live.socket.connected) this.live.socket.emit('presence', { key, phase, on });
  }
}
