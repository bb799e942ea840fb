// The outbox of instant messages (kakapo.md §3.3): a message queued by the user stays until the
// server acknowledged it with 200, survives reconnects (the runtime keeps the outbox value across
// links; a link only flushes it), and is resent with the SAME id, so receivers drop duplicates and
// every message is delivered exactly once. Pure and immutable: no I/O, no clock — reusable by the
// XMPP driver and storable in a machine's context.

export interface OutboxEntry<T> {
  readonly id: string;
  readonly item: T;
}

export interface Outbox<T> {
  /** Oldest first: messages go out in the order the user queued them. */
  readonly entries: readonly OutboxEntry<T>[];
}

export function emptyOutbox<T>(): Outbox<T> {
  return { entries: [] };
}

/** Queues `item` under `id`; queuing an id that is already waiting changes nothing. */
export function enqueue<T>(outbox: Outbox<T>, id: string, item: T): Outbox<T> {
  if (outbox.entries.some((e) => e.id === id)) return outbox;
  return { entries: [...outbox.entries, { id, item }] };
}

/** The server took the message (200), or refused it for good: it leaves the outbox. */
export function settle<T>(outbox: Outbox<T>, id: string): Outbox<T> {
  const entries = outbox.entries.filter((e) => e.id !== id);
  return entries.length === outbox.entries.length ? outbox : { entries };
}

export function isQueued<T>(outbox: Outbox<T>, id: string): boolean {
  return outbox.entries.some((e) => e.id === id);
}
