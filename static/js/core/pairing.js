// Pairing an event with the phone's own unacknowledged action: a note (or any item) the phone
// wrote may come back as a broadcast event before the server's ack does. The phone claims it for
// the outbox entry that made it, so it shows as its own at once and is never listed twice.

/**
 * The pending entry that made `item`, or null.
 *   pending: outbox entries of this phase (ctx.pending())
 *   type: the action type that creates such items (e.g. 'note.add')
 *   claimed: ops already paired with another item (a Set)
 *   same(entry, item): true when the entry's data made this item (e.g. the same text)
 */
export function claimFor(item, pending, type, claimed, same) {
  return (
    pending.find(
      (e) => e.type === type && e.state === 'sending' && !claimed.has(e.op) && same(e, item),
    ) || null
  );
}
