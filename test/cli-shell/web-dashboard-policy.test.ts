// The dashboard honours the branding policy (seed §1.1; kakapo.md §2.1 <policy>): a monitored
// user's lamp shows the remote party only when callDetailsAvailable, the monitoring scope follows
// enterpriseViewAvailable, and a newer permitted client version is announced. The session here is
// scripted (a log entry naming the user, and a snapshot whose domain state has Bob's lamp ringing),
// so each policy can be set at will.
import { of } from 'rxjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClientSnapshot } from '../../src/client/client-snapshot.ts';
import { INITIAL_DOMAIN_STATE, type CallFacts } from '../../src/machines/domain/domain-state.ts';
import type { DashboardFacts } from '../../src/cli-shell/web/dashboard-facts.ts';
import { startWebServer, type WebServer } from '../../src/cli-shell/web/web-server.ts';
import type { LogEntry } from '../../src/machines/log/log-entry.ts';
import { CHROMIUM, launchChromium, type TestBrowser } from './web-support/chromium.ts';

const profileEntry: LogEntry = {
  v: 1,
  seq: 0,
  t: 0,
  source: 'network',
  target: 'startup',
  event: { type: 'PROFILE.LOADED', release: '22.0', profile: { userId: 'ann@lab.test', firstName: 'Ann', lastName: 'Lee', groupId: 'G', serviceProviderId: 'SP', isEnterprise: false, clientCallControl: false } },
  states: { startup: 'ready' },
  digest: 'x',
};

const bobsCall: CallFacts = {
  callId: 'callhalf-1:0',
  state: 'alerting',
  direction: 'incoming',
  remote: { name: { text: 'Secret Caller' }, number: { text: 'tel:+15550009999' } },
  startedAt: 0,
};

let browser: TestBrowser;
const servers: WebServer[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await browser?.close();
});

async function dashboardWith(facts: DashboardFacts) {
  const snapshot: ClientSnapshot = {
    seq: 0,
    outcome: 'ready',
    step: 'ready',
    stop: null,
    release: '22.0',
    callControl: 'CTI',
    connections: {},
    domain: { ...INITIAL_DOMAIN_STATE, lamps: { 'bob@lab.test': { userId: 'bob@lab.test', state: 'ringing', calls: { [bobsCall.callId]: bobsCall } } } },
  };
  const server = await startWebServer({
    session: { snapshot$: of(snapshot), events$: of(profileEntry), send: async () => ({ ok: true }) },
    facts: () => facts,
  });
  servers.push(server);
  const { page, errors } = await browser.open(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#tab-dashboard');
  await page.waitForSelector('[data-testid="card-profile"]:has-text("Ann Lee")');
  const lamp = page.locator('[data-testid="blf-bob@lab.test"]');
  await expect.poll(() => lamp.getAttribute('data-lamp')).toBe('ringing');
  return { page, lamp, errors };
}

CHROMIUM.describe('dashboard branding policy', () => {
  it('hides another user\u2019s remote party, limits monitoring to the group and announces a newer version', async () => {
    const { page, lamp, errors } = await dashboardWith({ clientVersion: '1.0.0', callDetailsAvailable: false, enterpriseViewAvailable: false, permittedUpdateVersion: '2.1.0' });
    expect(await lamp.textContent()).not.toContain('Secret Caller');
    expect(await page.textContent('[data-testid="card-blf"]')).toContain('your group only');
    expect(await page.textContent('[data-testid="card-version"]')).toContain('2.1.0');
    expect(await page.getAttribute('[data-testid="card-version"]', 'class')).toContain('notice');
    expect(errors).toEqual([]);
  });

  it('shows the remote party and the whole enterprise when the policy allows, and no update notice', async () => {
    const { page, lamp } = await dashboardWith({ clientVersion: '1.0.0', callDetailsAvailable: true, enterpriseViewAvailable: true, permittedUpdateVersion: null });
    expect(await lamp.textContent()).toContain('Secret Caller');
    expect(await page.textContent('[data-testid="card-blf"]')).toContain('whole enterprise');
    expect(await page.getAttribute('[data-testid="card-version"]', 'class')).not.toContain('notice');
  });
});
