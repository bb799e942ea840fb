// Where the protocols' news enters the event log (issue 11 item 2): the drivers' session-long
// streams (CTI and CAP news, IM&P and XMPP messages and delivery) are translated into domain events,
// concealed, and dispatched to the domain actor, so the domain state is the log's like everything
// else and replays with it. Subscribed once, before start: the streams outlive every link, so a
// reconnect changes nothing here.
import type { Subscription } from 'rxjs';
import type { Conceal } from '../adapters/domain/conceal.ts';
import { domainEventsOfCap } from '../adapters/domain/cap-domain-events.ts';
import { domainEventsOfXsi } from '../adapters/domain/xsi-domain-events.ts';
import type { Dispatcher } from '../adapters/runtime/connection-runner.ts';
import { DOMAIN_ACTOR_ID, DOMAIN_BATCH_LIMIT, type DomainEvent } from '../machines/domain/contract.ts';
import type { SessionDrivers } from './session-drivers.ts';

export interface DomainFeed {
  /** Logs what arrived so far, then stops feeding (the session is over). */
  close(): void;
}

/**
 * @example
 * const feed = createDomainFeed({ system, drivers, ownUser: 'ann@example.com', conceal, now: () => clock.now(), ids: randomUUID });
 * // … session runs; every call, lamp and IM change is now a logged domain event
 * feed.close();
 */
export function createDomainFeed(options: {
  system: Dispatcher;
  drivers: SessionDrivers;
  /** The CTI subscriber: events about this user are the own line, others are BLF lamps. */
  ownUser: string;
  conceal: Conceal;
  /** The session clock (an XMPP message carries no time of its own). */
  now: () => number;
  /** An id for an XMPP message that came without one (RFC 6120 makes the id optional). */
  ids: () => string;
}): DomainFeed {
  const { system, drivers, conceal } = options;
  const subscriptions: Subscription[] = [];
  let open = true;
  // Issue 14: the events that arrive together (one socket chunk of a burst: synchronously, before
  // the next microtask) enter the log as one DOMAIN.BATCH entry; a lone event as itself.
  let pending: DomainEvent[] = [];
  const flush = (): void => {
    const events = pending;
    pending = [];
    if (!open || events.length === 0) return;
    const batch = events.length === 1 ? events[0]! : { type: 'DOMAIN.BATCH', events };
    system.dispatch(DOMAIN_ACTOR_ID, batch as unknown as { type: string }, 'network');
  };
  const send = (event: DomainEvent): void => {
    if (!open) return;
    if (pending.length === 0) queueMicrotask(flush);
    pending.push(event);
    if (pending.length >= DOMAIN_BATCH_LIMIT) flush();
  };

  if (drivers.cti !== null) {
    subscriptions.push(
      drivers.cti.news$.subscribe((news) => {
        if (news.type === 'monitored') send({ type: 'LAMPS.MONITORED', users: news.users, note: news.note });
        else if (news.type === 'lamps') send({ type: 'LAMPS.STATUS', via: 'cti', at: news.at, lamps: news.statuses });
        else for (const event of domainEventsOfXsi(news.targetId, news.data, { ownUser: options.ownUser, conceal })) send(event);
      }),
    );
  }
  subscriptions.push(
    drivers.cap.news$.subscribe((news) => {
      if (news.type === 'monitored') send({ type: 'LAMPS.MONITORED', users: news.users, note: news.note });
      else if (news.type === 'lamps') send({ type: 'LAMPS.STATUS', via: 'cap', at: news.at, lamps: news.statuses });
      else for (const event of domainEventsOfCap(news.update, conceal)) send(event);
    }),
  );
  const imp = drivers.imp;
  if (imp !== null) {
    subscriptions.push(
      imp.messages$.subscribe((m) => send({ type: 'IM.RECEIVED', service: 'imp', id: m.id, from: m.from, body: conceal(m.body), at: m.sent })),
      imp.delivery$.subscribe((d) =>
        send(d.status === 'delivered' ? { type: 'IM.DELIVERED', service: 'imp', id: d.id } : { type: 'IM.REJECTED', service: 'imp', id: d.id, reason: d.message ?? 'refused by the server' }),
      ),
    );
  }
  const xmpp = drivers.xmpp;
  if (xmpp !== null) {
    subscriptions.push(
      xmpp.messages$.subscribe((m) => {
        if (m.from === undefined) return; // RFC 6120 §8.1.2.1: a stanza from the server itself is no chat
        send({ type: 'IM.RECEIVED', service: 'xmpp', id: m.id ?? options.ids(), from: m.from, body: conceal(m.body), at: options.now() });
      }),
      xmpp.delivered$.subscribe((id) => send({ type: 'IM.DELIVERED', service: 'xmpp', id })),
    );
  }
  return {
    close() {
      flush(); // what arrived before the close is logged, never dropped
      open = false;
      for (const s of subscriptions) s.unsubscribe();
    },
  };
}
