// The XMPP outbox (issue 5 "No loss"): messages wait here, in order, until the server acknowledged
// them (XEP-0198). Each flush writes the ones not written on the current session; after a
// reconnect every unacknowledged message is written again with the same id, and the receiver
// drops the duplicate by id.
import { Subject, type Observable } from 'rxjs';
import type { XmppSession } from './session.ts';

export interface OutgoingChat {
  /** Chosen by the caller, stable across resends. */
  id: string;
  to: string;
  body: string;
}

export interface Outbox {
  add(message: OutgoingChat): void;
  /** Writes what this session has not written yet; without acks a written message counts as delivered. */
  flush(session: XmppSession, acks: boolean): void;
  delivered(id: string): void;
  readonly delivered$: Observable<string>;
  pending(): string[];
  complete(): void;
}

export function createOutbox(): Outbox {
  const queue = new Map<string, OutgoingChat>();
  const delivered = new Subject<string>();
  /** Which session wrote which ids: a new session starts with none written. */
  const written = new WeakMap<XmppSession, Set<string>>();

  function markDelivered(id: string): void {
    if (queue.delete(id)) delivered.next(id);
  }

  return {
    add(message) {
      if (!queue.has(message.id)) queue.set(message.id, message);
    },
    flush(session, acks) {
      let done = written.get(session);
      if (done === undefined) {
        done = new Set();
        written.set(session, done);
      }
      for (const message of [...queue.values()]) {
        if (done.has(message.id)) continue;
        if (session.phase !== 'online') return; // the stream ended meanwhile: the next session resends
        session.sendMessage(message);
        done.add(message.id);
        if (!acks) markDelivered(message.id);
      }
    },
    delivered: markDelivered,
    delivered$: delivered.asObservable(),
    pending: () => [...queue.keys()],
    complete: () => delivered.complete(),
  };
}
