// `npm run screenshots`: the web dashboard at 1280×800 in Debian's Chromium (playwright-core, no
// browser downloaded), in the three situations of test/cli-shell/web-support/dashboard-scenes.ts,
// written to docs/screenshots/: dashboard-online.png (all online, a call ringing, a colleague busy,
// IMs), dashboard-reconnecting.png (the lab dropped CTI: the countdown and the drop's reason) and
// dashboard-stopped.png (cti-unreachable: what happened and what to change, at the top).
// `--out DIR` writes elsewhere. The same scenes are checked by test/cli-shell/web-dashboard-support.test.ts.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '../test/cli-shell/web-support/chromium.ts';
import { busyDay, liveScene, openDashboard } from '../test/cli-shell/web-support/dashboard-scenes.ts';

const outAt = process.argv.indexOf('--out');
const out = outAt >= 0 ? process.argv[outAt + 1]! : 'docs/screenshots';

async function main(): Promise<void> {
  await mkdir(out, { recursive: true });
  const browser = await launchChromium();
  try {
    const online = await liveScene('r24-cti-tls', { others: 1 });
    try {
      await busyDay(online);
      const { page, errors } = await browser.open(online.web.url);
      await openDashboard(page, online.web.url);
      await page.waitForSelector('[data-testid="im-out"][data-status="delivered"]');
      await page.waitForSelector('[data-testid="call-row"]');
      await page.screenshot({ path: join(out, 'dashboard-online.png') });

      await online.lab.fault('cti', { type: 'drop-all' });
      await page.waitForSelector('[data-testid="state-cti"]:has-text("reconnecting in")');
      await page.waitForTimeout(3_200); // a few ticks of the countdown
      await page.screenshot({ path: join(out, 'dashboard-reconnecting.png') });
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    } finally {
      await online.close();
    }

    const stopped = await liveScene('cti-unreachable');
    try {
      const { page } = await browser.open(stopped.web.url);
      await openDashboard(page, stopped.web.url);
      await page.waitForSelector('[data-testid="stop-advice"]');
      await page.screenshot({ path: join(out, 'dashboard-stopped.png') });
    } finally {
      await stopped.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`wrote dashboard-online.png, dashboard-reconnecting.png, dashboard-stopped.png to ${out}/\n`);
}

await main();
