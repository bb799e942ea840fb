// CTI link timers on a virtual clock (no real-time waits): channel and subscription refresh at
// half-life of the granted expires, request timeout against a half-open server; and bad server
// documents as typed protocol-error events (a scripted loopback server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter, firstValueFrom, ReplaySubject, VirtualTimeScheduler } from 'rxjs';
import { createServer, type Server } from 'node:net';
import { createCtiLink, type CtiLinkEvent } from '../../../src/adapters/cti/cti-link.ts';
import { connectTcp, createHostMapResolver } from '../../../src/effects/index.ts';
import { encodeCtiMessage } from '../../../src/codecs/cti/stream.ts';
import { ANN, openCti, PASSWORDS, sequentialIds, startCtiLab, type CtiLab } from './support/cti-lab.ts';

let lab: CtiLab;
beforeAll(async () => {
  lab = await startCtiLab();
});
afterAll(async () => {
  await lab?.stop();
});

async function openOnVirtualClock(scheduler: VirtualTimeScheduler) {
  const conn = await openCti(lab);
  const link = createCtiLink({
    socket: conn.socket,
    credentials: () => ({ userId: ANN, password: PASSWORDS[ANN]! }),
    ids: sequentialIds(),
    channelSetId: 'uc-set-timers',
    applicationId: 'unity-connect',
    requestTimeoutMs: 30_000,
    scheduler,
  });
  const events = new ReplaySubject<CtiLinkEvent>();
  link.events$.subscribe(events);
  return { link, conn, events };
}

const refreshed = (events: ReplaySubject<CtiLinkEvent>, what: 'channel' | 'subscription', n: number) => {
  let seen = 0;
  return firstValueFrom(events.pipe(filter((e) => e.type === 'refreshed' && e.what === what && ++seen === n)));
};

describe('CTI link: half-life refresh (cti-xsi.md §2.4, §3.1)', () => {
  it('refreshes the channel and the subscription at half of the granted 3600 s, then again', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { link, conn, events } = await openOnVirtualClock(scheduler);
    const auth = await link.authenticate({ userId: ANN, callPackage: 'Advanced Call' });
    expect(auth.ok).toBe(true);
    if (!auth.ok) return;
    expect(conn.written()).not.toContain('UpdateChannelRequest');

    scheduler.maxFrames = 1_799_999; // just before half-life: nothing yet
    scheduler.flush();
    expect(conn.written()).not.toContain('UpdateChannelRequest');

    scheduler.maxFrames = 1_800_000;
    scheduler.flush();
    expect(await refreshed(events, 'channel', 1)).toEqual({ type: 'refreshed', what: 'channel', id: auth.value.channelId, expires: 3600 });
    expect(await refreshed(events, 'subscription', 1)).toMatchObject({ id: auth.value.subscriptions[0]!.subscriptionId, expires: 3600 });
    expect(conn.written()).toContain(`<channelId>${auth.value.channelId}</channelId>`);

    scheduler.maxFrames = 3_600_000; // rescheduled from the new grant
    scheduler.flush();
    await refreshed(events, 'channel', 2);
    await refreshed(events, 'subscription', 2);
    expect(conn.written().match(/<cti:UpdateChannelRequest /g)?.length).toBe(2);
    link.close();
  });

  it('a refresh of a channel the server no longer knows is a typed refresh-failed (404)', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { link, events } = await openOnVirtualClock(scheduler);
    const auth = await link.authenticate({ userId: ANN, callPackage: 'Standard Call' });
    if (!auth.ok) throw new Error(auth.error.message);
    lab.server.hub.dropChannel(auth.value.channelId); // gone without a ChannelTerminatedEvent
    scheduler.maxFrames = 1_800_000;
    scheduler.flush();
    const failed = await firstValueFrom(events.pipe(filter((e) => e.type === 'refresh-failed')));
    expect(failed).toMatchObject({ what: 'channel', id: auth.value.channelId, failure: { kind: 'server-error', statusCode: 404 } });
    link.close();
  });
});

describe('CTI link: request timeout on the injected scheduler', () => {
  it('a keepalive the half-open server never answers times out, and the late state stays consistent', async () => {
    const scheduler = new VirtualTimeScheduler();
    const { link } = await openOnVirtualClock(scheduler);
    await lab.server.fault({ type: 'half-open' });
    try {
      const pending = link.keepalive(4);
      scheduler.flush();
      expect(await pending).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    } finally {
      await lab.server.fault({ type: 'clear' });
      link.close();
    }
  });
});

describe('CTI link: bad server documents are typed events, never a crash', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    // Answers every client document with: an xsp:response missing its sessionId, a response to a
    // request nobody made, an xsp:request (only clients send those), then the real keepaliveResponse.
    server = createServer((socket) => {
      socket.on('data', () => {
        const xsp = 'xmlns:xsp="http://schema.broadsoft.com/XspXMLInterface"';
        socket.write(`<?xml version="1.0" encoding="UTF-8"?><xsp:response ${xsp}><requestId>1</requestId><statusCode>200</statusCode></xsp:response>\n`);
        socket.write(`<xsp:response ${xsp}><requestId>77</requestId><sessionId>s</sessionId><statusCode>200</statusCode><reason>OK</reason></xsp:response>`);
        socket.write(`<xsp:keepalive ${xsp}><requestId>5</requestId><period>1</period></xsp:keepalive>`);
        socket.write(`<xsp:keepaliveResponse ${xsp}><requestId>1</requestId></xsp:keepaliveResponse>`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports each bad or unsolicited document and still completes the keepalive', async () => {
    const socket = await firstValueFrom(connectTcp({ host: '127.0.0.1', port, resolver: createHostMapResolver({}), timeoutMs: 5_000 }));
    const link = createCtiLink({ socket, credentials: () => ({ userId: ANN, password: 'x' }), ids: sequentialIds(), channelSetId: 'set', applicationId: 'app' });
    const seen: CtiLinkEvent[] = [];
    link.events$.subscribe((e) => seen.push(e));
    expect(await link.keepalive(1)).toEqual({ ok: true, value: { seq: 1 } });
    expect(seen.map((e) => e.type === 'protocol-error' && e.code)).toEqual(['MISSING_FIELD', 'UNEXPECTED_RESPONSE', 'UNEXPECTED_RESPONSE']);
    link.close();
  });
});

describe('CTI link: SubscriptionTerminatedEvent (cti-xsi.md §3.3)', () => {
  let server: Server;
  let port = 0;
  const fromClient: string[] = [];
  beforeAll(async () => {
    // On the client's keepalive: an xsp:event ending a subscription, then the keepaliveResponse.
    const terminated = encodeCtiMessage({
      kind: 'event',
      requestId: '41',
      event: {
        type: 'SubscriptionEvent',
        eventID: 'ev-term-1',
        sequenceNumber: 3,
        userId: ANN,
        externalApplicationId: 'unity-connect',
        subscriptionId: 'sub-9',
        channelId: 'ch-1',
        targetId: 'bob@lab.test',
        eventData: { type: 'SubscriptionTerminatedEvent' },
      },
    });
    const answer = encodeCtiMessage({ kind: 'keepaliveResponse', requestId: '1' });
    server = createServer((socket) => {
      socket.on('data', (chunk) => {
        fromClient.push(chunk.toString('utf8'));
        if (terminated.ok && answer.ok && chunk.toString('utf8').includes('<xsp:keepalive ')) socket.write(Buffer.concat([terminated.value, answer.value]));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('becomes a typed subscription-terminated event and is acknowledged with the same requestId', async () => {
    const socket = await firstValueFrom(connectTcp({ host: '127.0.0.1', port, resolver: createHostMapResolver({}), timeoutMs: 5_000 }));
    const link = createCtiLink({ socket, credentials: () => ({ userId: ANN, password: 'x' }), ids: sequentialIds(), channelSetId: 'set', applicationId: 'unity-connect' });
    const seen: CtiLinkEvent[] = [];
    link.events$.subscribe((e) => seen.push(e));
    expect((await link.keepalive(1)).ok).toBe(true);
    expect(seen).toEqual([{ type: 'subscription-terminated', subscriptionId: 'sub-9', targetId: 'bob@lab.test' }]);
    // The acknowledgement was written before the keepaliveResponse was read; wait for its bytes.
    while (!fromClient.join('').includes('</xsp:eventResponse>')) await new Promise((resolve) => setImmediate(resolve));
    expect(fromClient.join('')).toMatch(/<xsp:eventResponse version="17.0" [^>]*><requestId>41<\/requestId><xsp:payload><EventResponse [^>]*><eventID>ev-term-1<\/eventID><statusCode>200<\/statusCode><reason>OK<\/reason>/);
    link.close();
  });
});
