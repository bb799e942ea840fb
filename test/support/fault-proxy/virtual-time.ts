// Driving live clients on a VirtualClock (issue 10 item 6): the clock only moves when told to, the
// sockets are real. Before each move the network must have caught up with the last one — every
// connection out of its waiting states (connecting, securing, authenticating, awaiting a keepalive
// answer) and no byte crossing any proxy for a few polls — so a virtual timeout never fires for an
// answer that is merely still on its way in real time. A connection that really gets no answer (a
// half-open fault) is given a bounded real wait, then the clock moves and its timeout decides.
import type { UnityClient } from '../../../src/client/create-unity-client.ts';
import type { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import type { FaultProxy } from './fault-proxy.ts';

/** States in which a connection waits for the network, not for the clock. */
const WAITING = /^(connecting|securing|authenticating|online\.awaitingAck)$/;
const CONNECTIONS = ['oci', 'cap', 'cti', 'imp', 'xmpp'];

export interface VirtualWorld {
  clock: VirtualClock;
  clients: readonly UnityClient[];
  proxies: readonly FaultProxy[];
}

/** One turn of the event loop, I/O included (setImmediate runs after the poll phase). */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function waitingConnections(client: UnityClient): string[] {
  const states = client.log.entries.at(-1)?.states ?? {};
  // CAP's connect waits for OCI's login (seed §2.2: CAP rides on OCI's connection) on the clock,
  // bounded: while OCI is not online that is a wait for time, not for the network.
  const waits = (name: string): boolean => WAITING.test(states[name] ?? '') && !(name === 'cap' && states['cap'] === 'connecting' && !/^online/.test(states['oci'] ?? ''));
  return CONNECTIONS.filter(waits);
}

function traffic(world: VirtualWorld): number {
  let n = 0;
  for (const p of world.proxies) n += p.stats.up + p.stats.down + p.stats.accepted;
  for (const c of world.clients) n += c.log.entries.length;
  return n;
}

/**
 * Waits (real time) until no connection waits for the network and the proxies have been quiet for
 * `quietPolls` polls, or `maxWaitMs` passed (then whatever still waits is left to its timeout).
 */
export async function settle(world: VirtualWorld, options: { quietPolls?: number; maxWaitMs?: number } = {}): Promise<void> {
  // Loopback I/O between the client, a proxy and a lab server in this process takes a handful of
  // turns; an external server (Prosody) is covered by the waiting states (a keepalive awaits its pong).
  const quietPolls = options.quietPolls ?? 40;
  const end = Date.now() + (options.maxWaitMs ?? 1_500);
  let last = traffic(world);
  let quiet = 0;
  while (Date.now() < end) {
    await tick();
    const now = traffic(world);
    quiet = now === last ? quiet + 1 : 0;
    last = now;
    if (quiet >= quietPolls && world.clients.every((c) => waitingConnections(c).length === 0)) return;
  }
}

/**
 * Moves the clock `ms` forward, timer by timer (timers due within `batchMs` of each other fire
 * together; default 0: one due time at a time), settling the network after each move.
 */
export async function runFor(world: VirtualWorld, ms: number, options: { batchMs?: number; maxWaitMs?: number } = {}): Promise<void> {
  const { clock } = world;
  const until = clock.now() + ms;
  const batch = options.batchMs ?? 0;
  await settle(world, options);
  for (let next = clock.nextDueTime(); next !== undefined && next <= until; next = clock.nextDueTime()) {
    clock.advanceTo(Math.min(until, Math.max(next, Math.min(next + batch, until))));
    await settle(world, options);
  }
  if (clock.now() < until) clock.advanceTo(until);
  await settle(world, options);
}

/**
 * Moves the clock timer by timer until `done()` holds (checked after each settled move) or `maxMs`
 * passed; returns whether it holds.
 */
export async function runUntil(world: VirtualWorld, done: () => boolean, maxMs: number, options: { maxWaitMs?: number } = {}): Promise<boolean> {
  const { clock } = world;
  const until = clock.now() + maxMs;
  await settle(world, options);
  for (let next = clock.nextDueTime(); !done() && next !== undefined && next <= until; next = clock.nextDueTime()) {
    clock.advanceTo(next);
    await settle(world, options);
  }
  return done();
}

/**
 * Stops clients whose polite closes (a logout, a BYE) may wait for answers on dead links: those
 * waits are bounded on the session clock, so the clock moves on until every stop() is done.
 */
export async function stopOnClock(world: Pick<VirtualWorld, 'clock'>, clients: readonly UnityClient[]): Promise<void> {
  let done = false;
  const stopping = Promise.all(clients.map((c) => c.stop())).finally(() => {
    done = true;
  });
  for (let i = 0; !done && i < 1_000; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (!done) world.clock.advance(1_000);
  }
  await stopping;
}
