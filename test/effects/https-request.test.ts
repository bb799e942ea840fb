import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { lastValueFrom, toArray, VirtualTimeScheduler } from 'rxjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpsAgentPool, type HttpsAgentPool } from '../../src/effects/https-agent-pool.ts';
import { httpsRequest, type HttpsRequestOptions } from '../../src/effects/https-request.ts';
import { httpsStream } from '../../src/effects/https-stream.ts';
import type { NetFailure } from '../../src/effects/net-failure.ts';
import { createHostMapResolver } from '../../src/effects/resolver.ts';
import { failureOf, first } from './support/collect.ts';
import { keyPair, makeLabCertificates, type LabCertificates } from './support/lab-certificates.ts';
import { closeAllServers, closedPort, httpsServer, plainServer, tlsServer } from './support/loopback.ts';

const resolver = createHostMapResolver({ 'xsi.lab.test': '127.0.0.1', 'portal.lab.test': '127.0.0.1' });
let certs: LabCertificates;
let pool: HttpsAgentPool | undefined;

beforeAll(async () => {
  certs = await makeLabCertificates();
});
afterEach(async () => {
  pool?.destroy();
  pool = undefined;
  await closeAllServers();
});

const xsiCertificate = () => keyPair(certs.wildcard);
const options = (port: number, extra: Partial<HttpsRequestOptions> = {}): HttpsRequestOptions => ({
  url: `https://xsi.lab.test:${port}/com.broadsoft.xsi-actions/v2.0/user/alice/profile?x=1`,
  method: 'GET',
  resolver,
  ca: [certs.caPem],
  timeoutMs: 5000,
  ...extra,
});

function describeRequest(request: IncomingMessage, response: ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (c: Buffer) => chunks.push(c));
  request.on('end', () => {
    response.setHeader('x-seen', 'yes');
    response.end(JSON.stringify({ method: request.method, url: request.url, host: request.headers.host, body: Buffer.concat(chunks).toString() }));
  });
}

describe('httpsRequest', () => {
  it('sends the request to the FQDN through the host map and returns status, headers and body', async () => {
    const server = await httpsServer(xsiCertificate(), describeRequest);
    const response = await first(httpsRequest(options(server.port, { method: 'POST', body: '<xsi/>', headers: { 'content-type': 'application/xml' } })));
    expect(response.status).toBe(200);
    expect(response.headers['x-seen']).toBe('yes');
    expect(JSON.parse(Buffer.from(response.body).toString())).toEqual({
      method: 'POST',
      url: '/com.broadsoft.xsi-actions/v2.0/user/alice/profile?x=1',
      host: `xsi.lab.test:${server.port}`,
      body: '<xsi/>',
    });
  });

  it('returns an HTTP error status as an answer, not a failure', async () => {
    const server = await httpsServer(xsiCertificate(), (_req, res) => {
      res.statusCode = 401;
      res.end('no');
    });
    const response = await first(httpsRequest(options(server.port)));
    expect(response.status).toBe(401);
    expect(Buffer.from(response.body).toString()).toBe('no');
  });

  it('reuses one keep-alive connection for two requests to the same server', async () => {
    const server = await httpsServer(xsiCertificate(), describeRequest);
    pool = createHttpsAgentPool();
    await first(httpsRequest(options(server.port, { agentPool: pool })));
    await first(httpsRequest(options(server.port, { agentPool: pool })));
    expect(server.connections()).toBe(1);
  });

  it('opens a connection per request without a pool', async () => {
    const server = await httpsServer(xsiCertificate(), describeRequest);
    await first(httpsRequest(options(server.port)));
    await first(httpsRequest(options(server.port)));
    expect(server.connections()).toBe(2);
  });

  it('keeps connections with different TLS controls apart', async () => {
    const server = await httpsServer(xsiCertificate(), describeRequest);
    pool = createHttpsAgentPool();
    await first(httpsRequest(options(server.port, { agentPool: pool, version: 'TLSv1.2' })));
    await first(httpsRequest(options(server.port, { agentPool: pool, version: 'TLSv1.3' })));
    expect(server.connections()).toBe(2);
    expect(pool.size).toBe(2);
  });

  it('applies the pinned version: a TLS 1.3-only server refuses a client pinned to TLS 1.2', async () => {
    const server = await httpsServer({ ...xsiCertificate(), minVersion: 'TLSv1.3' }, describeRequest);
    const failure = await failureOf(httpsRequest(options(server.port, { version: 'TLSv1.2' })));
    expect(failure).toMatchObject({ kind: 'tls-version', host: 'xsi.lab.test', port: server.port });
    const ok = await first(httpsRequest(options(server.port, { version: 'TLSv1.3' })));
    expect(ok.status).toBe(200);
  });

  it('checks the certificate against the configured servername', async () => {
    const server = await httpsServer(keyPair(certs.certificateHost), describeRequest);
    const failure = await failureOf(httpsRequest(options(server.port)));
    expect(failure.kind).toBe('tls-certificate-name');
    const ok = await first(httpsRequest(options(server.port, { servername: 'oci-cert.lab.test' })));
    expect(ok.status).toBe(200);
  });

  it('refuses a certificate from an untrusted CA and, by default, the lab CA itself', async () => {
    const untrusted = await httpsServer(keyPair(certs.untrusted), describeRequest);
    expect((await failureOf(httpsRequest(options(untrusted.port)))).kind).toBe('tls-certificate-untrusted');
    const lab = await httpsServer(xsiCertificate(), describeRequest);
    expect((await failureOf(httpsRequest(options(lab.port, { ca: undefined })))).kind).toBe('tls-certificate-untrusted');
  });

  it('reports refused, dns and non-https URLs as typed failures', async () => {
    const port = await closedPort();
    expect(await failureOf(httpsRequest(options(port)))).toMatchObject({ kind: 'refused', port });
    expect(await failureOf(httpsRequest({ ...options(port), url: 'https://nowhere.lab.test/' }))).toMatchObject({ kind: 'dns', host: 'nowhere.lab.test', port: 443 });
    expect(await failureOf(httpsRequest({ ...options(port), url: `http://xsi.lab.test:${port}/` }))).toMatchObject({ kind: 'http', cause: 'NOT_HTTPS' });
  });

  it('reports a plain port answering in plain HTTP as tls-version (not TLS)', async () => {
    const server = await plainServer((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    const failure = await failureOf(httpsRequest(options(server.port)));
    expect(failure).toMatchObject({ kind: 'tls-version', cause: 'ERR_SSL_WRONG_VERSION_NUMBER' });
  });

  it('reports a server closing before answering as closed, and an invalid response as http', async () => {
    const closing = await tlsServer(xsiCertificate(), (s) => s.once('data', () => s.end()));
    expect((await failureOf(httpsRequest(options(closing.port)))).kind).toBe('closed');
    const garbage = await tlsServer(xsiCertificate(), (s) => s.once('data', () => s.end('NOT HTTP AT ALL\r\n\r\n')));
    expect((await failureOf(httpsRequest(options(garbage.port)))).kind).toBe('http');
  });

  it('reports a body over the limit as http', async () => {
    const server = await httpsServer(xsiCertificate(), (_req, res) => res.end(Buffer.alloc(4096)));
    const failure = await failureOf(httpsRequest(options(server.port, { maxBodyBytes: 1024 })));
    expect(failure).toMatchObject({ kind: 'http', cause: 'BODY_TOO_LARGE' });
  });

  it('times out after exactly timeoutMs of scheduler time when no answer comes, closing the connection', async () => {
    let requested!: () => void;
    const arrived = new Promise<void>((resolve) => (requested = resolve));
    const server = await httpsServer(xsiCertificate(), () => requested()); // never answers
    const scheduler = new VirtualTimeScheduler();
    const events: string[] = [];
    httpsRequest(options(server.port, { scheduler, timeoutMs: 10_000 })).subscribe({
      next: () => events.push('next'),
      error: (failure: NetFailure) => events.push(`error:${failure.kind}`),
    });
    await arrived;
    scheduler.maxFrames = 9_999;
    scheduler.flush();
    expect(events).toEqual([]);
    scheduler.maxFrames = 10_000;
    scheduler.flush();
    expect(events).toEqual(['error:timeout']);
    const peer = await server.socket(0);
    if (!peer.destroyed) await once(peer, 'close');
  });
});

describe('httpsStream', () => {
  it('emits the response head first, then chunks as they come, and completes at the end', async () => {
    const server = await httpsServer(xsiCertificate(), (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.write('<Channel/>');
      setImmediate(() => res.end('<ChannelHeartBeat/>'));
    });
    const events = await lastValueFrom(httpsStream(options(server.port, { method: 'POST' })).pipe(toArray()));
    expect(events[0]).toMatchObject({ type: 'response', status: 200, headers: { 'content-type': 'application/xml' } });
    const text = events
      .slice(1)
      .map((e) => (e.type === 'chunk' ? Buffer.from(e.bytes).toString() : '?'))
      .join('');
    expect(text).toBe('<Channel/><ChannelHeartBeat/>');
  });

  it('does not time out once the head has arrived, and closes the connection when unsubscribed', async () => {
    const server = await httpsServer(xsiCertificate(), (_req, res) => {
      res.writeHead(200);
      res.write('<Channel/>');
    });
    const scheduler = new VirtualTimeScheduler();
    const kinds: string[] = [];
    let gotChunk!: () => void;
    const chunk = new Promise<void>((resolve) => (gotChunk = resolve));
    const subscription = httpsStream(options(server.port, { scheduler, timeoutMs: 1000 })).subscribe({
      next: (event) => {
        kinds.push(event.type);
        if (event.type === 'chunk') gotChunk();
      },
      error: (failure: NetFailure) => kinds.push(`error:${failure.kind}`),
    });
    await chunk;
    scheduler.flush();
    expect(kinds).toEqual(['response', 'chunk']);
    subscription.unsubscribe();
    const peer = await server.socket(0);
    if (!peer.destroyed) await once(peer, 'close');
  });

  it('reports a connection cut mid-stream as reset', async () => {
    const server = await httpsServer(xsiCertificate(), (req, res) => {
      res.writeHead(200);
      res.write('<Channel/>', () => setImmediate(() => req.socket.destroy()));
    });
    const failure = await failureOf(httpsStream(options(server.port)));
    expect(failure.kind).toBe('reset');
  });
});
