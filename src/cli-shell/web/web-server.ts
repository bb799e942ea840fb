// The local web UI server (issue 6 "Inspector" and "Web dashboard"): node:http on 127.0.0.1 serving
// one self-contained page, the machine charts as JSON, the event log, a Server-Sent Events stream of
// the live session, and POST /api/command → session.send(). Nothing it serves comes from elsewhere.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Subscription } from 'rxjs';
import { domainTimeline, sameStatus, statusOf, statusTimeline, type DomainPoint, type DomainState, type LogEntry, type SessionStatus } from '../../client/index.ts';
import type { DashboardFacts } from './dashboard-facts.ts';
import { inspectorModel } from './inspector-model.ts';
import { pageHtml } from './page-html.ts';
import { pageScript } from './page-bundle.ts';
import { parseCommand } from './parse-command.ts';
import type { WebSession } from './session-source.ts';

export interface WebServerOptions {
  /** Live mode: the session to show and drive. */
  session?: WebSession;
  /** Replay mode: a recorded log (ignored when a session is given). */
  entries?: readonly LogEntry[];
  title?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Facts beyond the log (branding policy, version); read at each request. */
  facts?: () => DashboardFacts;
}

export interface WebServer {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024;
/**
 * Domain states kept for the page's timeline (each change of calls, lamps, messages, voicemail):
 * bounded like the session's own log, so a long session holds steady memory.
 */
const MAX_DOMAIN_POINTS = 2000;
/** The session's statuses kept for the timeline (each change of the start-up or a connection), likewise bounded. */
const MAX_STATUS_POINTS = 2000;
/** Live log entries kept for a page that opens later: entry 0 (the start) and the newest ones. */
const MAX_LIVE_ENTRIES = 5000;

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const live = options.session;
  const entries: LogEntry[] = live ? [] : [...(options.entries ?? [])];
  const [model, script] = await Promise.all([
    inspectorModel(live ? 'live' : 'replay', options.title ?? (live ? 'live session' : 'recorded log'), entries),
    pageScript(),
  ]);
  // The dashboard's domain state along the timeline: live from the snapshots (texts shown), from a
  // recorded log by folding its domain events with the session's own reducer (digests shown).
  const domains: DomainPoint[] = live ? [] : domainTimeline(entries);
  // The rest of the snapshot (start-up, stop, each connection) along the timeline: live each change
  // of the snapshots, from a recorded log the snapshots a replay through the machines gives.
  const statuses: SessionStatus[] = live ? [] : statusTimeline(entries);
  let lastDomain: DomainState | null = null;
  const streams = new Set<ServerResponse>();
  const subscriptions: Subscription[] = [];

  const push = (name: string, data: unknown): void => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of streams) res.write(frame);
  };
  if (live) {
    subscriptions.push(
      live.events$.subscribe((entry) => {
        entries.push(entry);
        if (entries.length > MAX_LIVE_ENTRIES + 500) entries.splice(1, entries.length - 1 - MAX_LIVE_ENTRIES);
        push('entry', entry);
      }),
      live.snapshot$.subscribe((s) => {
        const status = statusOf(s);
        const previous = statuses[statuses.length - 1];
        if (previous === undefined || !sameStatus(previous, status)) {
          statuses.push(status);
          if (statuses.length > MAX_STATUS_POINTS) statuses.shift();
          push('status', status);
        }
        if (s.domain !== lastDomain) {
          lastDomain = s.domain;
          const point: DomainPoint = { seq: s.seq, domain: s.domain };
          domains.push(point);
          if (domains.length > MAX_DOMAIN_POINTS) domains.shift();
          push('domain', point);
        }
      }),
    );
  }

  let port = 0;
  const server = createServer((req, res) => {
    // DNS rebinding guard: only requests addressed to this loopback server by a loopback name are answered.
    if (req.headers.host !== `127.0.0.1:${port}` && req.headers.host !== `localhost:${port}`) return send(res, 421, 'text/plain', 'misdirected request');
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/') return send(res, 200, 'text/html; charset=utf-8', pageHtml(model.title));
    if (req.method === 'GET' && path === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', script);
    if (req.method === 'GET' && path === '/api/model') return sendJson(res, 200, model);
    if (req.method === 'GET' && path === '/api/log') return sendJson(res, 200, entries);
    if (req.method === 'GET' && path === '/api/domain') return sendJson(res, 200, domains);
    if (req.method === 'GET' && path === '/api/status') return sendJson(res, 200, statuses);
    if (req.method === 'GET' && path === '/api/facts') return sendJson(res, 200, options.facts?.() ?? null);
    if (req.method === 'GET' && path === '/api/events') return openStream(req, res);
    if (req.method === 'POST' && path === '/api/command') return void runCommand(req, res);
    send(res, 404, 'text/plain', 'not found');
  });

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    // Everything so far, then live: the page never misses an entry between loading and subscribing.
    res.write(`event: log\ndata: ${JSON.stringify(entries)}\n\n`);
    res.write(`event: statuses\ndata: ${JSON.stringify(statuses)}\n\n`);
    res.write(`event: domains\ndata: ${JSON.stringify(domains)}\n\n`);
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  async function runCommand(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A JSON content type forces a CORS preflight, which we never answer: other sites cannot post here.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 415, { ok: false, code: 'bad-request', message: 'JSON only' });
    if (!live) return sendJson(res, 409, { ok: false, code: 'not-available', message: 'a recorded log takes no commands' });
    let body = '';
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) return sendJson(res, 413, { ok: false, code: 'bad-request', message: 'command too large' });
      body += (chunk as Buffer).toString('utf8');
    }
    const command = parseCommand(body);
    if (command === null) return sendJson(res, 400, { ok: false, code: 'bad-request', message: 'not a command' });
    try {
      sendJson(res, 200, await live.send(command));
    } catch (error) {
      sendJson(res, 500, { ok: false, code: 'failed', message: error instanceof Error ? error.message : 'failed' });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      for (const s of subscriptions) s.unsubscribe();
      for (const res of streams) res.end();
      streams.clear();
      // Idle keep-alive sockets of a browser would hold close() for seconds: end them with it.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
