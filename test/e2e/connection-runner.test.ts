// The generic connection runner over real loopback sockets, with a recording dispatcher: answers
// carry the request's attempt, an abandoned attempt's result is never dispatched (its socket is
// closed), a drop is reported once per attempt, and a local close is never reported as a drop.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionDriver } from '../../src/adapters/runtime/connection-driver.ts';
import { createConnectionRunner } from '../../src/adapters/runtime/connection-runner.ts';
import { createHostMapResolver } from '../../src/effects/resolver.ts';
import type { LoggedEvent } from '../../src/machines/log/log-entry.ts';

let server: Server;
let port: number;
const accepted: Socket[] = [];

beforeEach(async () => {
  server = createServer((socket) => accepted.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterEach(async () => {
  for (const s of accepted.splice(0)) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});

function setup() {
  const dispatched: Array<{ target: string; event: LoggedEvent }> = [];
  const driver: ConnectionDriver = {
    async authenticate(ctx) {
      ctx.socket!.data$.subscribe({
        complete: () => {
          ctx.dropped({ kind: 'peer-closed', message: 'closed' });
          ctx.dropped({ kind: 'peer-closed', message: 'closed again' });
        },
      });
      return { type: 'AUTH.OK' };
    },
    keepalive: async () => true,
    close: async () => undefined,
  };
  const runner = createConnectionRunner({
    name: 'cti',
    system: { dispatch: (target, event) => void dispatched.push({ target, event }) },
    driver,
    net: { resolver: createHostMapResolver({ 'cti.test': '127.0.0.1' }), ca: [], connectTimeoutMs: 2_000, tlsTimeoutMs: 2_000 },
  });
  return { runner, dispatched };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('connection runner', () => {
  it('answers with the attempt number and never dispatches an abandoned attempt', async () => {
    const { runner, dispatched } = setup();
    runner.handle({ type: 'effect.connect', connection: 'cti', attempt: 1, host: 'cti.test', port });
    runner.handle({ type: 'effect.connect', connection: 'cti', attempt: 2, host: 'cti.test', port });
    await until(() => accepted.length === 2 && dispatched.length >= 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(dispatched).toEqual([{ target: 'cti', event: { type: 'TRANSPORT.CONNECTED', attempt: 2 } }]);
    // The abandoned attempt's socket was closed.
    await until(() => accepted.some((s) => s.readableEnded || s.destroyed));
  });

  it('reports a drop once per attempt, and nothing after a local close', async () => {
    const { runner, dispatched } = setup();
    runner.handle({ type: 'effect.connect', connection: 'cti', attempt: 3, host: 'cti.test', port });
    await until(() => dispatched.length === 1);
    runner.handle({ type: 'effect.authenticate', connection: 'cti', attempt: 3 });
    await until(() => dispatched.length === 2);
    accepted[0]!.end();
    await until(() => dispatched.length === 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(dispatched.map((d) => d.event)).toEqual([
      { type: 'TRANSPORT.CONNECTED', attempt: 3 },
      { type: 'AUTH.OK', attempt: 3 },
      { type: 'TRANSPORT.DROPPED', attempt: 3, failure: { kind: 'peer-closed', message: 'closed' } },
    ]);

    runner.handle({ type: 'effect.connect', connection: 'cti', attempt: 4, host: 'cti.test', port });
    await until(() => dispatched.length === 4);
    runner.handle({ type: 'effect.authenticate', connection: 'cti', attempt: 4 });
    await until(() => dispatched.length === 5);
    runner.handle({ type: 'effect.close', connection: 'cti', attempt: 4, reason: 'user' });
    await runner.settled();
    await new Promise((r) => setTimeout(r, 50));
    expect(dispatched).toHaveLength(5);
  });

  it('reports a refused connect as TRANSPORT.FAILED with the attempt', async () => {
    const { runner, dispatched } = setup();
    const closed = port;
    await new Promise((resolve) => server.close(resolve));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    runner.handle({ type: 'effect.connect', connection: 'cti', attempt: 1, host: 'cti.test', port: closed });
    await until(() => dispatched.length === 1);
    expect(dispatched[0]!.event).toMatchObject({ type: 'TRANSPORT.FAILED', attempt: 1, failure: { kind: 'refused' } });
  });
});
