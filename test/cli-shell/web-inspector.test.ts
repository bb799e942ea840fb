// The web inspector in headless Chromium (issues 6 and 13 "Inspector"): the page loads with nothing
// from outside the local server and draws the chosen actor's statechart as the docs picture (an SVG
// group per state node, arrows between them), with the active states marked and the arrow just
// taken animated; a list of the live actors chooses the chart; zoom and pan move the picture; the
// timeline scrubs through the states; a replay of a stopped start-up opens at the stop with its
// reason and advice beside the chart. Screenshots at 1280x800 go to test-artifacts/.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { AnyStateNode } from 'xstate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab/start-lab.ts';
import { createUnityClient, type UnityClient } from '../../src/client/create-unity-client.ts';
import { labClientConfig } from '../../src/client/lab-client-config.ts';
import { startWebServer, type WebServer } from '../../src/cli-shell/web/web-server.ts';
import { machines } from '../../src/machines/index.ts';
import type { LogEntry } from '../../src/machines/log/log-entry.ts';
import { decodeLog, encodeLog } from '../../src/machines/log/jsonl.ts';
import { ARTIFACTS, CHROMIUM, launchChromium, type TestBrowser } from './web-support/chromium.ts';

function stateCount(node: AnyStateNode): number {
  return 1 + (Object.values(node.states) as AnyStateNode[]).reduce((n, child) => n + stateCount(child), 0);
}

const SCREEN = { width: 1280, height: 800 };
const activeIn = (page: Page): Promise<Array<string | null>> =>
  page.locator('#chart-pane g[data-state].active').evaluateAll((n) => n.map((e) => e.getAttribute('data-state')));
const takenArrows = (page: Page): Promise<Array<[string | null, string | null]>> =>
  page.locator('#chart-pane path.edge.taken').evaluateAll((n) => n.map((e) => [e.getAttribute('data-from'), e.getAttribute('data-to')] as [string | null, string | null]));
const viewBox = async (page: Page): Promise<number[]> => ((await page.getAttribute('#chart-pane svg', 'viewBox')) ?? '').split(' ').map(Number);

/** Spawns the CLI and resolves with the web UI's URL once it prints it. */
function spawnWebUi(args: string[]): { url: Promise<string>; exited: Promise<number | null>; kill: (signal: NodeJS.Signals) => void; output: () => string } {
  const child = spawn(process.execPath, ['bin/unity-connect.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /web UI: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(`exited before serving: ${stderr}`)));
  });
  url.catch(() => undefined); // a run that never serves (demo --exit-when-ready) is awaited by `exited`
  return { url, exited, kill: (signal) => void child.kill(signal), output: () => stdout };
}

let browser: TestBrowser;
let lab: Lab;
let client: UnityClient | null = null;
const servers: WebServer[] = [];
let recorded: LogEntry[] = [];
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  lab = await startLab({ scenario: 'r22-cti' });
  dir = await mkdtemp(join(tmpdir(), 'uc-web-inspector-'));
});

afterAll(async () => {
  await client?.stop();
  for (const s of servers) await s.close();
  await browser?.close();
  await lab?.stop();
  await rm(dir, { recursive: true, force: true });
});

CHROMIUM.describe('web inspector', () => {
  it('follows a live start-up: the start-up chart marks "ready", each connection chart its state, the actor list chooses', async () => {
    client = createUnityClient(labClientConfig(lab));
    const server = await startWebServer({ session: client, title: 'r22-cti' });
    servers.push(server);
    const { page, requests, errors } = await browser.open(server.url);
    await page.setViewportSize(SCREEN);
    await page.waitForSelector('body[data-ready="true"]');

    // One actor list entry per actor; one chart shown at a time, the start-up's first.
    expect(await page.locator('button.actor').evaluateAll((n) => n.map((e) => e.getAttribute('data-actor')))).toEqual(['startup', 'oci', 'cap', 'cti', 'imp', 'xmpp']);
    expect(await page.getAttribute('#chart-pane', 'data-actor')).toBe('startup');
    expect(await page.locator('#chart-pane svg').count()).toBe(1);
    // The statechart as the docs draw it: a group per state node, arrows labelled between them.
    expect(await page.locator('#chart-pane g[data-state]').count()).toBe(stateCount(machines.startup.root));
    expect(await page.locator('#chart-pane path.edge').count()).toBeGreaterThan(20);
    expect(await page.locator('#chart-pane text.label', { hasText: 'BRANDING.LOADED' }).count()).toBeGreaterThan(0);

    const ready = await client.start();
    expect(ready.outcome).toBe('ready');
    await page.waitForSelector('#chart-pane g[data-state="ready"].active');
    expect(await activeIn(page)).toEqual(['startup', 'ready']);
    await expect.poll(() => page.locator('[data-testid="current-oci"]').textContent()).toMatch(/^online/);
    expect(await page.getAttribute('[data-testid="actor-cap"]', 'class')).toContain('absent');
    expect(await page.getAttribute('[data-testid="actor-cti"]', 'class')).not.toContain('absent');

    // Choosing cti shows the connection machine with its own state marked.
    await page.click('[data-testid="actor-cti"]');
    expect(await page.getAttribute('#chart-pane', 'data-actor')).toBe('cti');
    expect(await page.getAttribute('#chart-pane', 'data-machine')).toBe('connection');
    expect(await page.locator('#chart-pane g[data-state]').count()).toBe(stateCount(machines.connection.root));
    expect(await activeIn(page)).toEqual(['connection', 'online', 'online.quiet']);
    expect(await page.textContent('#chart-state')).toBe('online.quiet');

    // The event list holds every logged event, and the filter narrows it.
    await expect.poll(() => page.locator('[data-testid="event-row"]').count()).toBe(client.log.entries.length);
    await page.fill('#filter', 'LICENSE.LOADED');
    expect(await page.locator('[data-testid="event-row"]:visible').count()).toBe(1);
    await page.fill('#filter', '');
    await page.locator('#filter').blur();

    // Live, the arrow just taken: the lab drops CTI, the chart follows it out of online.
    await lab.fault('cti', { type: 'drop-all' });
    await page.waitForSelector('#chart-pane g[data-state="reconnecting"].active');
    expect((await takenArrows(page)).some(([, to]) => to === 'reconnecting')).toBe(true);
    expect(await page.textContent('[data-testid="current-cti"]')).toBe('reconnecting');
    await page.waitForTimeout(1500); // past the entry animation, for the picture
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-live-cti-reconnecting.png') });

    expect(errors).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) expect(url.startsWith(server.url)).toBe(true);
    recorded = [...client.log.entries];
    await client.stop();
    client = null;
  });

  it('scrubbing a recorded log moves the marked state and animates the arrow each entry took', async () => {
    expect(recorded.length).toBeGreaterThan(5);
    const server = await startWebServer({ entries: recorded, title: 'recorded r22-cti' });
    servers.push(server);
    const { page, requests, errors } = await browser.open(server.url);
    await page.setViewportSize(SCREEN);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.textContent('#mode')).toBe('replay');

    const ociAt = recorded.findIndex((e) => e.states['startup'] === 'oci');
    const readyAt = recorded.findIndex((e) => e.states['startup'] === 'ready');
    expect(ociAt).toBeGreaterThan(0);
    expect(readyAt).toBeGreaterThan(ociAt);
    // A start-up that became ready opens there; nothing stopped it, so no stop panel.
    expect(await page.getAttribute('body', 'data-seq')).toBe(String(recorded[readyAt]!.seq));
    expect(await page.isVisible('[data-testid="stop-panel"]')).toBe(false);

    await page.locator('#timeline').fill(String(ociAt));
    expect(await activeIn(page)).toEqual(['startup', 'oci']);
    expect(await page.getAttribute('body', 'data-seq')).toBe(String(recorded[ociAt]!.seq));
    // The arrow into oci is the one taken (BRANDING.LOADED), drawn animated; its label is marked too.
    const taken = await takenArrows(page);
    expect(taken.length).toBeGreaterThan(0);
    for (const [, to] of taken) expect(to).toBe('oci');
    expect(await page.locator('#chart-pane path.edge.taken').first().evaluate((e) => getComputedStyle(e).animationName)).toBe('uc-flow');
    expect(await page.locator('#chart-pane text.label.taken', { hasText: 'BRANDING.LOADED' }).count()).toBe(1);
    expect(await page.locator('#chart-pane g[data-state="oci"]').getAttribute('class')).toContain('entered');
    // The detail panel shows that entry: its event and the effects it asked for.
    const detail = await page.textContent('[data-testid="entry-detail"]');
    expect(detail).toContain(recorded[ociAt]!.event.type);
    for (const e of recorded[ociAt]!.effects ?? []) expect(detail).toContain(e.effect.type);

    // At the start of OCI, CTI does not exist yet: its chart is dimmed and says when it starts.
    await page.click('[data-testid="actor-cti"]');
    expect(await page.getAttribute('#chart-pane svg', 'class')).toContain('absent');
    const ctiFirst = recorded.find((e) => e.states['cti'] !== undefined)!;
    expect(await page.textContent('[data-testid="absent-note"]')).toContain(`starts at entry #${ctiFirst.seq}`);
    // Stepping on with the keyboard: CTI connects, the arrow idle → connecting is taken.
    await page.locator('#timeline').fill(String(ctiFirst.seq));
    expect(await activeIn(page)).toEqual(['connection', 'connecting']);
    expect(await takenArrows(page)).toEqual([['idle', 'connecting']]);
    await page.locator('#timeline').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('body', 'data-seq')).toBe(String(ctiFirst.seq + 1));

    // Clicking an event row moves the timeline there too.
    await page.click('[data-testid="actor-startup"]');
    await page.locator(`[data-testid="event-row"][data-seq="${recorded[readyAt]!.seq}"]`).click();
    expect(await activeIn(page)).toEqual(['startup', 'ready']);
    expect(await page.inputValue('#timeline')).toBe(String(readyAt));

    expect(errors).toEqual([]);
    for (const url of requests) expect(url.startsWith(server.url)).toBe(true);
  });

  it('zoom and pan: the wheel zooms around the pointer, a drag pans, fit shows the whole chart', async () => {
    const server = await startWebServer({ entries: recorded, title: 'recorded r22-cti' });
    servers.push(server);
    const { page } = await browser.open(server.url);
    await page.setViewportSize(SCREEN);
    await page.waitForSelector('body[data-ready="true"]');
    const box = (await page.locator('#viewport').boundingBox())!;
    const [, , w0] = await viewBox(page);

    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400); // zoom in: a narrower part of the picture fills the viewport
    await expect.poll(async () => (await viewBox(page))[2]!).toBeLessThan(w0! * 0.8);
    const [x1, y1] = await viewBox(page);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 4 });
    await page.mouse.up();
    const [x2, y2] = await viewBox(page);
    expect(x2).toBeLessThan(x1!); // dragging right shows what is left of it
    expect(y2).toBeLessThan(y1!);

    await page.click('#zoom-fit');
    const [fx, fy, fw, fh] = await viewBox(page);
    const size = await page.locator('#chart-pane svg').evaluate((svg) => {
      const g = svg.querySelector('g[data-state="startup"]') as SVGGElement;
      const b = g.getBBox();
      return { width: b.x + b.width, height: b.y + b.height };
    });
    // The whole root box lies in the view.
    expect(fx).toBeLessThanOrEqual(8);
    expect(fy).toBeLessThanOrEqual(8);
    expect(fx! + fw!).toBeGreaterThanOrEqual(size.width);
    expect(fy! + fh!).toBeGreaterThanOrEqual(size.height);
  });

  it("'replay FILE --ui web' of a cti-unreachable log opens at the stop, with the reason and the advice beside the chart", async () => {
    const file = join(dir, 'cti-unreachable.jsonl');
    const demo = spawnWebUi(['demo', '--scenario', 'cti-unreachable', '--exit-when-ready', '--log', file]);
    expect(await demo.exited).toBe(1);
    const entries = decodeLog(await readFile(file, 'utf8'));
    const stop = entries.find((e) => e.states['startup'] === 'done:ctiUnreachable')!;
    expect(stop).toBeDefined();

    const replay = spawnWebUi(['replay', file, '--ui', 'web']);
    try {
      const url = await replay.url;
      const { page, requests, errors } = await browser.open(url);
      await page.setViewportSize(SCREEN);
      await page.waitForSelector('body[data-ready="true"]');
      // Opens at the stop, not at entry 0.
      expect(await page.getAttribute('body', 'data-seq')).toBe(String(stop.seq));
      expect(await page.inputValue('#timeline')).toBe(String(entries.indexOf(stop)));
      // The start-up chart marks the stop state, reached by the arrow just taken.
      expect(await activeIn(page)).toEqual(['startup', 'ctiUnreachable']);
      expect(await page.getAttribute('#chart-pane g[data-state="ctiUnreachable"]', 'class')).toContain('stop-state');
      expect((await takenArrows(page)).some(([, to]) => to === 'ctiUnreachable')).toBe(true);
      // Beside the chart: what stopped it, and what to change (the firewall rule, the portal setting).
      const panel = page.locator('[data-testid="stop-panel"]');
      expect(await panel.isVisible()).toBe(true);
      expect(await panel.textContent()).toContain('Start-up stopped: the CTI server cannot be reached');
      const reason = (await page.textContent('[data-testid="stop-reason"]')) ?? '';
      expect(reason).toMatch(/refused the connection/);
      expect(reason).toMatch(/Allow outbound TCP port \d+ to cti\.lab\.test on the customer firewall/);
      expect(reason).toMatch(/"CTI Port" in the Kakapo portal/);
      const chartBox = (await page.locator('#chart-pane').boundingBox())!;
      const panelBox = (await panel.boundingBox())!;
      expect(panelBox.x).toBeGreaterThanOrEqual(chartBox.x + chartBox.width); // beside, not below
      expect(panelBox.y + panelBox.height).toBeLessThanOrEqual(SCREEN.height); // on screen without scrolling
      // The cti connection's own chart shows where it failed.
      await page.click('[data-testid="actor-cti"]');
      expect(await page.getAttribute('#chart-pane g[data-state="failed"]', 'class')).toContain('stop-state');
      await page.click('[data-testid="actor-startup"]');
      // Scrubbing away keeps the panel, with a way back to the stop.
      await page.locator('#timeline').fill('1');
      expect(await panel.isVisible()).toBe(true);
      await page.click('[data-testid="go-to-stop"]');
      expect(await page.getAttribute('body', 'data-seq')).toBe(String(stop.seq));
      await page.waitForTimeout(1500); // past the entry animation, for the picture
      await page.screenshot({ path: join(ARTIFACTS, 'inspector-replay-cti-unreachable.png') });
      expect(errors).toEqual([]);
      for (const u of requests) expect(u.startsWith(url)).toBe(true);
      await page.close();
    } finally {
      replay.kill('SIGINT');
    }
    expect(await replay.exited).toBe(0);
  }, 90_000); // two spawned CLIs (tsx) on a loaded 2-core machine

  it("'unity-connect replay FILE --ui web' prints the page's URL, serves the log to scrub, and exits 0 on SIGINT", async () => {
    const file = join(dir, 'session.jsonl');
    await writeFile(file, encodeLog(recorded));
    const child = spawnWebUi(['replay', file, '--ui', 'web', '--verify']);
    try {
      const url = await child.url;
      const { page, requests } = await browser.open(url);
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.locator('[data-testid="event-row"]').count()).toBe(recorded.length);
      const readyAt = recorded.findIndex((e) => e.states['startup'] === 'ready');
      await page.locator('#timeline').fill(String(readyAt));
      expect(await page.getAttribute('#chart-pane g[data-state="ready"]', 'class')).toContain('active');
      await page.locator('#timeline').fill('0');
      expect(await page.getAttribute('#chart-pane g[data-state="ready"]', 'class')).not.toContain('active');
      for (const u of requests) expect(u.startsWith(url)).toBe(true);
      await page.close();
    } finally {
      child.kill('SIGINT');
    }
    expect(await child.exited).toBe(0);
  }, 90_000); // a spawned CLI (tsx) on a loaded 2-core machine

  it("'unity-connect demo --ui web' serves the live session: the page sees start-up reach ready, SIGINT closes", async () => {
    const child = spawnWebUi(['demo', '--ui', 'web']);
    try {
      const url = await child.url;
      const { page, requests, errors } = await browser.open(url);
      await page.waitForSelector('#chart-pane g[data-state="ready"].active');
      expect(await page.textContent('#mode')).toBe('live');
      expect(errors).toEqual([]);
      for (const u of requests) expect(u.startsWith(url)).toBe(true);
      await page.close();
    } finally {
      child.kill('SIGINT');
    }
    expect(await child.exited).toBe(0);
    // The plain terminal output ran beside the page (stdout is not a TTY here).
    expect(child.output()).toMatch(/ready/);
  }, 90_000); // a spawned CLI (tsx) and the lab on a loaded 2-core machine
});
