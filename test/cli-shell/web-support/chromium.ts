// Headless Debian Chromium driven by playwright-core (issue 6: real browser tests, nothing downloaded):
// a fresh profile per launch, no network services of its own, and every request the page makes
// recorded so a test can prove nothing left the local server.
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { systemProgram } from '../../support/system-programs.ts';

/** Debian's Chromium on PATH; the tests that launch it are `CHROMIUM.describe(…)`, skipped without it. */
export const CHROMIUM = systemProgram('chromium');
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

export interface TestBrowser {
  context: BrowserContext;
  /** A new page; `requests` collects every URL it asks for, `errors` every page error. */
  open(url: string): Promise<{ page: Page; requests: string[]; errors: string[] }>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'uc-chromium-'));
  // A persistent context on a fresh, throw-away profile directory (playwright passes --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM.path,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await mkdir(ARTIFACTS, { recursive: true });
  return {
    context,
    async open(url) {
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      return { page, requests, errors };
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
