// The web dashboard in headless Chromium (issue 6 "Web dashboard"), driven by the library's
// commands through the local server: a lab call is answered, recorded and un-recorded from the
// page, an IM typed in the page reaches another lab user and shows as delivered, and voicemail is
// listed and marked read.
import { internalsOf } from '../../src/client/client-internals.ts';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnityClient, type UnityClient } from '../../src/client/create-unity-client.ts';
import { DEFAULT_CLIENT_VERSION } from '../../src/client/client-config.ts';
import { labClientConfig } from '../../src/client/lab-client-config.ts';
import { dashboardFacts } from '../../src/cli-shell/web/dashboard-facts.ts';
import { startWebUi } from '../../src/cli-shell/web/start-web-ui.ts';
import type { WebServer } from '../../src/cli-shell/web/web-server.ts';
import { startLab, type Lab } from '../../src/lab/start-lab.ts';
import { ARTIFACTS, CHROMIUM, launchChromium, type TestBrowser } from './web-support/chromium.ts';

let browser: TestBrowser;
let lab: Lab;
let ann: UnityClient;
let bob: UnityClient;
let web: WebServer;

beforeAll(async () => {
  lab = await startLab({ scenario: 'r22-cti' });
  ann = createUnityClient(labClientConfig(lab));
  bob = createUnityClient(labClientConfig(lab, { userIndex: 1 }));
  web = await startWebUi({
    session: ann,
    title: 'dashboard',
    facts: () => dashboardFacts(ann.branding, DEFAULT_CLIENT_VERSION),
    io: { stdout: () => undefined, stderr: () => undefined },
  });
  expect((await ann.start()).outcome).toBe('ready');
  expect((await bob.start()).outcome).toBe('ready');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await ann?.stop();
  await bob?.stop();
  await lab?.stop();
});

CHROMIUM.describe('web dashboard', () => {
  it('answers a lab call, starts and stops recording, sends an IM that is delivered, marks a voicemail read', async () => {
    const { page, requests, errors } = await browser.open(web.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#tab-dashboard');
    const annUser = lab.users[0]!;
    await expect.poll(() => page.textContent('[data-testid="card-profile"]')).toContain(`${annUser.firstName} ${annUser.lastName}`);
    expect(await page.textContent('[data-testid="card-license"]')).toContain('Licensed');
    expect(await page.locator('[data-testid="connection-cti"]').textContent()).toContain('online');

    // An incoming call from the lab appears ringing; answer it from the page.
    const call = lab.telephony.placeIncomingCall(annUser.loginId, { number: '+15550001234', name: 'Dana Caller' });
    const row = page.locator(`[data-testid="call-row"][data-call="${call.callId}"]`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('alerting');
    expect(await row.textContent()).toContain('Dana Caller');
    await page.click(`[data-testid="answer-${call.callId}"]`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('active');
    expect(lab.telephony.call(call.callId).state).toBe('Active');

    await page.click(`[data-testid="record-start-${call.callId}"]`);
    await expect.poll(() => row.getAttribute('data-recording')).toBe('on');
    await page.screenshot({ path: join(ARTIFACTS, 'web-dashboard-call-recording.png'), fullPage: true });
    await page.click(`[data-testid="record-stop-${call.callId}"]`);
    await expect.poll(() => row.getAttribute('data-recording')).not.toBe('on');
    await page.waitForSelector(`[data-testid="record-start-${call.callId}"]`);

    // An IM to Bob: delivered (acknowledged by the IM&P server) and received by Bob's client.
    const bobGot: string[] = [];
    const sub = internalsOf(bob).links.imp!.messages$.subscribe((m) => bobGot.push(m.body));
    await page.fill('[data-testid="im-to"]', lab.users[1]!.loginId);
    await page.fill('[data-testid="im-body"]', 'hello from the dashboard');
    await page.click('[data-testid="im-send"]');
    await page.waitForSelector('[data-testid="im-out"][data-status="delivered"]');
    await expect.poll(() => bobGot).toContain('hello from the dashboard');
    sub.unsubscribe();

    // Voicemail: the list from XSI (read once start-up was ready, and again on demand), one unread
    // message marked read.
    await page.click('[data-testid="vm-fetch"]');
    const unread = page.locator('[data-testid="vm-row"][data-read="false"]');
    await expect.poll(() => unread.count()).toBeGreaterThan(0);
    const before = await unread.count();
    await unread.first().locator('button').click();
    await expect.poll(() => unread.count()).toBe(before - 1);

    await page.click(`[data-testid="release-${call.callId}"]`);
    await expect.poll(() => row.count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'web-dashboard.png'), fullPage: true });
    expect(errors).toEqual([]);
    for (const url of requests) expect(url.startsWith(web.url)).toBe(true);
  });
});
