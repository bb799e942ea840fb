// A recorded log with calls and messages (issue 11 "Done means"): a lab session written with
// --log's sink, then `unity-connect replay FILE --verify` (every snapshot, the domain state's
// included, matches) and `replay FILE --ui web`, whose dashboard shows the calls, lamps, messages
// and voicemail of the log — with its numbers and texts as the log keeps them: hidden, by length.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnityClient, decodeLog, domainTimeline, labClientConfig, type LogEntry } from 'unity-connect';
import { startLab, type Lab } from 'unity-connect/lab';
import { ARTIFACTS, CHROMIUM, launchChromium, type TestBrowser } from '../cli-shell/web-support/chromium.ts';

let dir: string;
let file: string;
let entries: LogEntry[];
let lab: Lab;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'uc-domain-replay-'));
  file = join(dir, 'session.jsonl');
  lab = await startLab({ scenario: 'r22-cti', seed: 'domain-replay' });
  const ann = createUnityClient(labClientConfig(lab, { logFile: file }));
  const bob = createUnityClient(labClientConfig(lab, { userIndex: 1 }));
  try {
    await ann.start();
    await bob.start();
    const [annUser, bobUser] = [lab.users[0]!, lab.users[1]!];
    const call = lab.telephony.placeIncomingCall(annUser.loginId, { number: '+15550001234', name: 'Dana Caller' });
    await until(() => ann.snapshot.domain.calls[call.callId] !== undefined);
    expect(await ann.send({ type: 'answer', callId: call.callId })).toEqual({ ok: true });
    lab.telephony.placeIncomingCall(bobUser.loginId, { number: '+15550002222' });
    await until(() => ann.snapshot.domain.lamps[bobUser.loginId]?.state === 'ringing');
    await bob.send({ type: 'sendIm', to: annUser.loginId, body: 'a secret from bob' });
    await ann.send({ type: 'sendIm', to: bobUser.loginId, body: 'a secret from ann' });
    await until(() => Object.values(ann.snapshot.domain.conversations).flatMap((c) => c.messages).filter((m) => m.delivery === 'received' || m.delivery === 'delivered').length === 2);
    await until(() => (ann.snapshot.domain.voicemail.messages?.length ?? 0) > 0);
  } finally {
    await bob.stop();
    await ann.stop();
  }
  entries = decodeLog(await readFile(file, 'utf8'));
}, 60_000);

afterAll(async () => {
  await lab?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function until(ok: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function cli(args: string[]): { child: ReturnType<typeof spawn>; stdout: () => string; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['bin/unity-connect.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return { child, stdout: () => out, stderr: () => err, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

describe('a recorded log with calls and messages', () => {
  it('holds the domain events, none of the numbers or texts, and its domain state along the way', () => {
    const text = entries.map((e) => JSON.stringify(e)).join('\n');
    for (const secret of ['15550001234', 'Dana Caller', '15550002222', 'a secret from', 'Dana Whitfield', '441632960101']) expect(text).not.toContain(secret);
    const types = new Set(entries.filter((e) => e.target === 'domain').map((e) => e.event.type));
    for (const t of ['CALLS.LISTED', 'CALL.CHANGED', 'LAMPS.MONITORED', 'IM.RECEIVED', 'IM.DELIVERED', 'USER.COMMAND', 'COMMAND.RESULT', 'VOICEMAIL.LISTED', 'VOICEMAIL.SUMMARY']) expect(types).toContain(t);
    const last = domainTimeline(entries).at(-1)!.domain;
    expect(Object.values(last.calls)).toHaveLength(1);
    expect(Object.values(last.calls)[0]).toMatchObject({ state: 'active', remote: { name: { length: 'Dana Caller'.length }, number: { length: 'tel:+15550001234'.length } } });
  });

  it("'unity-connect replay FILE --verify' matches every snapshot, the domain state's included", async () => {
    const run = cli(['replay', file, '--verify']);
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain(`replayed ${entries.length} entries: every snapshot matches the log`);
  }, 60_000);

  it("'replay --verify' finds a domain event changed in the log: the domain state is checked too", async () => {
    const { writeFile } = await import('node:fs/promises');
    const tampered = join(dir, 'tampered.jsonl');
    const at = entries.findIndex((e) => e.target === 'domain' && e.event.type === 'IM.RECEIVED');
    const changed = entries.map((e, i) => (i === at ? { ...e, event: { ...e.event, id: 'another-id' } } : e));
    await writeFile(tampered, changed.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const run = cli(['replay', tampered, '--verify']);
    expect(await run.exited).toBe(1);
    expect(run.stdout()).toContain(`replay diverges at seq ${entries[at]!.seq}: after IM.RECEIVED`);
  }, 60_000);

  CHROMIUM.describe('in the web inspector', () => {
    let browser: TestBrowser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("'replay FILE --ui web' shows the log's calls, lamps, messages and voicemail on the dashboard", async () => {
      const run = cli(['replay', file, '--ui', 'web']);
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const poll = setInterval(() => {
            const match = /web UI: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(run.stderr());
            if (match) {
              clearInterval(poll);
              resolve(match[1]!);
            }
          }, 50);
          void run.exited.then(() => reject(new Error(`exited before serving: ${run.stderr()}`)));
        });
        const { page, errors, requests } = await browser.open(url);
        await page.waitForSelector('body[data-ready="true"]');
        await page.click('#tab-dashboard');
        await page.locator('#timeline').fill(String(entries.length - 1));
        const row = page.locator('[data-testid="call-row"]');
        await expect.poll(() => row.count()).toBe(1);
        expect(await row.getAttribute('data-state')).toBe('active');
        // The log hides the number and the name: the page shows their length only.
        expect(await row.textContent()).toContain('(11 characters hidden)');
        expect(await row.textContent()).not.toContain('Dana');
        expect(await page.locator('[data-testid="blf-bob@lab.test"]').getAttribute('data-lamp')).toBe('ringing');
        expect(await page.locator('[data-testid="im-in"]').textContent()).toContain('bob@lab.test');
        expect(await page.locator('[data-testid="im-out"]').getAttribute('data-status')).toBe('delivered');
        expect(await page.locator('[data-testid="vm-row"]').count()).toBeGreaterThan(0);
        expect(await page.textContent('[data-testid="vm-summary"]')).toMatch(/\d+ new/);
        // A replay takes no commands: the controls are there but disabled.
        expect(await page.locator('[data-testid^="hold-"]').isDisabled()).toBe(true);
        await page.screenshot({ path: join(ARTIFACTS, 'web-replay-domain.png'), fullPage: true });
        // Back at the start of the log there was no call yet.
        await page.locator('#timeline').fill('0');
        await expect.poll(() => row.count()).toBe(0);
        expect(errors).toEqual([]);
        for (const u of requests) expect(u.startsWith(url)).toBe(true);
      } finally {
        run.child.kill('SIGINT');
        await run.exited;
      }
    }, 90_000);
  });
});
