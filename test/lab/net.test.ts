import { describe, it, expect, beforeAll, afterEach } from 'vitest';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { createLabPki, type ServerCertificate } from '../../src/lab/pki/index.ts';
import {
  startLabTcpServer,
  labHostMap,
  hostMapLookup,
  parseLabFault,
  findClosedPort,
  type LabTcpServer,
  type LabTlsOptions,
} from '../../src/lab/net/index.ts';

let caCertPem: string;
let cert: ServerCertificate;
const started: LabTcpServer[] = [];
const clients: net.Socket[] = [];

beforeAll(async () => {
  const pki = await createLabPki();
  caCertPem = pki.caCertPem;
  cert = await pki.issueServerCertificate({ dnsNames: ['ocs.lab.test'] });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

/** A line protocol: answers `echo:<line>`; a `LOGIN` line is its "login document". */
async function echoServer(tlsOptions?: Partial<LabTlsOptions> | false, plain = true): Promise<LabTcpServer> {
  const server = await startLabTcpServer({
    name: 'echo',
    host: 'ocs.lab.test',
    plain,
    tls: tlsOptions === false || tlsOptions === undefined ? undefined : { certPem: cert.certPem, keyPem: cert.keyPem, ...tlsOptions },
    onConnection: (connection) => {
      let buffer = '';
      return {
        onData(chunk) {
          buffer += chunk.toString('utf8');
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (line === 'LOGIN' && !connection.loginDocumentRead()) return;
            if (line === 'BOOM') throw new Error('handler failure');
            connection.send(`echo:${line}\n`);
          }
        },
      };
    },
  });
  started.push(server);
  return server;
}

/** A client socket with a line reader. */
function lines(socket: net.Socket): { next(): Promise<string>; closed: Promise<void> } {
  clients.push(socket);
  let buffer = '';
  const queue: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else queue.push(line);
    }
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    next: () => {
      const line = queue.shift();
      return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiters.push(resolve));
    },
    closed,
  };
}

function connectPlain(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: 'ocs.lab.test', port, lookup: hostMapLookup(labHostMap()) });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

function connectTls(port: number, options: tls.ConnectionOptions = {}): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: 'ocs.lab.test',
      port,
      lookup: hostMapLookup(labHostMap()),
      ca: [caCertPem],
      ...options,
    });
    clients.push(socket);
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

function connectError(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

describe('lab host map', () => {
  it('maps every lab FQDN to loopback and refuses names outside the map', async () => {
    const map = labHostMap();
    expect(Object.keys(map).sort()).toEqual(
      ['cti.lab.test', 'im.lab.test', 'ocs.lab.test', 'portal.lab.test', 'xmpp.lab.test', 'xsp.lab.test'],
    );
    expect(new Set(Object.values(map))).toEqual(new Set(['127.0.0.1']));
    const lookup = hostMapLookup(map);
    const result = await new Promise<string>((resolve) =>
      lookup('nowhere.example', {}, (err) => resolve(err ? (err.code ?? '') : 'found')),
    );
    expect(result).toBe('ENOTFOUND');
  });
});

describe('lab TCP server base', () => {
  it('serves plain and TLS on ephemeral loopback ports, verifying the lab certificate by name', async () => {
    const server = await echoServer({});
    expect(server.endpoints.plain?.port).toBeGreaterThan(0);
    expect(server.endpoints.tls?.port).toBeGreaterThan(0);
    const plain = lines(await connectPlain(server.endpoints.plain!.port));
    clients.at(-1)!.write('hi\n');
    expect(await plain.next()).toBe('echo:hi');
    const secured = await connectTls(server.endpoints.tls!.port);
    const reader = lines(secured);
    secured.write('secret\n');
    expect(await reader.next()).toBe('echo:secret');
  });

  it('a TLS-1.3-only server refuses a client pinned to TLS 1.2 and accepts TLS 1.3', async () => {
    const server = await echoServer({ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' }, false);
    expect(server.endpoints.plain).toBeUndefined();
    const port = server.endpoints.tls!.port;
    await expect(connectTls(port, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })).rejects.toThrow();
    const ok = await connectTls(port, { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' });
    expect(ok.getProtocol()).toBe('TLSv1.3');
  });

  it('a TLS-only server on the port given as plain: a plain client gets no readable answer', async () => {
    const server = await echoServer({}, false);
    const socket = await connectPlain(server.endpoints.tls!.port);
    const received: Buffer[] = [];
    socket.on('data', (b: Buffer) => received.push(b));
    socket.write('<?xml version="1.0"?><BroadsoftDocument/>\n');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(Buffer.concat(received).toString('latin1')).not.toContain('echo:');
  });

  it('drop-all destroys every open connection', async () => {
    const server = await echoServer({});
    const a = lines(await connectPlain(server.endpoints.plain!.port));
    const b = lines(await connectTls(server.endpoints.tls!.port));
    await server.fault({ type: 'drop-all' });
    await Promise.all([a.closed, b.closed]);
    expect(server.connectionCount).toBe(0);
  });

  it('refuse-new makes connects fail with ECONNREFUSED, keeps open connections, and clear listens again on the same port', async () => {
    const server = await echoServer();
    const port = server.endpoints.plain!.port;
    const socket = await connectPlain(port);
    const open = lines(socket);
    await server.fault({ type: 'refuse-new' });
    expect(await connectError(port)).toBe('ECONNREFUSED');
    socket.write('still\n');
    expect(await open.next()).toBe('echo:still');
    await server.fault({ type: 'clear' });
    expect(server.endpoints.plain!.port).toBe(port);
    const again = await connectPlain(port);
    const reader = lines(again);
    again.write('back\n');
    expect(await reader.next()).toBe('echo:back');
  });

  it('half-open swallows input on open connections and answers again after clear', async () => {
    const server = await echoServer();
    const socket = await connectPlain(server.endpoints.plain!.port);
    const reader = lines(socket);
    await server.fault({ type: 'half-open' });
    socket.write('lost\n');
    await expect.poll(() => server.ignoredBytes).toBe(5);
    await server.fault({ type: 'clear' });
    socket.write('seen\n');
    expect(await reader.next()).toBe('echo:seen');
  });

  it('half-open accepts new connections but never reads them', async () => {
    const server = await echoServer();
    await server.fault({ type: 'half-open' });
    const socket = await connectPlain(server.endpoints.plain!.port);
    const reader = lines(socket);
    await expect.poll(() => server.connectionCount).toBe(1);
    socket.write('hello\n');
    await server.fault({ type: 'clear' });
    // The paused socket stays dead after clear; a fresh one is served.
    const fresh = await connectPlain(server.endpoints.plain!.port);
    const freshReader = lines(fresh);
    fresh.write('x\n');
    expect(await freshReader.next()).toBe('echo:x');
    expect(socket.bytesRead).toBe(0);
    void reader;
  });

  it('delay holds each answer back by at least the given time, in order', async () => {
    const server = await echoServer();
    const socket = await connectPlain(server.endpoints.plain!.port);
    const reader = lines(socket);
    await server.fault(parseLabFault('delay:150'));
    const sentAt = Date.now();
    socket.write('one\ntwo\n');
    expect(await reader.next()).toBe('echo:one');
    expect(await reader.next()).toBe('echo:two');
    // A lower bound only: the answer cannot come before the delay.
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(140);
  });

  it('close-mid-tls hangs up after the ClientHello, before any server handshake bytes', async () => {
    const server = await echoServer({});
    await server.fault({ type: 'close-mid-tls' });
    const error = await connectTls(server.endpoints.tls!.port).then(
      () => 'connected',
      (err: NodeJS.ErrnoException) => err.code ?? err.message,
    );
    expect(error).toBe('ECONNRESET');
    await server.fault({ type: 'clear' });
    await expect(connectTls(server.endpoints.tls!.port)).resolves.toBeDefined();
  });

  it('close-mid-login closes the connection right after the first login document, unanswered', async () => {
    const server = await echoServer();
    await server.fault({ type: 'close-mid-login' });
    const socket = await connectPlain(server.endpoints.plain!.port);
    const reader = lines(socket);
    socket.write('hello\n');
    expect(await reader.next()).toBe('echo:hello');
    const received: string[] = [];
    socket.on('data', (d: string) => received.push(d));
    socket.write('LOGIN\n');
    await reader.closed;
    expect(received).toEqual([]);
  });

  it('a protocol handler that throws ends only its own connection', async () => {
    const server = await echoServer();
    const bad = lines(await connectPlain(server.endpoints.plain!.port));
    const badSocket = clients.at(-1)!;
    const good = await connectPlain(server.endpoints.plain!.port);
    const goodReader = lines(good);
    badSocket.write('BOOM\n');
    await bad.closed;
    good.write('ok\n');
    expect(await goodReader.next()).toBe('echo:ok');
  });

  it('stop closes listeners and connections', async () => {
    const server = await echoServer();
    const port = server.endpoints.plain!.port;
    const open = lines(await connectPlain(port));
    await server.stop();
    await open.closed;
    expect(await connectError(port)).toBe('ECONNREFUSED');
  });

  it('findClosedPort gives a port on which connects are refused', async () => {
    expect(await connectError(await findClosedPort())).toBe('ECONNREFUSED');
  });

  it('parseLabFault reads words and objects and refuses unknown faults', () => {
    expect(parseLabFault('drop-all')).toEqual({ type: 'drop-all' });
    expect(parseLabFault({ type: 'delay', ms: 20 })).toEqual({ type: 'delay', ms: 20 });
    expect(() => parseLabFault('explode')).toThrow(/unknown fault/);
    expect(() => parseLabFault('delay:-1')).toThrow(/delay/);
  });
});
