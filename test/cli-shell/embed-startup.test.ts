// Embedding (issue 6): `unity-connect/machines` bundles for the browser with no Node built-ins, and
// examples/embed-startup runs the start-up machine in headless Chromium with scripted drivers.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleExample } from '../../examples/embed-startup/bundle.ts';
import { ARTIFACTS, CHROMIUM, launchChromium, type TestBrowser } from './web-support/chromium.ts';

async function bundleForBrowser(entry: string): Promise<{ text: string; inputs: string[] }> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, platform: 'browser', format: 'esm', metafile: true, logLevel: 'silent' });
  return { text: result.outputFiles[0]?.text ?? '', inputs: Object.keys(result.metafile.inputs) };
}

describe('browser bundle of unity-connect/machines and unity-connect/codecs', () => {
  // The installed package's entries get the same check in test/package/consumer.test.ts.
  it.each([
    ['src/machines/index.ts', 'src/machines/startup/'],
    ['src/codecs/index.ts', 'src/codecs/oci/'],
  ])('bundles %s for platform browser with no node: import', async (entry, inside) => {
    const { text, inputs } = await bundleForBrowser(entry);
    expect(inputs.some((i) => i.startsWith(inside))).toBe(true);
    expect(inputs.filter((i) => i.startsWith('node:') || i.includes('(disabled)'))).toEqual([]);
    expect(text).not.toMatch(/\brequire\(|from ["']node:/);
  });

  it('the same check rejects a module that needs Node (the client: node:crypto, sockets)', async () => {
    await expect(bundleForBrowser('src/client/create-unity-client.ts')).rejects.toThrow(/node:/);
  });
});

CHROMIUM.describe('examples/embed-startup in Chromium', () => {
  let browser: TestBrowser;
  let server: Server;
  let origin = '';

  beforeAll(async () => {
    const [html, script] = await Promise.all([readFile('examples/embed-startup/index.html', 'utf8'), bundleExample()]);
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      if (path === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('reaches ready with OCI, CTI and IM&P online, and answers a keepalive on virtual time', async () => {
    const { page, requests, errors } = await browser.open(`${origin}/?delay=0`);
    await page.waitForSelector('body[data-state="ready"]');
    const actors = await page.locator('#actors li').allTextContents();
    expect(actors).toEqual(expect.arrayContaining(['startup: ready', 'oci: online.quiet', 'cti: online.quiet', 'imp: online.quiet']));
    const before = await page.locator('#log li').count();
    await page.click('#advance');
    await expect.poll(async () => (await page.locator('#log li').allTextContents()).slice(before).join('\n')).toMatch(/KEEPALIVE\.ACK/);
    await page.screenshot({ path: join(ARTIFACTS, 'embed-startup-ready.png'), fullPage: true });
    expect(errors).toEqual([]);
    for (const url of requests) expect(url.startsWith(origin)).toBe(true);
  });

  it('stops on ctiUnreachable when the script refuses the CTI connection', async () => {
    const { page, errors } = await browser.open(`${origin}/?delay=0&refuse=cti`);
    await page.waitForSelector('body[data-state="done:ctiUnreachable"]');
    expect(errors).toEqual([]);
  });
});
