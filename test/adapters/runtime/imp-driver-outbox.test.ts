// The IM&P driver's outbox, exactly once (issue 10 item 3), against a scripted KEMP server over an
// in-memory socket: the test decides which MESSAGE gets its 200 and when. A message whose answer
// came is never written again — not when other messages of the same flush are still unanswered and
// the user sends more, not after a reconnect — and its delivery is reported once; a message whose
// answer never came is written again, with the same id, on the next link.
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { AttemptContext } from '../../../src/adapters/runtime/connection-driver.ts';
import { createCredentials } from '../../../src/adapters/runtime/credentials.ts';
import { createImpDriver } from '../../../src/adapters/runtime/imp-driver.ts';
import type { DriverDeps } from '../../../src/adapters/runtime/driver-deps.ts';
import { createEnvelopeCipher, DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../../../src/codecs/kakapo/cipher.ts';
import { openKempBody, sealKempBody } from '../../../src/codecs/kakapo/kemp-body.ts';
import { createKempFrameParser, encodeKempFrame, type KempFrame, type KempRequest } from '../../../src/codecs/kakapo/kemp-frame.ts';
import type { ByteSocket } from '../../../src/effects/byte-socket.ts';
import { createHostMapResolver } from '../../../src/effects/resolver.ts';

const cipher = createEnvelopeCipher(DEVELOPMENT_KEY_RING);
let nonce = 0;
const nextNonce = (): Uint8Array => {
  const n = new Uint8Array(12);
  new DataView(n.buffer).setUint32(8, ++nonce);
  return n;
};

/** One scripted KEMP connection: what the client wrote, and the server's answers on demand. */
function scriptedServer() {
  const toClient = new Subject<Uint8Array>();
  const parser = createKempFrameParser();
  const requests: KempRequest[] = [];
  const socket: ByteSocket = {
    data$: toClient.asObservable(),
    write(data) {
      const parsed = parser.push(typeof data === 'string' ? new TextEncoder().encode(data) : data);
      if (!parsed.ok) throw parsed.error;
      for (const f of parsed.value) if (f.kind === 'request') requests.push(f);
      // REGISTER is answered at once: 200 with a session id.
      for (const f of parsed.value) if (f.kind === 'request' && f.method === 'REGISTER') answer(f.seq, 200, true);
    },
    end: () => toClient.complete(),
    destroy: () => toClient.complete(),
    info: { host: 'im.lab.test', address: '127.0.0.1', port: 2208, tls: null },
  };
  function answer(seq: number, status: number, registered = false): void {
    let frame: KempFrame = { kind: 'response', seq, status, reason: status === 200 ? 'OK' : 'Error', body: new Uint8Array(0) };
    if (registered) {
      const sealed = sealKempBody(cipher, 'REGISTER', { type: 'registered', sessionId: `s-${seq}` }, { keyId: DEVELOPMENT_KEY_ID, nonce: nextNonce() });
      if (!sealed.ok) throw sealed.error;
      frame = { ...frame, keyId: sealed.value.keyId, nonce: sealed.value.nonce, body: sealed.value.body };
    }
    const bytes = encodeKempFrame(frame);
    if (!bytes.ok) throw bytes.error;
    queueMicrotask(() => toClient.next(bytes.value));
  }
  /** The message ids the client wrote, in order, with each MESSAGE's Seq. */
  const messages = (): Array<{ id: string; seq: number }> =>
    requests
      .filter((r) => r.method === 'MESSAGE')
      .map((r) => {
        const body = openKempBody(cipher, 'MESSAGE', r, 'message');
        if (!body.ok) throw body.error;
        return { id: body.value.id, seq: r.seq };
      });
  return { socket, messages, answer, end: () => toClient.complete() };
}

function attempt(attemptNo: number, socket: ByteSocket): AttemptContext & { events: string[] } {
  const events: string[] = [];
  return {
    attempt: attemptNo,
    socket,
    closed: false,
    events,
    dropped: (f) => void events.push(`dropped:${f.kind}`),
    sessionEnded: (r) => void events.push(`ended:${r}`),
    unanswered: (what) => void events.push(`unanswered:${what}`),
  };
}

function driver() {
  let n = 0;
  const deps: DriverDeps = {
    credentials: createCredentials('ann@lab.test', async () => 'secret'),
    facts: {
      profile: { userId: 'ann@lab.test', firstName: 'Ann', lastName: 'Lee', groupId: 'G-Lab', serviceProviderId: 'SP', isEnterprise: false, clientCallControl: true },
      impToken: 'token',
    },
    oci: null as never,
    net: { resolver: createHostMapResolver({}), ca: [], connectTimeoutMs: 1_000, tlsTimeoutMs: 1_000 },
    ids: () => `id-${++n}`,
    randomBytes: (size) => new Uint8Array(size).fill(7),
  };
  const imp = createImpDriver(deps, { keyRing: DEVELOPMENT_KEY_RING, keyId: DEVELOPMENT_KEY_ID, now: () => 0 });
  const reports: string[] = [];
  imp.delivery$.subscribe((d) => reports.push(`${d.id}:${d.status}`));
  return { imp, reports };
}

const flushed = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('IM&P outbox: exactly once', () => {
  it('an answered message of a flush is not written again while the others wait, and is reported once', async () => {
    const { imp, reports } = driver();
    imp.send({ id: 'm1', to: 'bob@lab.test', body: 'one' });
    imp.send({ id: 'm2', to: 'bob@lab.test', body: 'two' });
    const server = scriptedServer();
    expect(await imp.authenticate(attempt(1, server.socket))).toEqual({ type: 'AUTH.OK' });
    await flushed();
    const [m1, m2] = server.messages();
    expect([m1?.id, m2?.id]).toEqual(['m1', 'm2']);
    server.answer(m1!.seq, 200); // m2 stays unanswered for now
    await flushed();
    imp.send({ id: 'm3', to: 'bob@lab.test', body: 'three' });
    imp.send({ id: 'm4', to: 'bob@lab.test', body: 'four' });
    await flushed();
    expect(server.messages().map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    for (const m of server.messages().slice(1)) server.answer(m.seq, 200);
    await flushed();
    expect(reports.sort()).toEqual(['m1:delivered', 'm2:delivered', 'm3:delivered', 'm4:delivered']);
    expect(imp.pending()).toEqual([]);
  });

  it('after a reconnect only the unanswered messages go out again, with their ids, each reported once', async () => {
    const { imp, reports } = driver();
    const first = scriptedServer();
    await imp.authenticate(attempt(1, first.socket));
    imp.send({ id: 'a', to: 'bob@lab.test', body: 'a' });
    imp.send({ id: 'b', to: 'bob@lab.test', body: 'b' });
    await flushed();
    first.answer(first.messages()[0]!.seq, 200); // a answered, b's answer lost with the link
    await flushed();
    first.end();
    await imp.close(attempt(1, first.socket), 'failed');
    const second = scriptedServer();
    await imp.authenticate(attempt(2, second.socket));
    await flushed();
    expect(second.messages().map((m) => m.id)).toEqual(['b']);
    second.answer(second.messages()[0]!.seq, 200);
    await flushed();
    expect(reports).toEqual(['a:delivered', 'b:delivered']);
  });
});
