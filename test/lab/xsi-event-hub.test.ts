import { describe, expect, it } from 'vitest';
import type { XsiEvent } from '../../src/codecs/xsi/events.ts';
import { LabTelephony } from '../../src/lab/telephony/index.ts';
import { XsiEventHub } from '../../src/lab/xsi-server/event-hub.ts';

const WATCHER = 'ann@lab.test';
const N = 20_000;

function world() {
  const users = [WATCHER, ...Array.from({ length: N }, (_, i) => `u${30_000 + i}@lab.test`)];
  const telephony = new LabTelephony({ seed: 1, now: () => 1_000, users: users.map((userId, i) => ({ userId, firstName: 'F', lastName: 'L', extension: String(30_000 + i), services: [] })) });
  const hub = new XsiEventHub({ telephony, now: () => 1_000 });
  const delivered: XsiEvent[] = [];
  hub.addChannel({ subscriberId: WATCHER, channelSetId: 'set', applicationId: 'app', deliver: (e) => delivered.push(e) });
  const subscribe = (targetId: string) => {
    const sub = hub.subscribe({ subscriberId: WATCHER, targetId, package: 'Basic Call', channelSetId: 'set', applicationId: 'app' });
    if ('status' in sub) throw new Error(sub.summary);
    return sub;
  };
  return { users, telephony, hub, delivered, subscribe };
}

const targetsOf = (events: XsiEvent[]) => events.map((e) => (e.type === 'SubscriptionEvent' ? `${e.targetId} ${e.eventData.type}` : e.type));

describe('XSI event hub at reception scale (one Basic Call subscription per monitored user)', () => {
  it('takes 20,000 subscriptions and sends a call event to its target subscription only', () => {
    const w = world();
    const subs = w.users.slice(1).map((u) => w.subscribe(u));
    const last = w.users[N]!;
    w.telephony.placeIncomingCall(last, { number: '+15550001234' });
    expect(targetsOf(w.delivered)).toEqual([`${last} CallReceivedEvent`]);
    expect(w.delivered[0]).toMatchObject({ subscriptionId: subs[N - 1]!.subscriptionId, sequenceNumber: 1 });
  });

  it('keeps its indexes with the subscriptions: a replaced, an unsubscribed or a 481-acknowledged subscription gets no more events', () => {
    const w = world();
    const [a, b, c] = w.users.slice(1, 4) as [string, string, string];
    const first = w.subscribe(a);
    const second = w.subscribe(a); // cti-xsi.md §2.4: replaces the first
    expect(w.hub.subscription(first.subscriptionId)).toBeUndefined();
    const subB = w.subscribe(b);
    w.subscribe(c);
    expect(w.hub.unsubscribe(subB.subscriptionId, WATCHER)).toBe(true);
    for (const u of [a, b, c]) w.telephony.placeIncomingCall(u, { number: '+1555' });
    expect(w.delivered.map((e) => e.type === 'SubscriptionEvent' && e.subscriptionId)).toEqual([second.subscriptionId, expect.any(String)]);
    expect(targetsOf(w.delivered)).toEqual([`${a} CallReceivedEvent`, `${c} CallReceivedEvent`]);
    const toC = w.delivered[1]!;
    expect(w.hub.acknowledge(toC.type === 'SubscriptionEvent' ? toC.eventID : '', 481)).toBe(true);
    w.telephony.placeIncomingCall(c, { number: '+1556' });
    expect(w.delivered).toHaveLength(2);
    // A new subscription to the same target after all that works like the first.
    w.subscribe(c);
    w.telephony.placeIncomingCall(c, { number: '+1557' });
    expect(targetsOf(w.delivered.slice(2))).toEqual([`${c} CallReceivedEvent`]);
  });
});
