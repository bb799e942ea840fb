// One HTTPS request/response exchange, shared by httpsRequest (whole body) and httpsStream (chunks):
// resolve through the resolver, connect to the address with the FQDN as Host and TLS name, the same
// TLS controls as upgradeTls, a scheduler timer, every failure mapped to a NetFailure.
import type { ClientRequest, IncomingMessage } from 'node:http';
import { request as httpsRequestRaw } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';
import { classifySocketError } from './classify-socket-error.ts';
import { classifyTlsHandshakeError, type HandshakeContext } from './classify-tls-error.ts';
import { messages, type Where } from './failure-messages.ts';
import type { HttpsAgentPool } from './https-agent-pool.ts';
import { netFailure, type NetFailure } from './net-failure.ts';
import { nodeErrorFacts } from './node-error.ts';
import { resolveAddress } from './resolve-address.ts';
import type { Resolver } from './resolver.ts';
import { tlsConnectionOptions, type TlsControls } from './tls-options.ts';

export interface HttpsExchangeOptions extends Omit<TlsControls, 'servername'> {
  /** https: only; there is no plain-HTTP fallback. */
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  resolver: Resolver;
  /** The name the certificate is checked against; default the URL's host. */
  servername?: string;
  timeoutMs: number;
  /** Keep-alive connection reuse; without a pool each request has its own connection. */
  agentPool?: HttpsAgentPool;
  scheduler?: SchedulerLike;
}

export interface HttpsResponseHead {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
}

export interface ExchangeHandlers {
  onResponse(response: IncomingMessage, head: HttpsResponseHead): void;
  onFailure(failure: NetFailure): void;
}

export interface Exchange {
  /** Stops the timer (e.g. once a stream's head arrived). */
  stopTimer(): void;
  /** Ends the exchange and closes its connection unless it finished cleanly. */
  close(): void;
  fail(failure: NetFailure): void;
  where: Where;
}

type Phase = 'connect' | 'handshake' | 'http';

function headersOf(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function classify(error: unknown, phase: Phase, ctx: HandshakeContext): NetFailure {
  if (phase === 'connect') return classifySocketError(error, ctx);
  if (phase === 'handshake') return classifyTlsHandshakeError(error, ctx);
  const { code, message } = nodeErrorFacts(error);
  if (code?.startsWith('HPE_')) return netFailure('http', ctx, messages.http(ctx, `sent an invalid HTTP response (${code})`), code);
  // Node's "socket hang up": the connection closed before a response started.
  if (message === 'socket hang up') return netFailure('closed', ctx, messages.closed(ctx, 'before the HTTPS response'), code ?? 'SOCKET_HANG_UP');
  return classifySocketError(error, ctx);
}

export function openHttpsExchange(options: HttpsExchangeOptions, handlers: ExchangeHandlers): Exchange {
  const scheduler = options.scheduler ?? asyncScheduler;
  let url: URL | undefined;
  try {
    url = new URL(options.url);
  } catch {
    url = undefined;
  }
  const host = url ? url.hostname.replace(/^\[(.*)\]$/, '$1') : options.url;
  const where: Where = { host, port: url?.port ? Number(url.port) : 443 };
  const servername = options.servername ?? host;
  const ctx: HandshakeContext = { ...where, servername, version: options.version };

  let settled = false;
  let request: ClientRequest | undefined;
  let timer: Subscription | undefined;
  let phase: Phase = 'connect';

  const exchange: Exchange = {
    where,
    stopTimer: () => timer?.unsubscribe(),
    close: () => {
      timer?.unsubscribe();
      if (!settled) {
        settled = true;
        request?.destroy();
      }
    },
    fail: (failure) => {
      if (settled) return;
      settled = true;
      timer?.unsubscribe();
      request?.destroy();
      handlers.onFailure(failure);
    },
  };

  if (!url || url.protocol !== 'https:') {
    // Never fall back to plain text (seed §1: the portal and XSI are HTTPS).
    settled = true;
    handlers.onFailure(netFailure('http', where, messages.http(where, `cannot be reached: "${url ? url.protocol : 'invalid URL'}" is not https:`), 'NOT_HTTPS'));
    return exchange;
  }
  const target = url;
  timer = scheduler.schedule(() => exchange.fail(netFailure('timeout', where, messages.requestTimeout(where, options.timeoutMs), 'REQUEST_TIMEOUT')), options.timeoutMs);

  void resolveAddress(options.resolver, host, where.port).then((resolution) => {
    if (settled) return;
    if (!resolution.ok) return exchange.fail(resolution.failure);
    const controls: TlsControls = { servername, version: options.version, ca: options.ca, allowObsoleteTls: options.allowObsoleteTls };
    const body = options.body === undefined ? undefined : typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : options.body;
    const headers: Record<string, string> = { host: target.host, ...options.headers };
    if (body !== undefined) headers['content-length'] = String(body.byteLength);
    try {
      request = httpsRequestRaw({
        host: resolution.address,
        port: where.port,
        method: options.method,
        path: `${target.pathname}${target.search}`,
        headers,
        agent: options.agentPool ? options.agentPool.agentFor({ host, port: where.port, ...controls }) : false,
        ...tlsConnectionOptions(controls),
      });
    } catch (error) {
      return exchange.fail(netFailure('http', where, messages.http(where, `request could not be made (${nodeErrorFacts(error).message})`), nodeErrorFacts(error).code));
    }
    request.on('socket', (socket) => {
      const tlsSocket = socket as TLSSocket;
      if (tlsSocket.authorized) {
        phase = 'http'; // a verified keep-alive connection, reused
        return;
      }
      phase = socket.connecting ? 'connect' : 'handshake';
      socket.once('connect', () => {
        if (phase === 'connect') phase = 'handshake';
      });
      socket.once('secureConnect', () => {
        phase = 'http';
      });
    });
    request.on('error', (error) => exchange.fail(classify(error, phase, ctx)));
    request.on('response', (response) => {
      if (settled) return void response.resume();
      response.on('error', (error) => exchange.fail(classify(error, 'http', ctx)));
      response.on('close', () => {
        if (!response.complete) exchange.fail(netFailure('reset', where, messages.reset(where), 'RESPONSE_CUT'));
      });
      response.on('end', () => {
        if (settled) return;
        settled = true;
        timer?.unsubscribe();
      });
      handlers.onResponse(response, { status: response.statusCode ?? 0, headers: headersOf(response) });
    });
    request.end(body);
  });

  return exchange;
}
