// The dashboard for support (issue 13 item 2) in headless Chromium against real lab sessions, at
// 1280×800: each connection's host:port, TLS version or plain and state in words ("online"); a
// lab fault drops CTI and the page counts down to the next attempt, says why and when it dropped,
// and keeps the drop once CTI is back; a start-up that stops (cti-unreachable) puts what happened
// and what to change at the top. A replay of each recorded log shows the same. Every page is
// checked readable: no horizontal scrolling, no word-break: break-all, no word split over two lines,
// no machine state name. Screenshots go to test-artifacts/ (docs/screenshots/ by npm run screenshots).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LogEntry } from '../../src/machines/log/log-entry.ts';
import { startWebServer, type WebServer } from '../../src/cli-shell/web/web-server.ts';
import { ARTIFACTS, CHROMIUM, launchChromium, type TestBrowser } from './web-support/chromium.ts';
import { busyDay, liveScene, openDashboard, SCREEN, type LiveScene } from './web-support/dashboard-scenes.ts';
import { layoutReport } from './web-support/layout-checks.ts';

let browser: TestBrowser;
const scenes: LiveScene[] = [];
const servers: WebServer[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  for (const s of servers) await s.close();
  for (const s of scenes) await s.close();
  await browser?.close();
});

const text = async (page: Page, testid: string): Promise<string> => ((await page.textContent(`[data-testid="${testid}"]`)) ?? '').trim();

/** Readable at the viewport: the layout report is clean, and no machine state name shows. */
async function expectReadable(page: Page): Promise<void> {
  const report = await layoutReport(page, '#dashboard');
  expect(report.viewportWidth).toBe(SCREEN.width);
  expect(report.scrollWidth).toBeLessThanOrEqual(SCREEN.width);
  expect(report.breakAll).toEqual([]);
  expect(report.overflowingCards).toEqual([]);
  expect(report.brokenWords).toEqual([]);
  const shown = (await page.textContent('#dashboard')) ?? '';
  expect(shown).not.toMatch(/\b(online\.\w+|done:|stopped:\w|authFailed|awaitingAck|byLoginId)/);
}

/** What the connections card says of each connection: [where, security, state]. */
async function rowsOf(page: Page, names: readonly string[]): Promise<Record<string, [string, string, string]>> {
  const rows: Record<string, [string, string, string]> = {};
  for (const name of names) rows[name] = [await text(page, `where-${name}`), await text(page, `tls-${name}`), await text(page, `state-${name}`)];
  return rows;
}

/** Opens a replay of `entries` on the dashboard. */
async function openReplay(entries: readonly LogEntry[], title: string): Promise<{ page: Page; errors: string[] }> {
  const server = await startWebServer({ entries, title });
  servers.push(server);
  const { page, errors } = await browser.open(server.url);
  await openDashboard(page, server.url);
  expect(await page.textContent('#mode')).toBe('replay');
  return { page, errors };
}

CHROMIUM.describe('dashboard for support', () => {
  it('online, then a CTI drop counted down, the drop kept once back; a replay of the log says the same', async () => {
    const scene = await liveScene('r24-cti-tls', { others: 1 });
    scenes.push(scene);
    await busyDay(scene);
    const { page, errors, requests } = await browser.open(scene.web.url);
    await openDashboard(page, scene.web.url);

    // Each connection the snapshot lists: host:port, its TLS version or plain, "online".
    const connections = scene.client.snapshot.connections;
    const names = Object.keys(connections);
    expect(names).toEqual(['oci', 'cti', 'imp']);
    await expect.poll(() => text(page, 'state-imp')).toBe('online');
    const online = await rowsOf(page, names);
    for (const [name, view] of Object.entries(connections)) {
      expect(online[name]).toEqual([`${view!.host}:${view!.port}`, view!.tls ?? 'plain', 'online']);
    }
    expect(online['oci']![1]).toBe('TLSv1.2');
    expect(online['imp']![1]).toBe('plain');
    expect(await text(page, 'drop-cti')).toBe('none');
    expect(await text(page, 'startup-state')).toBe('Start-up: ready · call control over CTI · BroadWorks release 24');
    // Calls, lamps and messages from the domain state, in words.
    const call = page.locator('[data-testid="call-row"]');
    await expect.poll(() => call.count()).toBe(1);
    expect(await call.textContent()).toMatch(/Dana Caller.*ringing/);
    await expect.poll(() => text(page, 'blf-bob@lab.test')).toMatch(/on a call/);
    await page.waitForSelector('[data-testid="im-in"]:has-text("Are you free for a call at 3?")');
    await page.waitForSelector('[data-testid="im-out"][data-status="delivered"]:has-text("delivered")');
    await expectReadable(page);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-online.png') });

    // The lab drops CTI: the countdown, ticking each second, and why and when it dropped.
    await scene.lab.fault('cti', { type: 'drop-all' });
    await page.waitForSelector('[data-testid="state-cti"]:has-text("reconnecting in")');
    const left = async (): Promise<number> => Number(/^reconnecting in (\d+) s$/.exec(await text(page, 'state-cti'))?.[1] ?? Number.NaN);
    const first = await left();
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(15);
    await expect.poll(left, { timeout: 5_000 }).toBeLessThan(first);
    const drop = await text(page, 'drop-cti');
    expect(drop).toMatch(/^The CTI server at cti\.lab\.test:\d+ closed the connection\.\d\d:\d\d:\d\d, (just now|\d+ s ago)$/);
    expect(await page.getAttribute('[data-testid="connection-cti"]', 'data-tone')).toBe('trying');
    expect((await rowsOf(page, ['oci', 'imp']))).toEqual({ oci: [online['oci']![0], 'TLSv1.2', 'online'], imp: [online['imp']![0], 'plain', 'online'] });
    await expectReadable(page);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-reconnecting.png') });

    // Back after the 15 s wait: online, the last drop still said.
    await expect.poll(() => text(page, 'state-cti'), { timeout: 25_000 }).toBe('online');
    expect(await text(page, 'drop-cti')).toMatch(/^The CTI server at cti\.lab\.test:\d+ closed the connection\.\d\d:\d\d:\d\d, \d+ s ago$/);
    expect(errors).toEqual([]);
    for (const url of requests) expect(url.startsWith(scene.web.url)).toBe(true);

    // The recorded log replayed: at the drop, the same words (the countdown from that entry's time).
    const entries = [...scene.client.log.entries];
    const replay = await openReplay(entries, 'recorded r24-cti-tls');
    const dropAt = entries.findIndex((e) => e.states['cti'] === 'reconnecting');
    await replay.page.locator('#timeline').fill(String(dropAt));
    expect(await text(replay.page, 'state-cti')).toBe('reconnecting in 15 s');
    expect((await text(replay.page, 'drop-cti')).replace(/\d\d:\d\d:\d\d.*$/, '')).toBe(drop.replace(/\d\d:\d\d:\d\d.*$/, ''));
    expect(await rowsOf(replay.page, ['oci', 'imp'])).toEqual({ oci: online['oci'], imp: online['imp'] });
    expect(await text(replay.page, 'where-cti')).toBe(online['cti']![0]);
    await replay.page.locator('#timeline').fill(String(entries.length - 1));
    expect(await text(replay.page, 'state-cti')).toBe('online');
    expect(await text(replay.page, 'drop-cti')).toMatch(/closed the connection/);
    expect(await replay.page.locator('[data-testid="call-row"]').textContent()).toMatch(/ringing/);
    await expectReadable(replay.page);
    expect(replay.errors).toEqual([]);
  }, 90_000);

  it('a start-up that stopped (cti-unreachable): what happened and what to change at the top, live and replayed', async () => {
    const scene = await liveScene('cti-unreachable');
    scenes.push(scene);
    expect(scene.client.snapshot.outcome).toBe('stopped');
    const ctiPort = scene.client.snapshot.connections.cti!.port;
    const { page, errors } = await browser.open(scene.web.url);
    await openDashboard(page, scene.web.url);

    const check = async (p: Page): Promise<void> => {
      const banner = p.locator('[data-testid="dashboard-stop"]');
      await banner.waitFor();
      const box = (await banner.boundingBox())!;
      expect(box.y).toBeLessThan(100); // at the top, under the header
      const advice = p.locator('[data-testid="stop-advice"]');
      const adviceBox = (await advice.boundingBox())!;
      expect(adviceBox.y + adviceBox.height).toBeLessThanOrEqual(SCREEN.height); // seen without scrolling
      expect(await banner.locator('h2').textContent()).toBe('Start-up stopped: the CTI server cannot be reached');
      expect(await text(p, 'stop-happened')).toBe(`The server at cti.lab.test:${ctiPort} refused the connection: nothing accepts connections on that port. Start-up stops because BroadWorks is configured for CTI.`);
      const change = await text(p, 'stop-advice');
      expect(change).toMatch(new RegExp(`^Allow outbound TCP port ${ctiPort} to cti\\.lab\\.test on the customer firewall`));
      expect(change).toMatch(/"CTI Port" in the Kakapo portal/);
      expect(await text(p, 'state-cti')).toBe('stopped');
      expect(await text(p, 'state-oci')).toBe('closed: start-up stopped');
      expect(await text(p, 'drop-cti')).toMatch(/refused the connection/);
      expect(await text(p, 'startup-state')).toBe('Start-up: stopped: the CTI server cannot be reached');
      await expectReadable(p);
    };
    await check(page);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-stopped.png') });
    expect(errors).toEqual([]);

    const replay = await openReplay([...scene.client.log.entries], 'recorded cti-unreachable');
    await check(replay.page);
    expect(replay.errors).toEqual([]);
  }, 60_000);

  it('stays readable narrower too: the grid takes fewer columns, the connections stack, nothing scrolls sideways', async () => {
    const scene = scenes[0]!;
    const { page } = await browser.open(scene.web.url);
    await openDashboard(page, scene.web.url);
    for (const width of [1024, 700]) {
      await page.setViewportSize({ width, height: 800 });
      const report = await layoutReport(page, '#dashboard');
      expect(report.scrollWidth, `at ${width}`).toBeLessThanOrEqual(width);
      expect(report.overflowingCards, `at ${width}`).toEqual([]);
      expect(report.brokenWords, `at ${width}`).toEqual([]);
    }
  });
});
