// Issue 14: an AddUserSubscriptionRequest whose answer comes after its timeout. The server made the
// subscription anyway, so the link adopts it (none for that user and package exists or is being
// asked for) or deletes it on the server (a newer request is under way) — the lab never keeps a
// subscription the client does not know. The answers are held back by a gate on the client's side
// of a real loopback connection; time is virtual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplaySubject, Subject, VirtualTimeScheduler } from 'rxjs';
import { createCtiLink, type CtiLinkEvent } from '../../../src/adapters/cti/cti-link.ts';
import { ANN, BOB, CY, openCti, PASSWORDS, sequentialIds, startCtiLab, type CtiLab } from './support/cti-lab.ts';

let lab: CtiLab;
beforeAll(async () => {
  lab = await startCtiLab();
});
afterAll(async () => {
  await lab?.stop();
});

/** A link whose inbound bytes pass only while the gate is open. */
async function gatedLink(scheduler: VirtualTimeScheduler, channelSetId: string) {
  const conn = await openCti(lab);
  const inbound = new Subject<Uint8Array>();
  let open = true;
  let held: Uint8Array[] = [];
  conn.socket.data$.subscribe({
    next: (chunk) => (open ? inbound.next(chunk) : held.push(chunk)),
    error: (e: unknown) => inbound.error(e),
    complete: () => inbound.complete(),
  });
  const link = createCtiLink({
    socket: { ...conn.socket, data$: inbound.asObservable() },
    credentials: () => ({ userId: ANN, password: PASSWORDS[ANN]! }),
    ids: sequentialIds(),
    channelSetId,
    applicationId: channelSetId,
    requestTimeoutMs: 30_000,
    scheduler,
  });
  const events = new ReplaySubject<CtiLinkEvent>();
  link.events$.subscribe(events);
  const seen: CtiLinkEvent[] = [];
  link.events$.subscribe((e) => seen.push(e));
  return {
    link,
    conn,
    seen,
    hold: () => (open = false),
    release: () => {
      open = true;
      const chunks = held;
      held = [];
      for (const c of chunks) inbound.next(c);
    },
  };
}

/** Moves virtual time on by `ms` (the scheduler's own frame only moves to the last action run). */
const reached = new WeakMap<VirtualTimeScheduler, number>();
const advance = (scheduler: VirtualTimeScheduler, ms: number): void => {
  const until = (reached.get(scheduler) ?? 0) + ms;
  reached.set(scheduler, until);
  scheduler.maxFrames = until;
  scheduler.flush();
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
const labSubscriptions = (applicationId: string) => lab.server.hub.subscriptionsOf(ANN).filter((s) => s.applicationId === applicationId && s.package === 'Basic Call');

describe('CTI link: a subscription answered after its timeout (issue 14)', () => {
  it('adopts it when nothing else was asked for that user meanwhile', async () => {
    const scheduler = new VirtualTimeScheduler();
    const g = await gatedLink(scheduler, 'uc-late-adopt');
    expect((await g.link.authenticate({ userId: ANN, callPackage: 'Advanced Call' })).ok).toBe(true);
    g.hold();
    const asked = g.link.subscribe(BOB, 'Basic Call');
    await settle(); // the server has answered; the answer waits at the gate
    advance(scheduler, 30_000);
    const outcome = await asked;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.kind).toBe('timeout');
    expect(g.link.subscriptions.some((s) => s.targetId === BOB)).toBe(false);

    g.release();
    await settle();
    const late = g.seen.find((e) => e.type === 'late-subscription');
    expect(late).toMatchObject({ type: 'late-subscription', outcome: 'adopted', info: { targetId: BOB, event: 'Basic Call' } });
    // Never reported as an unexpected answer; the link now holds (and will refresh) what the server made.
    expect(g.seen.some((e) => e.type === 'protocol-error')).toBe(false);
    const mine = g.link.subscriptions.filter((s) => s.targetId === BOB).map((s) => s.subscriptionId);
    expect(mine).toHaveLength(1);
    expect(labSubscriptions('uc-late-adopt').filter((s) => s.targetId === BOB).map((s) => s.subscriptionId)).toEqual(mine);
    g.link.close();
  });

  it('deletes it on the server when a newer request for that user is under way, keeping only the newer one', async () => {
    const scheduler = new VirtualTimeScheduler();
    const g = await gatedLink(scheduler, 'uc-late-delete');
    expect((await g.link.authenticate({ userId: ANN, callPackage: 'Advanced Call' })).ok).toBe(true);
    g.hold();
    const first = g.link.subscribe(CY, 'Basic Call');
    await settle();
    advance(scheduler, 30_000);
    expect((await first).ok).toBe(false);
    const second = g.link.subscribe(CY, 'Basic Call'); // the retry, still unanswered when the late answer comes
    await settle();
    g.release();
    const again = await second;
    expect(again.ok).toBe(true);
    await settle();
    const late = g.seen.find((e) => e.type === 'late-subscription');
    expect(late).toMatchObject({ outcome: 'deleted', info: { targetId: CY } });
    if (late?.type !== 'late-subscription' || !again.ok) return;
    expect(late.info.subscriptionId).not.toBe(again.value.subscriptionId);
    expect(g.conn.written()).toContain('DeleteSubscriptionRequest');
    expect(g.conn.written()).toContain(late.info.subscriptionId);
    // The server keeps exactly the subscription the client knows.
    expect(labSubscriptions('uc-late-delete').filter((s) => s.targetId === CY).map((s) => s.subscriptionId)).toEqual([again.value.subscriptionId]);
    expect(g.link.subscriptions.filter((s) => s.targetId === CY).map((s) => s.subscriptionId)).toEqual([again.value.subscriptionId]);
    g.link.close();
  });

  it('spreads BLF refreshes over 35–50 % of the lifetime; the own line keeps half-life', async () => {
    const scheduler = new VirtualTimeScheduler();
    const g = await gatedLink(scheduler, 'uc-spread');
    expect((await g.link.authenticate({ userId: ANN, callPackage: 'Advanced Call' })).ok).toBe(true);
    expect((await g.link.subscribe(BOB, 'Basic Call')).ok).toBe(true);
    expect((await g.link.subscribe(CY, 'Basic Call')).ok).toBe(true);
    const updates = () => g.conn.written().match(/<cti:UpdateSubscriptionRequest /g)?.length ?? 0;
    const before = updates();
    advance(scheduler, 0.35 * 3600 * 1000 - 1);
    expect(updates()).toBe(before); // none before 35 %
    advance(scheduler, 0.15 * 3600 * 1000 + 1);
    await settle();
    // Both BLF subscriptions refreshed by 50 %, the own one exactly at half-life.
    expect(updates() - before).toBe(3);
    g.link.close();
  });
});
