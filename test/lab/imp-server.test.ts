import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createLabPki } from '../../src/lab/pki/index.ts';
import { startImpServer, type ImpServer, type ImpServerOptions } from '../../src/lab/imp-server/imp-server.ts';
import { issueImpToken } from '../../src/lab/portal/imp-token.ts';
import { RawKemp } from './imp-raw-client.ts';

const secret = new Uint8Array(randomBytes(32));
const token = (loginId: string) => issueImpToken(secret, { loginId, serverHost: 'ocs.lab.test' }, Date.now());
const register = (loginId: string, opts: { group?: string; token?: string | null } = {}) =>
  `<register><loginId>${loginId}</loginId><groupId>${opts.group ?? 'sales'}</groupId>${opts.token === null ? '' : `<impToken>${opts.token ?? token(loginId)}</impToken>`}</register>`;
const message = (id: string, from: string, to: string, text: string) =>
  `<message id="${id}" from="${from}" to="${to}" sent="1795694400000"><body>${text}</body></message>`;

let server: ImpServer | undefined;
const clients: RawKemp[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.socket.destroy();
  await server?.stop();
  server = undefined;
});

async function start(extra: Partial<ImpServerOptions> = {}): Promise<ImpServer> {
  server = await startImpServer({
    impTokenSecret: secret,
    users: [{ loginId: 'alice@lab.test', groupId: 'sales' }, { loginId: 'bob@lab.test', groupId: 'sales' }],
    ...extra,
  });
  return server;
}
async function client(): Promise<RawKemp> {
  const c = await RawKemp.connect(server!.endpoints.plain!.port);
  clients.push(c);
  return c;
}
async function registered(loginId: string): Promise<RawKemp> {
  const c = await client();
  c.request('REGISTER', 1, register(loginId));
  const r = await c.next();
  expect(r).toMatchObject({ kind: 'response', status: 200, seq: 1 });
  return c;
}

describe('Kakapo IM&P server (kakapo.md §3) over raw sockets', () => {
  it('registers with login ID, group ID and impToken: 200 with a session id, same Seq', async () => {
    await start();
    const c = await client();
    c.request('REGISTER', 7, register('alice@lab.test'));
    const r = await c.next();
    expect(r).toMatchObject({ kind: 'response', status: 200, reason: 'OK', seq: 7 });
    expect(RawKemp.open(r, 'REGISTER')).toMatch(/^<registered sessionId="[0-9a-f-]{36}"\/>$/);
    expect(server!.registeredUsers()).toEqual(['alice@lab.test']);
  });

  it('refuses registration without a valid token (401) or in the wrong group (403)', async () => {
    await start();
    const c = await client();
    c.request('REGISTER', 1, register('alice@lab.test', { token: null }));
    c.request('REGISTER', 2, register('alice@lab.test', { token: token('bob@lab.test') }));
    c.request('REGISTER', 3, register('alice@lab.test', { token: issueImpToken(new Uint8Array(32), { loginId: 'alice@lab.test', serverHost: 'x' }, Date.now()) }));
    c.request('REGISTER', 4, register('alice@lab.test', { token: issueImpToken(secret, { loginId: 'alice@lab.test', serverHost: 'x' }, Date.now() - 3_600_000) }));
    c.request('REGISTER', 5, register('alice@lab.test', { group: 'support' }));
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => c.next()));
    expect(answers.map((a) => [a.seq, a.kind === 'response' && a.status])).toEqual([[1, 401], [2, 401], [3, 401], [4, 401], [5, 403]]);
    expect(server!.registeredUsers()).toEqual([]);
  });

  it('accepts registration without a token only in legacy-imp mode, for known users', async () => {
    await start({ requireToken: false });
    const c = await client();
    c.request('REGISTER', 1, register('alice@lab.test', { token: null }));
    c.request('REGISTER', 2, register('mallory@lab.test', { token: null }));
    expect(await c.next()).toMatchObject({ seq: 1, status: 200 });
    expect(await c.next()).toMatchObject({ seq: 2, status: 403 });
  });

  it('stores a message for an offline user, acknowledges 200, delivers after REGISTER, forgets it once acknowledged', async () => {
    await start();
    const alice = await registered('alice@lab.test');
    alice.request('MESSAGE', 2, message('m-1', 'alice@lab.test', 'bob@lab.test', 'hello &amp; bye'));
    expect(await alice.next()).toMatchObject({ kind: 'response', seq: 2, status: 200 });
    expect(server!.pendingFor('bob@lab.test').map((m) => m.id)).toEqual(['m-1']);

    const bob = await registered('bob@lab.test');
    const push = await bob.next();
    expect(push).toMatchObject({ kind: 'request', method: 'MESSAGE', seq: 1 });
    const text = RawKemp.open(push, 'MESSAGE');
    expect(text).toContain('id="m-1"');
    expect(text).toContain('<body>hello &amp; bye</body>');
    expect(server!.pendingFor('bob@lab.test')).toHaveLength(1); // not acknowledged yet
    bob.respond(push.seq, 200);
    bob.request('PING', 2);
    expect(await bob.next()).toMatchObject({ kind: 'response', seq: 2, status: 200 });
    expect(server!.pendingFor('bob@lab.test')).toEqual([]);
  });

  it('delivers online recipients at once and redelivers after a drop before the acknowledgement', async () => {
    await start();
    const alice = await registered('alice@lab.test');
    const bob1 = await registered('bob@lab.test');
    alice.request('MESSAGE', 2, message('m-2', 'alice@lab.test', 'bob@lab.test', 'one'));
    expect(await alice.next()).toMatchObject({ seq: 2, status: 200 });
    const first = await bob1.next();
    expect(RawKemp.open(first, 'MESSAGE')).toContain('id="m-2"');
    bob1.socket.destroy(); // dropped before acknowledging
    await bob1.closed;
    const bob2 = await registered('bob@lab.test');
    const again = await bob2.next();
    expect(RawKemp.open(again, 'MESSAGE')).toContain('id="m-2"'); // at-least-once, same id
  });

  it('stores a resend with the same id once (nothing shown twice)', async () => {
    await start();
    const alice = await registered('alice@lab.test');
    alice.request('MESSAGE', 2, message('m-3', 'alice@lab.test', 'bob@lab.test', 'x'));
    alice.request('MESSAGE', 3, message('m-3', 'alice@lab.test', 'bob@lab.test', 'x'));
    expect(await alice.next()).toMatchObject({ seq: 2, status: 200 });
    expect(await alice.next()).toMatchObject({ seq: 3, status: 200 });
    expect(server!.pendingFor('bob@lab.test')).toHaveLength(1);
  });

  it('answers 404 for an unknown recipient and 403 for a forged sender or before REGISTER', async () => {
    await start();
    const anon = await client();
    anon.request('MESSAGE', 1, message('m-4', 'alice@lab.test', 'bob@lab.test', 'x'));
    expect(await anon.next()).toMatchObject({ seq: 1, status: 403 });
    const alice = await registered('alice@lab.test');
    alice.request('MESSAGE', 2, message('m-5', 'alice@lab.test', 'nobody@lab.test', 'x'));
    alice.request('MESSAGE', 3, message('m-6', 'bob@lab.test', 'alice@lab.test', 'x'));
    expect(await alice.next()).toMatchObject({ seq: 2, status: 404 });
    expect(await alice.next()).toMatchObject({ seq: 3, status: 403 });
  });

  it('answers PING with 200 and BYE with 200 then closes', async () => {
    await start();
    const c = await registered('alice@lab.test');
    c.request('PING', 41);
    expect(await c.next()).toMatchObject({ kind: 'response', seq: 41, status: 200 });
    c.request('BYE', 42, '<bye reason="logout"/>');
    expect(await c.next()).toMatchObject({ kind: 'response', seq: 42, status: 200 });
    await c.closed;
    expect(server!.registeredUsers()).toEqual([]);
  });

  it('answers malformed, oversized or undecryptable frames with 400 and closes', async () => {
    await start();
    const garbage = await client();
    garbage.socket.write('HELLO there\r\n\r\n');
    expect(await garbage.next()).toMatchObject({ kind: 'response', status: 400 });
    await garbage.closed;

    const huge = await client();
    huge.socket.write('PING x KEMP/1.0\r\nSeq: 1\r\nX-Pad: ' + 'a'.repeat(9000) + '\r\n\r\n');
    expect(await huge.next()).toMatchObject({ status: 400 });
    await huge.closed;

    const tampered = await client();
    tampered.write({ kind: 'request', method: 'REGISTER', target: 'x', seq: 9, keyId: 'dev-2026-01', nonce: new Uint8Array(12), body: new Uint8Array(40) });
    expect(await tampered.next()).toMatchObject({ seq: 9, status: 400 });
    await tampered.closed;

    const wrongBody = await client();
    wrongBody.request('REGISTER', 3, '<register><loginId>alice@lab.test</loginId></register>'); // no group or enterprise
    expect(await wrongBody.next()).toMatchObject({ seq: 3, status: 400 });
    await wrongBody.closed;
  });

  it('serves KEMP over TLS with a lab certificate, and drops every connection on the drop-all fault', async () => {
    const pki = await createLabPki();
    const cert = await pki.issueServerCertificate({ dnsNames: ['im.lab.test'] });
    await start({ tls: { certPem: cert.certPem, keyPem: cert.keyPem } });
    const c = await RawKemp.connectTls(server!.endpoints.tls!.port, pki.caCertPem, 'im.lab.test');
    clients.push(c);
    c.request('REGISTER', 1, register('alice@lab.test'));
    expect(await c.next()).toMatchObject({ seq: 1, status: 200 });
    await server!.fault({ type: 'drop-all' });
    await c.closed;
  });

  it('delivers a lab-injected message to a registered user', async () => {
    await start();
    const bob = await registered('bob@lab.test');
    server!.inject({ from: 'alice@lab.test', to: 'bob@lab.test', body: 'from the driver' });
    const push = await bob.next();
    expect(RawKemp.open(push, 'MESSAGE')).toContain('<body>from the driver</body>');
  });
});

describe('Kakapo IM&P server — faults and the one-response-per-request rule', () => {
  it('closes the connection right after reading the first REGISTER on the close-mid-login fault', async () => {
    await start();
    await server!.fault({ type: 'close-mid-login' });
    const c = await client();
    c.request('REGISTER', 1, register('alice@lab.test'));
    await c.closed;
    expect(c.frames).toEqual([]);
    expect(server!.registeredUsers()).toEqual([]);
  });

  it('never answers on the half-open fault, and answers again once cleared', async () => {
    await start();
    const c = await registered('alice@lab.test');
    await server!.fault({ type: 'half-open' });
    c.request('PING', 2);
    while (server!.ignoredBytes === 0) await new Promise((r) => setTimeout(r, 5)); // the PING arrived and was swallowed
    await server!.fault({ type: 'clear' });
    c.request('PING', 3);
    const answer = await c.next();
    expect(answer).toMatchObject({ kind: 'response', seq: 3, status: 200 }); // PING 2 was never answered
  });

  test.prop(
    [
      fc.array(
        fc.record({ seq: fc.integer({ min: 0, max: 2 ** 31 }), kind: fc.constantFrom('PING', 'MESSAGE-ok', 'MESSAGE-404', 'MESSAGE-dup', 'REGISTER-401') }),
        { minLength: 1, maxLength: 12 },
      ),
    ],
    { numRuns: 25 },
  )('answers every request exactly once, with its own Seq, in order', async (requests) => {
    await start();
    try {
      const c = await registered('alice@lab.test');
      for (const r of requests) {
        if (r.kind === 'PING') c.request('PING', r.seq);
        else if (r.kind === 'MESSAGE-ok') c.request('MESSAGE', r.seq, message(`m-${r.seq}`, 'alice@lab.test', 'bob@lab.test', 'x'));
        else if (r.kind === 'MESSAGE-dup') c.request('MESSAGE', r.seq, message('m-same', 'alice@lab.test', 'bob@lab.test', 'x'));
        else if (r.kind === 'MESSAGE-404') c.request('MESSAGE', r.seq, message(`m-${r.seq}`, 'alice@lab.test', 'ghost@lab.test', 'x'));
        else c.request('REGISTER', r.seq, register('alice@lab.test', { token: null }));
      }
      c.request('PING', 999_999); // the fence: everything before it has been answered
      const seen: number[] = [];
      for (;;) {
        const f = await c.next();
        expect(f.kind).toBe('response');
        if (f.seq === 999_999) break;
        seen.push(f.seq);
      }
      expect(seen).toEqual(requests.map((r) => r.seq));
    } finally {
      for (const c of clients.splice(0)) c.socket.destroy();
      await server?.stop();
      server = undefined;
    }
  });
});

describe('Kakapo IM&P server robustness', () => {
  test.prop([fc.array(fc.uint8Array({ minLength: 1, maxLength: 400 }), { minLength: 1, maxLength: 5 })], { numRuns: 20 })(
    'survives arbitrary bytes: at most a 400 then close, and a fresh connection still registers',
    async (chunks) => {
      if (!server) await start();
      const junk = await client();
      for (const chunk of chunks) junk.socket.write(chunk);
      junk.socket.end();
      await junk.closed;
      for (const f of junk.frames) expect(f).toMatchObject({ kind: 'response', status: 400 });
      const fresh = await client();
      fresh.request('PING', 5);
      expect(await fresh.next()).toMatchObject({ seq: 5, status: 200 });
    },
  );
});
