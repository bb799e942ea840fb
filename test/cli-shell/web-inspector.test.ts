// The web inspector in headless Chromium (issue 6 "Inspector"): the page loads with nothing from
// outside the local server, draws a box per state of every machine definition, follows a live
// start-up against the lab until ready, and scrubbing the recorded log moves the highlight.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyStateNode } from 'xstate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab/start-lab.ts';
import { createUnityClient, type UnityClient } from '../../src/client/create-unity-client.ts';
import { labClientConfig } from '../../src/client/lab-client-config.ts';
import { startWebServer, type WebServer } from '../../src/cli-shell/web/web-server.ts';
import { machines } from '../../src/machines/index.ts';
import type { LogEntry } from '../../src/machines/log/log-entry.ts';
import { encodeLog } from '../../src/machines/log/jsonl.ts';
import { ARTIFACTS, CHROMIUM, launchChromium, type TestBrowser } from './web-support/chromium.ts';

function stateCount(node: AnyStateNode): number {
  return 1 + (Object.values(node.states) as AnyStateNode[]).reduce((n, child) => n + stateCount(child), 0);
}

let browser: TestBrowser;
let lab: Lab;
let client: UnityClient | null = null;
const servers: WebServer[] = [];
let recorded: LogEntry[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  lab = await startLab({ scenario: 'r22-cti' });
});

afterAll(async () => {
  await client?.stop();
  for (const s of servers) await s.close();
  await browser?.close();
  await lab?.stop();
});

CHROMIUM.describe('web inspector', () => {
  it('follows a live start-up against the lab until the start-up box "ready" is highlighted', async () => {
    client = createUnityClient(labClientConfig(lab));
    const server = await startWebServer({ session: client, title: 'r22-cti' });
    servers.push(server);
    const { page, requests, errors } = await browser.open(server.url);
    await page.waitForSelector('body[data-ready="true"]');

    // A box per state node of every definition: startup once, the connection machine per connection.
    const startupBoxes = await page.locator('[data-actor="startup"] .state').count();
    expect(startupBoxes).toBe(stateCount(machines.startup.root));
    for (const name of ['oci', 'cap', 'cti', 'imp', 'xmpp']) {
      expect(await page.locator(`[data-actor="${name}"] .state`).count()).toBe(stateCount(machines.connection.root));
    }

    const ready = await client.start();
    expect(ready.outcome).toBe('ready');
    await page.waitForSelector('[data-actor="startup"] [data-state="startup.ready"].active');
    await expect.poll(() => page.locator('[data-testid="current-oci"]').textContent()).toMatch(/^online/);
    expect(await page.locator('[data-actor="startup"] .state.active').evaluateAll((n) => n.map((e) => e.getAttribute('data-state')))).toEqual(['startup', 'startup.ready']);
    expect(await page.locator('[data-actor="cti"] [data-state="connection.online"]').getAttribute('class')).toContain('active');
    // The event list holds every logged event, and the filter narrows it.
    await expect.poll(() => page.locator('[data-testid="event-row"]').count()).toBe(client.log.entries.length);
    await page.fill('#filter', 'LICENSE.LOADED');
    expect(await page.locator('[data-testid="event-row"]:visible').count()).toBe(1);
    await page.fill('#filter', '');
    await page.screenshot({ path: join(ARTIFACTS, 'web-inspector-live-ready.png'), fullPage: true });

    expect(errors).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) expect(url.startsWith(server.url)).toBe(true);
    recorded = [...client.log.entries];
    await client.stop();
    client = null;
  });

  it('scrubbing a recorded log moves the highlighted start-up state back and forth', async () => {
    expect(recorded.length).toBeGreaterThan(5);
    const server = await startWebServer({ entries: recorded, title: 'recorded r22-cti' });
    servers.push(server);
    const { page, requests, errors } = await browser.open(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.textContent('#mode')).toBe('replay');

    const ociAt = recorded.findIndex((e) => e.states['startup'] === 'oci');
    const readyAt = recorded.findIndex((e) => e.states['startup'] === 'ready');
    expect(ociAt).toBeGreaterThan(0);
    expect(readyAt).toBeGreaterThan(ociAt);
    const activeStartup = () => page.locator('[data-actor="startup"] .state.active').evaluateAll((n) => n.map((e) => e.getAttribute('data-state')));

    await page.locator('#timeline').fill(String(readyAt));
    expect(await activeStartup()).toEqual(['startup', 'startup.ready']);
    await page.screenshot({ path: join(ARTIFACTS, 'web-inspector-replay-ready.png'), fullPage: true });

    await page.locator('#timeline').fill(String(ociAt));
    expect(await activeStartup()).toEqual(['startup', 'startup.oci']);
    expect(await page.getAttribute('body', 'data-seq')).toBe(String(recorded[ociAt]!.seq));
    // The transitions its event could take from the states before it are marked, in its target only.
    const fired = await page.locator('li.fired').evaluateAll((n) => n.map((e) => [e.closest('[data-actor]')?.getAttribute('data-actor'), e.getAttribute('data-event')]));
    expect(fired.length).toBeGreaterThan(0);
    for (const f of fired) expect(f).toEqual([recorded[ociAt]!.target, recorded[ociAt]!.event.type]);
    // The detail panel shows that entry: its event and the effects it asked for.
    const detail = await page.textContent('[data-testid="entry-detail"]');
    expect(detail).toContain(recorded[ociAt]!.event.type);
    for (const e of recorded[ociAt]!.effects ?? []) expect(detail).toContain(e.effect.type);
    // At the start of OCI, the connection children do not exist yet (CTI is drawn dimmed).
    expect(await page.locator('[data-actor="cti"]').getAttribute('class')).toContain('absent');
    await page.screenshot({ path: join(ARTIFACTS, 'web-inspector-replay-oci.png'), fullPage: true });

    // Clicking an event row moves the timeline there too.
    await page.locator(`[data-testid="event-row"][data-seq="${recorded[readyAt]!.seq}"]`).click();
    expect(await activeStartup()).toEqual(['startup', 'startup.ready']);
    expect(await page.inputValue('#timeline')).toBe(String(readyAt));

    expect(errors).toEqual([]);
    for (const url of requests) expect(url.startsWith(server.url)).toBe(true);
  });

  it("'unity-connect replay FILE --ui web' prints the page's URL, serves the log to scrub, and exits 0 on SIGINT", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'uc-web-replay-'));
    try {
      const file = join(dir, 'session.jsonl');
      await writeFile(file, encodeLog(recorded));
      const child = spawn(process.execPath, ['bin/unity-connect.js', 'replay', file, '--ui', 'web', '--verify'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let stderr = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const match = /web UI: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
          if (match) resolve(match[1]!);
        });
        child.on('exit', () => reject(new Error(`exited before serving: ${stderr}`)));
      });
      const { page, requests } = await browser.open(url);
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.locator('[data-testid="event-row"]').count()).toBe(recorded.length);
      const readyAt = recorded.findIndex((e) => e.states['startup'] === 'ready');
      await page.locator('#timeline').fill(String(readyAt));
      expect(await page.locator('[data-actor="startup"] [data-state="startup.ready"]').getAttribute('class')).toContain('active');
      await page.locator('#timeline').fill('0');
      expect(await page.locator('[data-actor="startup"] [data-state="startup.ready"]').getAttribute('class')).not.toContain('active');
      for (const u of requests) expect(u.startsWith(url)).toBe(true);
      await page.close();
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000); // a spawned CLI (tsx) on a loaded 2-core machine

  it("'unity-connect demo --ui web' serves the live session: the page sees start-up reach ready, SIGINT closes", async () => {
    const child = spawn(process.execPath, ['bin/unity-connect.js', 'demo', '--ui', 'web'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      let stderr = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const match = /web UI: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
          if (match) resolve(match[1]!);
        });
        child.on('exit', () => reject(new Error(`exited before serving: ${stderr}`)));
      });
      const { page, requests, errors } = await browser.open(url);
      await page.waitForSelector('[data-actor="startup"] [data-state="startup.ready"].active');
      expect(await page.textContent('#mode')).toBe('live');
      expect(errors).toEqual([]);
      for (const u of requests) expect(u.startsWith(url)).toBe(true);
      await page.close();
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    // The plain terminal output ran beside the page (stdout is not a TTY here).
    expect(stdout).toMatch(/ready/);
  }, 90_000); // a spawned CLI (tsx) and the lab on a loaded 2-core machine
});
