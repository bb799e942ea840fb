// The local web server's edges (issue 6): loopback only, requests addressed to another host are
// refused (DNS rebinding), commands only as JSON (no cross-site form posts) and checked field by
// field, a recorded log takes no commands; and the pure pieces the page relies on.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { of } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { UnityCommand } from '../../src/client/client-commands.ts';
import { activeStates } from '../../src/cli-shell/web/active-states.ts';
import { chartPictures } from '../../src/cli-shell/web/chart-pictures.ts';
import { takenTransitions } from '../../src/cli-shell/web/taken-transitions.ts';
import { dashboardFacts } from '../../src/cli-shell/web/dashboard-facts.ts';
import { parseCommand } from '../../src/cli-shell/web/parse-command.ts';
import { startWebServer, type WebServer } from '../../src/cli-shell/web/web-server.ts';
import { stateValueOf } from '../../src/cli-shell/inspect/state-value.ts';
import { machines } from '../../src/machines/index.ts';

const servers: WebServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

function call(url: string, init: { method?: string; host?: string; type?: string; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: init.method ?? 'GET', headers: { host: init.host ?? u.host, ...(init.type ? { 'content-type': init.type } : {}) } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('web server', () => {
  it('listens on 127.0.0.1, refuses another Host, takes commands only as checked JSON', async () => {
    const sent: UnityCommand[] = [];
    const server = await startWebServer({ session: { snapshot$: of(), events$: of(), send: async (c) => (sent.push(c), { ok: true }) } });
    servers.push(server);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const api = `${server.url}api/command`;
    expect((await call(server.url, { host: 'evil.example:80' })).status).toBe(421);
    expect((await call(server.url, { host: `evil.example:${new URL(server.url).port}` })).status).toBe(421);
    expect((await call(server.url, { host: `localhost:${new URL(server.url).port}` })).status).toBe(200);
    expect((await call(api, { method: 'POST', type: 'text/plain', body: '{"type":"fetchVoicemail"}' })).status).toBe(415);
    expect((await call(api, { method: 'POST', type: 'application/json', body: '{"type":"dial"}' })).status).toBe(400);
    expect((await call(api, { method: 'POST', type: 'application/json', body: 'x'.repeat(20_000) })).status).toBe(413);
    const ok = await call(api, { method: 'POST', type: 'application/json', body: '{"type":"record","action":"start","callId":"c1"}' });
    expect(ok).toEqual({ status: 200, body: '{"ok":true}' });
    expect(sent).toEqual([{ type: 'record', action: 'start', callId: 'c1' }]);
    const page = await call(server.url, {});
    expect(page.body).toContain('Content-Security-Policy');
    expect(page.body).not.toMatch(/https?:\/\//);
  });

  it('a recorded log takes no commands', async () => {
    const server = await startWebServer({ entries: [] });
    servers.push(server);
    expect((await call(`${server.url}api/command`, { method: 'POST', type: 'application/json', body: '{"type":"fetchVoicemail"}' })).status).toBe(409);
  });
});

describe('page model', () => {
  it('a picture per machine: the docs/statecharts SVG itself, a group per state, arrows named by their ends', async () => {
    const pictures = await chartPictures();
    expect(pictures.map((p) => p.name)).toEqual(Object.keys(machines));
    for (const picture of pictures) {
      // The same layout and drawing as the committed docs pictures: one renderer.
      expect(picture.svg).toBe(readFileSync(`docs/statecharts/${picture.name}.svg`, 'utf8'));
      for (const id of picture.states) expect(picture.svg).toContain(`data-state="${id}"`);
      for (const t of picture.transitions.filter((t) => !t.internal)) expect(picture.svg).toContain(`data-from="${t.source}" data-to="${t.target}"`);
    }
    const startup = pictures.find((p) => p.name === 'startup')!;
    expect(startup.rootId).toBe('startup');
    expect(startup.states).toEqual(expect.arrayContaining(['startup', 'messaging', 'messaging.imp', 'ctiUnreachable']));
    expect(startup.transitions).toContainEqual(expect.objectContaining({ source: 'oci', target: 'profile', eventType: expect.any(String) }));
  });

  it('the arrow a log entry took: named by its event in its target, found by the states entered elsewhere', async () => {
    const [connection, startup] = await chartPictures();
    expect(connection!.name).toBe('connection');
    const login = takenTransitions(connection!, 'authenticating', 'online.quiet', 'AUTH.OK');
    expect(login.arrows).toEqual([{ source: 'authenticating', target: 'online' }]);
    expect(login.entered).toEqual(['online', 'online.quiet']);
    expect(login.active).toEqual(['connection', 'online', 'online.quiet']);
    // The start-up moved because its CTI child told it (the entry's event went to cti).
    expect(takenTransitions(startup!, 'cti', 'done:ctiUnreachable', null).arrows).toEqual([
      { source: 'cti', target: 'stopping' },
      { source: 'stopping', target: 'ctiUnreachable' }, // through the transient state, by its eventless arrow
    ]);
    // No change, no arrow; an actor that does not exist yet has nothing active.
    expect(takenTransitions(connection!, 'online.quiet', 'online.quiet', 'KEEPALIVE.ACK').arrows).toEqual([]);
    expect(takenTransitions(connection!, undefined, undefined, null)).toEqual({ active: [], entered: [], arrows: [] });
    // A child spawned by the entry and sent CONNECT at once: from its initial state, idle.
    expect(connection!.initial).toEqual(['connection', 'idle']);
    expect(takenTransitions(connection!, undefined, 'connecting', null)).toEqual({ active: ['connection', 'connecting'], entered: ['connection', 'connecting'], arrows: [{ source: 'idle', target: 'connecting' }] });
  });

  it('state strings to active paths and back to state values', () => {
    expect(activeStates('messaging.(imp.connecting,xmpp.skipped)')).toEqual({ status: 'active', paths: ['messaging', 'messaging.imp', 'messaging.imp.connecting', 'messaging.xmpp', 'messaging.xmpp.skipped'] });
    expect(activeStates('stopped:closed')).toEqual({ status: 'stopped', paths: ['closed'] });
    expect(stateValueOf('online.quiet')).toEqual({ status: 'active', value: { online: 'quiet' } });
    expect(stateValueOf('done:ctiUnreachable')).toEqual({ status: 'done', value: 'ctiUnreachable' });
  });

  it('commands are checked field by field', () => {
    expect(parseCommand('{"type":"sendIm","to":"bob","body":"hi","via":"smtp"}')).toEqual({ type: 'sendIm', to: 'bob', body: 'hi' });
    expect(parseCommand('{"type":"record","action":"erase","callId":"c"}')).toBeNull();
    expect(parseCommand('{"type":"answer","callId":5}')).toBeNull();
    expect(parseCommand('[]')).toBeNull();
    expect(parseCommand('nope')).toBeNull();
  });

  it('no update notice for the version already running; restrictive policy without branding', () => {
    expect(dashboardFacts(null, '1.0.0')).toEqual({ clientVersion: '1.0.0', callDetailsAvailable: false, enterpriseViewAvailable: false, permittedUpdateVersion: null });
  });
});
