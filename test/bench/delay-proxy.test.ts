// The start-up benchmark's delaying proxy: bytes cross it both ways, in order, and each hop takes
// at least the configured one-way delay (a lower bound only: no timing upper bound is asserted).
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDelayProxy, type DelayProxy } from '../../bench/startup/delay-proxy.ts';

const DELAY_MS = 25;

interface Arrival {
  at: number;
  bytes: Buffer;
}

let target: Server | null = null;
let proxy: DelayProxy | null = null;

afterEach(async () => {
  await proxy?.close();
  await new Promise<void>((resolve) => (target ? target.close(() => resolve()) : resolve()));
  proxy = null;
  target = null;
});

/** A target that records what arrives and hands its side of the connection to the test. */
async function startTarget(): Promise<{ port: number; arrivals: Arrival[]; accepted: Promise<Socket> }> {
  const arrivals: Arrival[] = [];
  let accept!: (s: Socket) => void;
  const accepted = new Promise<Socket>((resolve) => (accept = resolve));
  target = createServer({ noDelay: true }, (s) => {
    s.on('data', (bytes: Buffer) => arrivals.push({ at: performance.now(), bytes }));
    accept(s);
  });
  await new Promise<void>((resolve) => target!.listen(0, '127.0.0.1', resolve));
  const address = target.address();
  if (address === null || typeof address === 'string') throw new Error('no target address');
  return { port: address.port, arrivals, accepted };
}

function collect(socket: Socket): Arrival[] {
  const got: Arrival[] = [];
  socket.on('data', (bytes: Buffer) => got.push({ at: performance.now(), bytes }));
  return got;
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const text = (arrivals: Arrival[]): string => Buffer.concat(arrivals.map((a) => a.bytes)).toString();

describe('delay proxy (bench/startup)', () => {
  it('forwards many separate writes both ways, in their order', async () => {
    const t = await startTarget();
    proxy = await startDelayProxy({ target: { host: '127.0.0.1', port: t.port }, oneWayDelayMs: 5 });
    const client = connect({ host: proxy.host, port: proxy.port, noDelay: true });
    const back = collect(client);
    const up = Array.from({ length: 60 }, (_, i) => `c${i};`);
    const down = Array.from({ length: 60 }, (_, i) => `s${i};`);
    client.write(up[0]!);
    const server = await t.accepted;
    // A millisecond apart, so the proxy reads them as separate chunks that could overtake each other.
    for (let i = 1; i < up.length; i++) {
      client.write(up[i]!);
      server.write(down[i - 1]!);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    server.write(down.at(-1)!);
    await until(() => text(t.arrivals).length === up.join('').length && text(back).length === down.join('').length);
    expect(text(t.arrivals)).toBe(up.join(''));
    expect(text(back)).toBe(down.join(''));
    expect(proxy.connections).toBe(1);
    client.destroy();
  });

  it('holds each hop at least the one-way delay, and the first bytes the emulated handshake too', async () => {
    const t = await startTarget();
    proxy = await startDelayProxy({ target: { host: '127.0.0.1', port: t.port }, oneWayDelayMs: DELAY_MS });
    // Before connect(): the proxy accepts later, so its handshake floor is later still.
    const dialedAt = performance.now();
    const client = connect({ host: proxy.host, port: proxy.port, noDelay: true });
    const back = collect(client);
    client.write('hello');
    await until(() => t.arrivals.length > 0);
    // SYN + SYN-ACK + the data's own trip (delay-proxy.ts, emulateHandshake).
    expect(t.arrivals[0]!.at - dialedAt).toBeGreaterThanOrEqual(3 * DELAY_MS);

    const server = await t.accepted;
    const sentDown = performance.now();
    server.write('world');
    await until(() => back.length > 0);
    expect(back[0]!.at - sentDown).toBeGreaterThanOrEqual(DELAY_MS);

    const sentUp = performance.now();
    client.write('again');
    await until(() => text(t.arrivals) === 'helloagain');
    expect(t.arrivals.at(-1)!.at - sentUp).toBeGreaterThanOrEqual(DELAY_MS);
    client.destroy();
  });

  it('passes a half-close through after the data before it', async () => {
    const t = await startTarget();
    proxy = await startDelayProxy({ target: { host: '127.0.0.1', port: t.port }, oneWayDelayMs: 5 });
    const client = connect({ host: proxy.host, port: proxy.port, allowHalfOpen: true });
    client.end('last words');
    const server = await t.accepted;
    const ended = new Promise<string>((resolve) => server.once('end', () => resolve(text(t.arrivals))));
    expect(await ended).toBe('last words');
    client.destroy();
  });
});
