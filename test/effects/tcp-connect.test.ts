import { connect as netConnect, Socket } from 'node:net';
import { once } from 'node:events';
import { VirtualTimeScheduler, type Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTcp } from '../../src/effects/tcp-connect.ts';
import { createHostMapResolver } from '../../src/effects/resolver.ts';
import { closeAllServers, closedPort, plainServer } from './support/loopback.ts';
import { failureOf, first, textOf } from './support/collect.ts';

const resolver = createHostMapResolver({ 'ocs.lab.test': '127.0.0.1', 'cti.lab.test': '127.0.0.1' });

afterEach(closeAllServers);

describe('connectTcp', () => {
  it('connects to a lab FQDN through the host map and exchanges bytes both ways', async () => {
    const server = await plainServer((socket) => socket.on('data', (d) => socket.end(`echo:${d.toString()}`)));
    const socket = await first(connectTcp({ host: 'ocs.lab.test', port: server.port, resolver, timeoutMs: 5000 }));
    expect(socket.info).toEqual({ host: 'ocs.lab.test', address: '127.0.0.1', port: server.port, tls: null });
    socket.write('hello');
    expect(await textOf(socket.data$)).toBe('echo:hello');
  });

  it('keeps bytes that arrive before anyone subscribes, then completes on peer close', async () => {
    const server = await plainServer((socket) => socket.end('<BroadsoftDocument>early</BroadsoftDocument>'));
    let raw: Socket | undefined;
    const socket = await first(
      connectTcp({
        host: 'ocs.lab.test',
        port: server.port,
        resolver,
        timeoutMs: 5000,
        createSocket: (address, port) => (raw = netConnect({ host: address, port })),
      }),
    );
    await once(raw as Socket, 'end'); // every byte has been read from the socket by now
    expect(await textOf(socket.data$)).toBe('<BroadsoftDocument>early</BroadsoftDocument>');
  });

  it('hands the backlog to the next subscriber after one unsubscribes', async () => {
    const server = await plainServer();
    const socket = await first(connectTcp({ host: 'ocs.lab.test', port: server.port, resolver, timeoutMs: 5000 }));
    let subscription: Subscription | undefined;
    const firstChunk = new Promise<string>((resolve) => {
      subscription = socket.data$.subscribe((chunk) => resolve(Buffer.from(chunk).toString()));
    });
    const peer = await server.socket(0);
    peer.write('one');
    expect(await firstChunk).toBe('one');
    subscription?.unsubscribe();
    peer.end('two');
    await once(peer, 'close');
    expect(await textOf(socket.data$)).toBe('two');
  });

  it('reports a refused connection as refused', async () => {
    const port = await closedPort();
    const failure = await failureOf(connectTcp({ host: 'ocs.lab.test', port, resolver, timeoutMs: 5000 }));
    expect(failure).toMatchObject({ kind: 'refused', host: 'ocs.lab.test', port, cause: 'ECONNREFUSED' });
    expect(failure.message).toContain(`ocs.lab.test:${port}`);
  });

  it('reports a port outside 1–65535 as refused, before any I/O', async () => {
    const failure = await failureOf(connectTcp({ host: 'ocs.lab.test', port: 70_000, resolver, timeoutMs: 5000 }));
    expect(failure).toMatchObject({ kind: 'refused', cause: 'BAD_PORT', port: 70_000 });
  });

  it('reports a name missing from the host map as dns, without touching real DNS', async () => {
    const failure = await failureOf(connectTcp({ host: 'missing.lab.test', port: 2208, resolver, timeoutMs: 5000 }));
    expect(failure).toMatchObject({ kind: 'dns', host: 'missing.lab.test', port: 2208, cause: 'HOST_MAP_MISS' });
    expect(failure.message).toContain('missing.lab.test');
  });

  it('reports a resolver error or a non-address answer as dns', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' });
    const rejecting = await failureOf(connectTcp({ host: 'x.lab.test', port: 1, resolver: () => Promise.reject(notFound), timeoutMs: 5000 }));
    expect(rejecting).toMatchObject({ kind: 'dns', cause: 'ENOTFOUND' });
    const nameNotAddress = await failureOf(connectTcp({ host: 'x.lab.test', port: 1, resolver: () => 'elsewhere.example', timeoutMs: 5000 }));
    expect(nameNotAddress).toMatchObject({ kind: 'dns', cause: 'BAD_RESOLUTION' });
  });

  it('times out after exactly timeoutMs on the injected scheduler and closes the socket', async () => {
    const scheduler = new VirtualTimeScheduler();
    const pending = new Socket(); // never connects
    const events: string[] = [];
    connectTcp({ host: 'ocs.lab.test', port: 2208, resolver, timeoutMs: 5000, scheduler, createSocket: () => pending }).subscribe({
      next: () => events.push('next'),
      error: (failure) => events.push(`error:${failure.kind}`),
    });
    await new Promise((resolve) => setImmediate(resolve)); // let the resolver answer
    scheduler.maxFrames = 4999;
    scheduler.flush();
    expect(events).toEqual([]);
    scheduler.maxFrames = 5000;
    scheduler.flush();
    expect(events).toEqual(['error:timeout']);
    expect(pending.destroyed).toBe(true);
  });

  it('aborts when unsubscribed before connecting: socket closed, no timer left', async () => {
    const scheduler = new VirtualTimeScheduler();
    const pending = new Socket();
    const events: string[] = [];
    const subscription = connectTcp({ host: 'ocs.lab.test', port: 2208, resolver, timeoutMs: 5000, scheduler, createSocket: () => pending }).subscribe({
      error: (failure) => events.push(`error:${failure.kind}`),
    });
    await new Promise((resolve) => setImmediate(resolve));
    subscription.unsubscribe();
    scheduler.flush();
    expect(events).toEqual([]);
    expect(pending.destroyed).toBe(true);
    expect(scheduler.actions).toHaveLength(0);
  });

  it('reports a reset connection as reset on data$', async () => {
    const server = await plainServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const socket = await first(connectTcp({ host: 'ocs.lab.test', port: server.port, resolver, timeoutMs: 5000 }));
    socket.write('<BroadsoftDocument/>');
    const failure = await failureOf(socket.data$);
    expect(failure).toMatchObject({ kind: 'reset', host: 'ocs.lab.test', port: server.port, cause: 'ECONNRESET' });
  });

  it('reports TLS bytes as the first answer on a plain socket as tls-expected (seed §5.2)', async () => {
    // A TLS-only port (a JSSE server such as BroadWorks) answers plain text with a fatal TLS alert record.
    const alert = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0a]);
    const server = await plainServer((socket) => socket.once('data', () => socket.end(alert)));
    const socket = await first(connectTcp({ host: 'ocs.lab.test', port: server.port, resolver, timeoutMs: 5000 }));
    socket.write('<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="OCI"/>');
    const failure = await failureOf(socket.data$);
    expect(failure.kind).toBe('tls-expected');
    expect(failure.message).toContain(`answered with TLS; it only accepts TLS on this port`);
    expect(failure.message).toContain(`ocs.lab.test:${server.port}`);
  });

  it('does not mistake plain text for TLS', async () => {
    const server = await plainServer((socket) => socket.end('\u0016 not a record'));
    const socket = await first(connectTcp({ host: 'ocs.lab.test', port: server.port, resolver, timeoutMs: 5000 }));
    expect(await textOf(socket.data$)).toBe('\u0016 not a record');
  });

  it('ignores writes after the socket is destroyed', async () => {
    const server = await plainServer();
    const socket = await first(connectTcp({ host: 'ocs.lab.test', port: server.port, resolver, timeoutMs: 5000 }));
    socket.destroy();
    expect(() => socket.write('late')).not.toThrow();
    expect(await textOf(socket.data$)).toBe('');
  });
});
