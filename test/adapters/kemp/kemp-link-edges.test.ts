// KEMP link edges: a server BYE ends the session (SESSION.ENDED, no drop), a half-open server is
// caught by the PING timeout on the injected scheduler, and a MESSAGE that does not open is
// answered 400 and reported — never shown, never a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { firstValueFrom, VirtualTimeScheduler } from 'rxjs';
import { createKempLink, type KempInboundMessage, type KempLinkEvent } from '../../../src/adapters/kemp/kemp-link.ts';
import { DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../../../src/codecs/kakapo/cipher.ts';
import { createKempFrameParser, encodeKempFrame, type KempFrame } from '../../../src/codecs/kakapo/kemp-frame.ts';
import { connectTcp, createHostMapResolver } from '../../../src/effects/index.ts';
import { ANN, eventOf, GROUP, openKemp, startImpLab } from './support/imp-lab.ts';

describe('KEMP link against the lab: BYE from the server, half-open', () => {
  it('a server BYE (shutdown) is session-ended, answered 200, and not reported as a drop', async () => {
    const lab = await startImpLab();
    const o = await openKemp(lab);
    const types: string[] = [];
    o.events.subscribe((e) => types.push(e.type));
    expect((await o.link.register({ loginId: ANN, groupId: GROUP, impToken: lab.token(ANN) })).ok).toBe(true);
    await lab.stop();
    expect(await eventOf(o, 'session-ended')).toEqual({ type: 'session-ended', reason: 'shutdown' });
    await firstValueFrom(o.link.events$, { defaultValue: null }); // completes when the socket closed
    expect(types).not.toContain('dropped');
    expect(o.written.join('')).toContain('KEMP/1.0 200 OK');
    expect(o.link.registration).toBeNull();
  });

  it('a half-open server: the PING times out on the injected scheduler (keepalive detects it)', async () => {
    const lab = await startImpLab();
    try {
      const scheduler = new VirtualTimeScheduler();
      const port = lab.server.endpoints.plain!.port;
      const socket = await firstValueFrom(connectTcp({ host: 'im.lab.test', port, resolver: createHostMapResolver({ 'im.lab.test': '127.0.0.1' }), timeoutMs: 5_000 }));
      const link = createKempLink({ socket, keyRing: DEVELOPMENT_KEY_RING, keyId: DEVELOPMENT_KEY_ID, random: (n) => new Uint8Array(randomBytes(n)), scheduler, requestTimeoutMs: 20_000 });
      await lab.server.fault({ type: 'half-open' });
      const ping = link.keepalive(2);
      scheduler.flush();
      expect(await ping).toMatchObject({ ok: false, error: { kind: 'timeout', message: 'the IM&P server did not answer PING within 20000 ms' } });
      link.close();
    } finally {
      await lab.stop();
    }
  });
});

describe('KEMP link against a scripted server: unreadable MESSAGE', () => {
  let server: Server;
  let port = 0;
  const answers: KempFrame[] = [];
  beforeAll(async () => {
    server = createServer((socket) => {
      const parser = createKempFrameParser();
      // Pushes a MESSAGE whose body was sealed under another AAD (it cannot open), then waits.
      const bogus = encodeKempFrame({ kind: 'request', method: 'MESSAGE', target: ANN, seq: 1, keyId: DEVELOPMENT_KEY_ID, nonce: new Uint8Array(12), body: new Uint8Array(40) });
      if (bogus.ok) socket.write(bogus.value);
      socket.on('data', (chunk) => {
        const frames = parser.push(chunk);
        if (frames.ok) answers.push(...frames.value);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers 400, reports a protocol-error and shows nothing', async () => {
    const socket = await firstValueFrom(connectTcp({ host: '127.0.0.1', port, resolver: createHostMapResolver({}), timeoutMs: 5_000 }));
    const link = createKempLink({ socket, keyRing: DEVELOPMENT_KEY_RING, keyId: DEVELOPMENT_KEY_ID, random: (n) => new Uint8Array(randomBytes(n)) });
    const shown: KempInboundMessage[] = [];
    link.messages$.subscribe((m) => shown.push(m));
    const error = await firstValueFrom(link.events$);
    expect(error).toMatchObject({ type: 'protocol-error', code: 'ENVELOPE_AUTH' } satisfies Partial<KempLinkEvent>);
    while (answers.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(answers[0]).toMatchObject({ kind: 'response', seq: 1, status: 400 });
    expect(shown).toEqual([]);
    link.close();
  });
});
