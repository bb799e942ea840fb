// The example frontend (examples/domain-frontend; issue 11 "Done means") against the lab: attached
// once, through the package's public API only, it shows calls, lamps, messages and voicemail, and
// keeps showing them — and updating — across a CTI connection the lab drops (virtual clock: the
// reconnect 15 s later takes no real time).
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { attachUi, createUnityClient, LAMP_NEWS_EVERY_MS, labClientConfig, VirtualClock, type UnityClient } from 'unity-connect';
import { startLab, type Lab } from 'unity-connect/lab';
import { domainFrontend, type FrontendView } from '../../examples/domain-frontend/frontend.ts';
import { replay } from '../../src/machines/replay/replay.ts';
import { startupMachine } from '../../src/machines/startup/startup-machine.ts';
import { entryWhere, isEvent } from './support/log-wait.ts';

let lab: Lab | null = null;
const clients: UnityClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
  await lab?.stop();
  lab = null;
});

describe('the example frontend (public API only)', () => {
  it('imports nothing but the package entry points', async () => {
    for (const file of ['frontend.ts', 'run.ts']) {
      const source = await readFile(new URL(`../../examples/domain-frontend/${file}`, import.meta.url), 'utf8');
      const specifiers = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const s of specifiers) expect(['unity-connect', 'unity-connect/lab', './frontend.ts']).toContain(s);
    }
  });

  it('shows calls, lamps, messages and voicemail, and keeps updating across a dropped CTI connection', async () => {
    lab = await startLab({ scenario: 'r22-cti', seed: 'example-frontend' });
    const clock = new VirtualClock(9_000_000);
    const ann = createUnityClient(labClientConfig(lab, { clock }));
    const bob = createUnityClient(labClientConfig(lab, { userIndex: 1, clock: new VirtualClock(9_000_000) }));
    clients.push(ann, bob);
    let view: FrontendView | null = null;
    let renders = 0;
    // Attached ONCE, before start: nothing is re-subscribed after the drop.
    attachUi(
      ann,
      domainFrontend((v) => {
        view = v;
        renders++;
      }),
    );
    const current = (): FrontendView => view!;
    // Lamp news enters the log at most once per LAMP_NEWS_EVERY_MS of the session's clock (issue
    // 14): on this virtual clock, time moves on while the lamps are polled.
    const lampsAsTimePasses = (): string[] => {
      clock.advance(LAMP_NEWS_EVERY_MS);
      return current().lamps;
    };
    expect((await ann.start()).outcome).toBe('ready');
    expect((await bob.start()).outcome).toBe('ready');
    const [annUser, bobUser] = [lab.users[0]!, lab.users[1]!];

    // Voicemail (read over XSI once ready), lamps (the BLF list), a call, a message.
    await expect.poll(() => current().voicemail[0] ?? '', { timeout: 5_000 }).toMatch(/new, \d+ old voicemail/);
    await expect.poll(() => current().lamps, { timeout: 5_000 }).toContain(`${bobUser.loginId}: idle`);
    const first = lab.telephony.placeIncomingCall(annUser.loginId, { number: '+15550001234', name: 'Dana Caller' });
    await expect.poll(() => current().calls.join('\n'), { timeout: 5_000 }).toContain('Dana Caller tel:+15550001234 — alerting incoming (answer, release)');
    expect(await bob.send({ type: 'sendIm', to: annUser.loginId, body: 'before the drop' })).toMatchObject({ ok: true });
    await expect.poll(() => current().messages, { timeout: 5_000 }).toContain(`← ${bobUser.loginId}: before the drop`);

    // The lab drops CTI. The frontend shows it reconnecting and still shows the call.
    const before = ann.log.entries.at(-1)!.seq;
    await lab.fault('cti', 'drop-all');
    await entryWhere(ann, isEvent('cti', 'TRANSPORT.DROPPED'), before);
    await expect.poll(() => current().connections, { timeout: 5_000 }).toContain('cti: reconnecting');
    expect(current().calls.join('\n')).toContain('Dana Caller');
    // While CTI is down the rest keeps updating: a message, and Bob's lamp stays listed.
    const rendersDuringDrop = renders;
    expect(await bob.send({ type: 'sendIm', to: annUser.loginId, body: 'during the drop' })).toMatchObject({ ok: true });
    await expect.poll(() => current().messages, { timeout: 5_000 }).toContain(`← ${bobUser.loginId}: during the drop`);
    expect(renders).toBeGreaterThan(rendersDuringDrop);
    // The call is answered elsewhere meanwhile; a new one rings at Bob.
    lab.telephony.answer(annUser.loginId, first.callId);
    const bobsCall = lab.telephony.placeIncomingCall(bobUser.loginId, { number: '+15550002222' });

    // 15 s later CTI is back, on a new link: the frontend learns the call's new state (the
    // subscription's listing), Bob's lamp, and later calls, without re-attaching.
    clock.advance(15_000);
    await entryWhere(ann, isEvent('cti', 'AUTH.OK'), before);
    await expect.poll(() => current().connections, { timeout: 5_000 }).toContain('cti: online');
    await expect.poll(() => current().calls.join('\n'), { timeout: 5_000 }).toContain('Dana Caller tel:+15550001234 — active incoming');
    await expect.poll(lampsAsTimePasses, { timeout: 5_000 }).toContain(`${bobUser.loginId}: ringing`);
    const second = lab.telephony.placeIncomingCall(annUser.loginId, { number: '+15550003333', name: 'After Drop' });
    await expect.poll(() => current().calls.join('\n'), { timeout: 5_000 }).toContain('After Drop tel:+15550003333 — alerting');
    lab.telephony.remoteRelease(second.callId);
    lab.telephony.remoteRelease(bobsCall.callId);
    await expect.poll(() => current().calls.join('\n'), { timeout: 5_000 }).not.toContain('After Drop');
    await expect.poll(lampsAsTimePasses, { timeout: 5_000 }).toContain(`${bobUser.loginId}: idle`);

    // The same state is the log's: it replays (every snapshot digest, the domain actor's included).
    await ann.stop();
    expect(replay(ann.log.entries, { machine: startupMachine })).toMatchObject({ ok: true });
  });
});
