// The dashboard's three situations a support engineer meets, each a real lab session served by the
// web UI: all online (OCI and CTI over TLS 1.2, IM&P plain, a call ringing, a monitored user busy,
// IMs in and out), a CTI drop with its reconnect countdown (a lab fault), and a start-up that
// stopped (cti-unreachable: nothing listens on the CTI port). Shared by the Chromium tests and
// `npm run screenshots` (scripts/screenshots.ts), so the pictures show what the tests check.
import type { Page } from 'playwright-core';
import { createUnityClient, type UnityClient } from '../../../src/client/create-unity-client.ts';
import { DEFAULT_CLIENT_VERSION } from '../../../src/client/client-config.ts';
import { labClientConfig } from '../../../src/client/lab-client-config.ts';
import { dashboardFacts } from '../../../src/cli-shell/web/dashboard-facts.ts';
import { startWebUi } from '../../../src/cli-shell/web/start-web-ui.ts';
import type { WebServer } from '../../../src/cli-shell/web/web-server.ts';
import { startLab, type Lab } from '../../../src/lab/start-lab.ts';

export const SCREEN = { width: 1280, height: 800 } as const;

export interface LiveScene {
  lab: Lab;
  /** The user whose dashboard is served (the lab's first user). */
  client: UnityClient;
  /** Other lab users' sessions the scene started. */
  others: UnityClient[];
  web: WebServer;
  close(): Promise<void>;
}

/** A lab session of `scenario` served by the web UI, started (ready or stopped). */
export async function liveScene(scenario: string, options: { others?: number } = {}): Promise<LiveScene> {
  const lab = await startLab({ scenario });
  const client = createUnityClient(labClientConfig(lab));
  const others = Array.from({ length: options.others ?? 0 }, (_, i) => createUnityClient(labClientConfig(lab, { userIndex: i + 1 })));
  const web = await startWebUi({
    session: client,
    title: `lab ${scenario}`,
    facts: () => dashboardFacts(client.branding, DEFAULT_CLIENT_VERSION),
    io: { stdout: () => undefined, stderr: () => undefined },
  });
  await client.start();
  for (const other of others) await other.start();
  return {
    lab,
    client,
    others,
    web,
    async close() {
      await web.close();
      await client.stop();
      for (const other of others) await other.stop();
      await lab.stop();
    },
  };
}

/** Some domain state to see: a call ringing for the user, a monitored colleague on a call, an IM each way. */
export async function busyDay(scene: LiveScene): Promise<void> {
  const [ann, bob] = [scene.lab.users[0]!, scene.lab.users[1]!];
  scene.lab.telephony.placeIncomingCall(ann.loginId, { number: '+15550001234', name: 'Dana Caller' });
  const bobsCall = scene.lab.telephony.placeIncomingCall(bob.loginId, { number: '+15550004321', name: 'Reception' });
  scene.lab.telephony.answer(bob.loginId, bobsCall.callId);
  const other = scene.others[0];
  if (other !== undefined) await other.send({ type: 'sendIm', to: ann.loginId, body: 'Are you free for a call at 3?' });
  await scene.client.send({ type: 'sendIm', to: bob.loginId, body: 'Yes, call me then.' });
}

/** Opens the dashboard tab of `url` at 1280×800 and waits until it shows the connections. */
export async function openDashboard(page: Page, url: string): Promise<void> {
  await page.setViewportSize(SCREEN);
  if (page.url() !== url) await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#tab-dashboard');
  await page.waitForSelector('[data-testid="card-connections"] table.connections');
}
