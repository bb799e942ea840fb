// XEP-0198 stream management, acks only (no resumption): the server counts what it received and
// says so in <a h='n'/>, so an outbox knows which messages reached the server and resends only the
// rest after a reconnect (issue 5 "No loss"). The client answers the server's <r/> with its own
// count of handled stanzas.
import { Subject, type Observable } from 'rxjs';
import { NS_CLIENT, NS_SM } from './namespaces.ts';
import { serialize } from './xml-writer.ts';
import type { XmlElement } from './xml-element.ts';

const STANZA_NAMES = new Set(['message', 'presence', 'iq']);

export interface StreamManagement {
  readonly enabled: boolean;
  enable(): void;
  /** A stanza we wrote: counted; when it is a message, its id is tracked until acked. */
  sent(messageId?: string): void;
  /** Handles <r/> and <a/>; counts other stanzas as handled. Returns true when the element was SM's own. */
  received(element: XmlElement): boolean;
  /** Ids of messages the server acknowledged, in order. */
  readonly acked$: Observable<string>;
  /** Messages written but not yet acknowledged. */
  unacked(): string[];
  complete(): void;
}

export const smEnableRequest = (): string => serialize({ name: 'enable', attrs: { xmlns: NS_SM } });
export const smAckRequest = (): string => serialize({ name: 'r', attrs: { xmlns: NS_SM } });

export function createStreamManagement(write: (xml: string) => void): StreamManagement {
  const acked = new Subject<string>();
  let enabled = false;
  let outbound = 0;
  let inbound = 0;
  let pending: Array<{ seq: number; id: string }> = [];

  return {
    get enabled() {
      return enabled;
    },
    enable() {
      enabled = true;
    },
    sent(messageId) {
      if (!enabled) return;
      outbound++;
      if (messageId !== undefined) pending.push({ seq: outbound, id: messageId });
    },
    received(element) {
      if (!enabled) return false;
      if (element.ns === NS_SM && element.name === 'r') {
        write(serialize({ name: 'a', attrs: { xmlns: NS_SM, h: String(inbound) } }));
        return true;
      }
      if (element.ns === NS_SM && element.name === 'a') {
        const h = Number(element.attrs.h);
        if (!Number.isSafeInteger(h)) return true;
        const done = pending.filter((p) => p.seq <= h);
        pending = pending.filter((p) => p.seq > h);
        for (const p of done) acked.next(p.id);
        return true;
      }
      if (element.ns === NS_CLIENT && STANZA_NAMES.has(element.name)) inbound++;
      return false;
    },
    acked$: acked.asObservable(),
    unacked: () => pending.map((p) => p.id),
    complete: () => acked.complete(),
  };
}
