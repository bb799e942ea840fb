// The fault proxy itself (test/support/fault-proxy): real loopback sockets on both sides, a line
// echo server behind it (plain, and TLS with the lab CA verified through the proxy), each fault
// checked for what the client and the server see. Refuse-for-N runs on a VirtualClock.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { connect as tlsConnect, createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLabPki, type ServerCertificate } from '../../src/lab/pki/index.ts';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy/fault-proxy.ts';
import { TlsRecordScanner, TlsRequestDetector } from '../support/fault-proxy/tls-records.ts';

let ca: string;
let cert: ServerCertificate;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  const pki = await createLabPki();
  ca = pki.caCertPem;
  cert = await pki.issueServerCertificate({ dnsNames: ['echo.lab.test'] });
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Echo {
  port: number;
  /** Lines the server read, per accepted connection. */
  received: string[][];
  accepted: number;
}

/** Answers `echo:<line>` to each line; TLS when `tls` names the versions. */
async function echoServer(tls?: { min: 'TLSv1.2' | 'TLSv1.3'; max: 'TLSv1.2' | 'TLSv1.3' }): Promise<Echo> {
  const echo: Echo = { port: 0, received: [], accepted: 0 };
  const sockets = new Set<Socket>();
  const onSocket = (socket: Socket): void => {
    sockets.add(socket);
    const lines: string[] = [];
    echo.received.push(lines);
    echo.accepted += 1;
    let buffer = '';
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        socket.write(`echo:${line}\n`);
      }
    });
  };
  let server: Server;
  if (tls) {
    const t = createTlsServer({ cert: cert.certPem, key: cert.keyPem, minVersion: tls.min, maxVersion: tls.max }, onSocket);
    t.on('tlsClientError', () => undefined);
    server = t;
  } else server = createServer(onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  echo.port = (server.address() as { port: number }).port;
  cleanups.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return echo;
}

async function proxyTo(echo: Echo, clock?: VirtualClock): Promise<FaultProxy> {
  const proxy = await startFaultProxy({ name: 'echo', target: { host: '127.0.0.1', port: echo.port }, ...(clock ? { clock } : {}) });
  cleanups.push(() => proxy.close());
  return proxy;
}

interface Client {
  socket: Socket;
  lines: string[];
  /** 'end' (FIN), an error code (ECONNRESET, …), or null while open. */
  ending: string | null;
  next(): Promise<string>;
  closed: Promise<string>;
}

function wrap(socket: Socket): Client {
  const client: Client = { socket, lines: [], ending: null, next: null as never, closed: null as never };
  let buffer = '';
  const waiters: Array<(line: string) => void> = [];
  let onClosed!: (why: string) => void;
  client.closed = new Promise((resolve) => (onClosed = resolve));
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const w = waiters.shift();
      if (w) w(line);
      else client.lines.push(line);
    }
  });
  socket.on('end', () => (client.ending ??= 'end'));
  socket.on('error', (e: NodeJS.ErrnoException) => (client.ending ??= e.code ?? 'error'));
  socket.on('close', () => onClosed(client.ending ?? 'closed'));
  client.next = () => {
    const line = client.lines.shift();
    return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiters.push(resolve));
  };
  cleanups.push(() => void socket.destroy());
  return client;
}

function plainClient(proxy: FaultProxy): Promise<Client> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: proxy.host, port: proxy.port });
    s.once('connect', () => resolve(wrap(s)));
    s.once('error', reject);
  });
}

function tlsClient(proxy: FaultProxy): Promise<Client & { socket: TLSSocket }> {
  return new Promise((resolve, reject) => {
    const s = tlsConnect({ host: proxy.host, port: proxy.port, servername: 'echo.lab.test', ca: [ca] });
    s.once('secureConnect', () => resolve(wrap(s) as Client & { socket: TLSSocket }));
    s.once('error', reject);
  });
}

const settle = (ms = 50): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (check: () => boolean, ms = 2_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await settle(5);
  expect(check()).toBe(true);
};

describe('fault proxy: forwarding', () => {
  it('forwards both ways in order over plain TCP, and counts the bytes', async () => {
    const echo = await echoServer();
    const proxy = await proxyTo(echo);
    const c = await plainClient(proxy);
    for (let i = 0; i < 20; i++) c.socket.write(`line ${i}\n`);
    for (let i = 0; i < 20; i++) expect(await c.next()).toBe(`echo:line ${i}`);
    expect(proxy.stats).toMatchObject({ accepted: 1, open: 1, cut: 0, swallowed: 0 });
    expect(proxy.stats.up).toBe(Array.from({ length: 20 }, (_, i) => `line ${i}\n`).join('').length);
    expect(proxy.host).toBe('127.0.0.2');
  });

  it('passes TLS through untouched: the client verifies the server certificate by name', async () => {
    const echo = await echoServer({ min: 'TLSv1.2', max: 'TLSv1.3' });
    const proxy = await proxyTo(echo);
    const c = await tlsClient(proxy);
    c.socket.write('hello\n');
    expect(await c.next()).toBe('echo:hello');
    // Verification stays on: a name the certificate does not carry fails through the proxy too.
    const wrongName = tlsConnect({ host: proxy.host, port: proxy.port, servername: 'other.lab.test', ca: [ca] });
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => wrongName.once('error', resolve));
    expect(error.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});

describe('fault proxy: faults', () => {
  it('cut: a reset reaches the client as ECONNRESET, a close as a clean end; the server side ends too', async () => {
    const echo = await echoServer();
    const proxy = await proxyTo(echo);
    const a = await plainClient(proxy);
    a.socket.write('one\n');
    expect(await a.next()).toBe('echo:one');
    expect(proxy.cut()).toBe(1);
    expect(await a.closed).toBe('ECONNRESET');
    const b = await plainClient(proxy);
    b.socket.write('two\n');
    expect(await b.next()).toBe('echo:two');
    expect(proxy.cut('close')).toBe(1);
    expect(await b.closed).toBe('end');
    await until(() => proxy.stats.open === 0);
    expect(proxy.stats).toMatchObject({ accepted: 2, cut: 2 });
  });

  it('half-open: nothing crosses in the stopped direction, no socket closes; clear forwards again', async () => {
    const echo = await echoServer();
    const proxy = await proxyTo(echo);
    const c = await plainClient(proxy);
    proxy.halfOpen('up');
    c.socket.write('lost\n');
    await settle();
    expect(echo.received[0]).toEqual([]);
    expect(c.ending).toBeNull();
    await proxy.clear();
    c.socket.write('found\n');
    expect(await c.next()).toBe('echo:found');

    proxy.halfOpen('down');
    c.socket.write('answered into the void\n');
    await until(() => echo.received[0]!.length === 2);
    await settle();
    expect(c.lines).toEqual([]); // the server answered; the answer was swallowed
    expect(proxy.stats.swallowed).toBeGreaterThan('lost\n'.length);
    // A connection made while half-open is accepted but dead as well.
    proxy.halfOpen('both');
    const d = await plainClient(proxy);
    d.socket.write('hello?\n');
    await settle();
    expect(d.lines).toEqual([]);
    expect([c.ending, d.ending]).toEqual([null, null]);
  });

  it('refuse for N ms on the injected clock: connects are refused until the clock moves on, open connections stay', async () => {
    const clock = new VirtualClock(0);
    const echo = await echoServer();
    const proxy = await proxyTo(echo, clock);
    const kept = await plainClient(proxy);
    await proxy.refuse(20_000);
    expect(proxy.listening).toBe(false);
    await expect(plainClient(proxy)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    clock.advance(19_999);
    await expect(plainClient(proxy)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    clock.advance(1);
    await proxy.whenListening();
    const back = await plainClient(proxy);
    back.socket.write('back\n');
    expect(await back.next()).toBe('echo:back');
    kept.socket.write('kept\n');
    expect(await kept.next()).toBe('echo:kept');
    // Without a time, it refuses until clear().
    await proxy.refuse();
    clock.advance(3_600_000);
    await expect(plainClient(proxy)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.clear();
    await plainClient(proxy);
  });

  it.each([
    ['in the ClientHello', 40],
    ["in the server's first flight", 700],
  ])('cut mid-TLS %s: the handshake fails, at most k handshake bytes crossed, the next connection is untouched', async (_where, k) => {
    const echo = await echoServer({ min: 'TLSv1.2', max: 'TLSv1.3' });
    const proxy = await proxyTo(echo);
    proxy.cutMidTls(k);
    await expect(tlsClient(proxy)).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
    expect(proxy.stats.up + proxy.stats.down).toBe(k);
    expect(echo.received.flat()).toEqual([]);
    const ok = await tlsClient(proxy);
    ok.socket.write('fine\n');
    expect(await ok.next()).toBe('echo:fine');
  });

  it('cut mid-login over plain TCP: the first request reaches the server, its answer never reaches the client', async () => {
    const echo = await echoServer();
    const proxy = await proxyTo(echo);
    proxy.cutMidLogin();
    const c = await plainClient(proxy);
    c.socket.write('LOGIN ann\n');
    expect(await c.closed).toBe('ECONNRESET');
    expect(c.lines).toEqual([]);
    await until(() => echo.received[0]?.[0] === 'LOGIN ann');
    const next = await plainClient(proxy);
    next.socket.write('LOGIN ann\n');
    expect(await next.next()).toBe('echo:LOGIN ann');
  });

  it.each(['TLSv1.2', 'TLSv1.3'] as const)('cut mid-login over %s: the handshake completes, the first request reaches the server, no answer comes back', async (version) => {
    const echo = await echoServer({ min: version, max: version });
    const proxy = await proxyTo(echo);
    proxy.cutMidLogin();
    const c = await tlsClient(proxy);
    expect(c.socket.getProtocol()).toBe(version);
    // The handshake's last records (TLS 1.3 session tickets) cross before the request is written.
    await settle(50);
    expect(c.ending).toBeNull();
    c.socket.write('LOGIN ann\n');
    expect(await c.closed).toMatch(/ECONNRESET|end/);
    expect(c.lines).toEqual([]);
    await until(() => echo.received[0]?.[0] === 'LOGIN ann');
  });
});

describe('TLS record reading', () => {
  it('reports record types whose header is split across chunks', () => {
    const scanner = new TlsRecordScanner();
    const record = (type: number, body: number): number[] => [type, 3, 3, body >> 8, body & 0xff, ...new Array<number>(body).fill(0)];
    const bytes = Uint8Array.from([...record(0x16, 3), ...record(0x17, 300), ...record(0x15, 2)]);
    const seen = [bytes.subarray(0, 2), bytes.subarray(2, 10), bytes.subarray(10, 309), bytes.subarray(309)].flatMap((c) => scanner.push(c));
    expect(seen).toEqual([0x16, 0x17, 0x15]);
  });

  it("takes the client's second application_data record as its request when the server spoke encrypted first (TLS 1.3)", () => {
    const header = (type: number): Uint8Array => Uint8Array.from([type, 3, 3, 0, 0]);
    const tls13 = new TlsRequestDetector();
    expect(tls13.fromClient(header(0x16))).toBe(false);
    tls13.fromServer(Uint8Array.from([...header(0x16), ...header(0x14), ...header(0x17)]));
    expect(tls13.fromClient(Uint8Array.from([...header(0x14), ...header(0x17)]))).toBe(false); // Finished
    expect(tls13.fromClient(header(0x17))).toBe(true);
    const tls12 = new TlsRequestDetector();
    tls12.fromClient(header(0x16));
    tls12.fromServer(header(0x16));
    expect(tls12.fromClient(Uint8Array.from([...header(0x16), ...header(0x14), ...header(0x16)]))).toBe(false);
    tls12.fromServer(Uint8Array.from([...header(0x14), ...header(0x16)]));
    expect(tls12.fromClient(header(0x17))).toBe(true);
  });
});
