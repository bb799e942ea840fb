// Where the protocols' news enters the event log (issue 11 item 2): the drivers' session-long
// streams (CTI and CAP news, IM&P and XMPP messages and delivery) are translated into domain events,
// concealed, and dispatched to the domain actor, so the domain state is the log's like everything
// else and replays with it. Subscribed once, before start: the streams outlive every link, so a
// reconnect changes nothing here.
import type { SchedulerLike, Subscription } from 'rxjs';
import type { Conceal } from '../adapters/domain/conceal.ts';
import { domainEventsOfCap } from '../adapters/domain/cap-domain-events.ts';
import { domainEventsOfXsi } from '../adapters/domain/xsi-domain-events.ts';
import type { Dispatcher } from '../adapters/runtime/connection-runner.ts';
import { DOMAIN_ACTOR_ID, DOMAIN_BATCH_LIMIT, type DomainEvent } from '../machines/domain/contract.ts';
import type { SessionDrivers } from './session-drivers.ts';

/**
 * Issue 14: the monitored users' lamp news (their calls and hook, LAMPS.STATUS) enters the log at
 * most once per this many milliseconds, or once per lampNewsIntervalMs for a large list. The
 * first news after a quiet spell goes at once (a lamp that starts ringing shows without delay).
 * On a virtual clock, lamp news held for its turn shows once the clock has moved on this far.
 *
 * @example
 * clock.advance(LAMP_NEWS_EVERY_MS); // the lamps' latest news is in the snapshot now
 */
export const LAMP_NEWS_EVERY_MS = 100;

/**
 * The interval of lamp news for a list of `monitoredUsers`: LAMP_NEWS_EVERY_MS, and 10 µs per
 * monitored user beyond 10,000 (200 ms at 20,000). Every log entry costs work in proportion to
 * the whole lamps record (copy, freeze, digest, the revealed snapshot), so the interval grows with
 * the record: the lamps then cost the same CPU per second whatever their number, and the CPU of
 * subscribing N lamps grows with N, not N² (one entry per socket chunk would be N²).
 *
 * @example
 * lampNewsIntervalMs(1_000); // 100
 * lampNewsIntervalMs(20_000); // 200
 */
export function lampNewsIntervalMs(monitoredUsers: number): number {
  return Math.max(LAMP_NEWS_EVERY_MS, Math.ceil(monitoredUsers / 100));
}

const isLampNews = (event: DomainEvent): boolean => event.type === 'LAMPS.STATUS' || ('monitoredUser' in event && event.monitoredUser !== undefined);

export interface DomainFeed {
  /** Logs what arrived so far, then stops feeding (the session is over). */
  close(): void;
}

/**
 * @example
 * const feed = createDomainFeed({ system, drivers, ownUser: 'ann@example.com', conceal, ids: randomUUID, scheduler: schedulerOf(clock) });
 * // … session runs; every call, lamp and IM change is now a logged domain event
 * feed.close();
 */
export function createDomainFeed(options: {
  system: Dispatcher;
  drivers: SessionDrivers;
  /** The CTI subscriber: events about this user are the own line, others are BLF lamps. */
  ownUser: string;
  conceal: Conceal;
  /** An id for an XMPP message that came without one (RFC 6120 makes the id optional). */
  ids: () => string;
  /**
   * The session's time source: the lamp news' pace (LAMP_NEWS_EVERY_MS) and the time of an XMPP
   * message (which carries none of its own).
   */
  scheduler: SchedulerLike;
}): DomainFeed {
  const { system, drivers, conceal, scheduler } = options;
  const subscriptions: Subscription[] = [];
  let open = true;
  // Issue 14: the events that arrive together (one socket chunk of a burst: synchronously, before
  // the next microtask) enter the log as one DOMAIN.BATCH entry; a lone event as itself.
  let pending: DomainEvent[] = [];
  // Lamp news waiting for its turn (LAMP_NEWS_EVERY_MS), and when lamp news last entered the log.
  let held: DomainEvent[] = [];
  let heldTimer: Subscription | null = null;
  let lampsLoggedAt = Number.NEGATIVE_INFINITY;
  let lampsInPending = false;
  let interval = LAMP_NEWS_EVERY_MS;
  const flush = (): void => {
    const events = pending;
    pending = [];
    if (lampsInPending) lampsLoggedAt = scheduler.now();
    lampsInPending = false;
    if (!open || events.length === 0) return;
    for (let i = 0; i < events.length; i += DOMAIN_BATCH_LIMIT) {
      const part = events.slice(i, i + DOMAIN_BATCH_LIMIT);
      const batch = part.length === 1 ? part[0]! : { type: 'DOMAIN.BATCH', events: part };
      system.dispatch(DOMAIN_ACTOR_ID, batch as unknown as { type: string }, 'network');
    }
  };
  const enqueue = (events: readonly DomainEvent[], lamps: boolean): void => {
    if (pending.length === 0) queueMicrotask(flush);
    pending.push(...events);
    lampsInPending ||= lamps;
    if (pending.length >= DOMAIN_BATCH_LIMIT) flush();
  };
  const releaseHeld = (): void => {
    heldTimer?.unsubscribe();
    heldTimer = null;
    const events = held;
    held = [];
    if (events.length > 0) enqueue(events, true);
  };
  const send = (event: DomainEvent): void => {
    if (!open) return;
    if (event.type === 'LAMPS.MONITORED') interval = lampNewsIntervalMs(event.users.length);
    if (!isLampNews(event)) {
      // The order of the log is the order of arrival: lamp news held so far goes first.
      if (held.length > 0) releaseHeld();
      enqueue([event], false);
      return;
    }
    // The first lamp news after a quiet spell goes at once, with the rest of its chunk.
    if (held.length === 0 && (lampsInPending || scheduler.now() - lampsLoggedAt >= interval)) return enqueue([event], true);
    held.push(event);
    heldTimer ??= scheduler.schedule(releaseHeld, Math.max(0, lampsLoggedAt + interval - scheduler.now()));
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
        send({ type: 'IM.RECEIVED', service: 'xmpp', id: m.id ?? options.ids(), from: m.from, body: conceal(m.body), at: scheduler.now() });
      }),
      xmpp.delivered$.subscribe((id) => send({ type: 'IM.DELIVERED', service: 'xmpp', id })),
    );
  }
  return {
    close() {
      releaseHeld();
      flush(); // what arrived before the close is logged, never dropped
      open = false;
      for (const s of subscriptions) s.unsubscribe();
    },
  };
}
