import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { replay } from '../../../src/machines/replay/replay.ts';
import { decodeLog, encodeLog } from '../../../src/machines/log/jsonl.ts';
import { createRecordedSystem } from '../../../src/machines/log/recorded-system.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import type { TimeSource } from '../../../src/machines/clock/clock.ts';
import { connectionMachine } from '../../../src/machines/connection/connection-machine.ts';
import type { ConnectionName } from '../../../src/machines/connection/contract.ts';
import { STOP_CODES, startupMachine } from '../../../src/machines/startup/startup-machine.ts';
import { defaultBranding, defaultLicense, defaultProfile, startScriptedSession } from '../support/scripted-session.ts';

const names: ConnectionName[] = ['oci', 'cap', 'cti', 'imp', 'xmpp'];

const world = fc.record({
  release: fc.constantFrom('16', '17sp4', '20', '21sp1', '22', 'R24'),
  useCtiInsteadOfCap: fc.boolean(),
  ociTls: fc.boolean(),
  clientCallControl: fc.boolean(),
  xmppId: fc.option(fc.constant('alice@xmpp.example.test'), { nil: undefined }),
  licenseStatus: fc.constantFrom('Licensed', 'Trial', 'Expired', 'Unlicensed') as fc.Arbitrary<'Licensed' | 'Trial' | 'Expired' | 'Unlicensed'>,
  imp: fc.boolean(),
  xmpp: fc.boolean(),
  // Per connection and attempt: does the connect succeed, does the login succeed, are keepalives answered?
  connectOk: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  authOk: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  ackOk: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
});

const action = fc.oneof(
  fc.integer({ min: 1, max: 400_000 }).map((ms) => ({ kind: 'advance' as const, ms })),
  fc.constantFrom(...names).map((name) => ({ kind: 'drop' as const, name })),
  fc.constant({ kind: 'logout' as const }),
  fc.constantFrom(...names).map((name) => ({ kind: 'credentials' as const, name })),
  fc.constant({ kind: 'close' as const }),
);

describe('replay, property', () => {
  test.prop([world, fc.array(action, { maxLength: 25 })], { numRuns: 60 })(
    'every random scripted run replays exactly',
    (w, actions) => {
      const pick = (flags: boolean[], n: number) => flags[(n - 1) % flags.length] ?? true;
      const s = startScriptedSession({
        branding: () => ({
          type: 'BRANDING.LOADED',
          branding: {
            ...defaultBranding,
            connectivity: {
              ...defaultBranding.connectivity,
              useCtiInsteadOfCap: w.useCtiInsteadOfCap,
              ...(w.ociTls ? { ociTls: { enabled: true, port: 2209, securityProtocol: 'TLSv1.2' as const } } : {}),
            },
          },
        }),
        profile: () => ({
          type: 'PROFILE.LOADED',
          release: w.release,
          profile: { ...defaultProfile, clientCallControl: w.clientCallControl, xmppId: w.xmppId },
        }),
        license: () => ({
          type: 'LICENSE.LOADED',
          license: { ...defaultLicense, status: w.licenseStatus, features: { ...defaultLicense.features, imp: w.imp, xmpp: w.xmpp } },
        }),
        connections: Object.fromEntries(
          names.map((name) => [
            name,
            {
              connect: (e: { attempt: number }) =>
                pick(w.connectOk, e.attempt)
                  ? { type: 'TRANSPORT.CONNECTED' as const, attempt: e.attempt }
                  : { type: 'TRANSPORT.FAILED' as const, attempt: e.attempt, failure: { kind: 'refused' as const, message: 'ECONNREFUSED' } },
              authenticate: (e: { attempt: number }) =>
                pick(w.authOk, e.attempt)
                  ? { type: 'AUTH.OK' as const, attempt: e.attempt }
                  : { type: 'AUTH.FAILED' as const, attempt: e.attempt, message: 'denied' },
              keepalive: (e: { attempt: number; seq: number }) =>
                pick(w.ackOk, e.seq) ? { type: 'KEEPALIVE.ACK' as const, attempt: e.attempt, seq: e.seq } : null,
            },
          ]),
        ),
      });
      // Start-up always settles: ready, or a named stop with a reason.
      expect(['ready', ...STOP_CODES]).toContain(s.state());
      if (s.state() !== 'ready') expect(s.output()?.reason.length).toBeGreaterThan(20);
      for (const a of actions) {
        if (a.kind === 'advance') s.advance(a.ms);
        else if (a.kind === 'drop') s.send(a.name, { type: 'TRANSPORT.DROPPED', failure: { kind: 'reset', message: 'ECONNRESET' } }, 'network');
        else if (a.kind === 'logout') s.send('oci', { type: 'SESSION.ENDED', reason: 'Open Client Server Forced Logout' }, 'network');
        else if (a.kind === 'credentials') s.send(a.name, { type: 'CREDENTIALS.UPDATED' });
        else s.send('startup', { type: 'CLOSE' });
      }
      const log = decodeLog(encodeLog(s.system.entries));
      expect(replay(log, { machine: startupMachine })).toMatchObject({ ok: true, entries: log.length });
    },
  );

  it('replays a keepalive answer that beat a late-firing timeout timer, in the order it happened', () => {
    // A busy event loop: every timer fires 10 ms after it is due.
    const virtual = new VirtualClock();
    const laggy: TimeSource = {
      now: () => virtual.now(),
      setTimeout: (fn, ms) => virtual.setTimeout(fn, ms + 10),
      clearTimeout: (id) => virtual.clearTimeout(id),
    };
    const input = {
      name: 'oci' as const,
      endpoint: { host: 'oci.example.test', port: 2208, tls: null },
      keepaliveMs: 1_000,
      keepaliveTimeoutMs: 100,
    };
    const system = createRecordedSystem({ machine: connectionMachine, input, clock: laggy, systemId: 'oci' });
    system.start();
    for (const event of [{ type: 'CONNECT' }, { type: 'TRANSPORT.CONNECTED' }, { type: 'AUTH.OK' }]) {
      system.dispatch('oci', event, 'network');
    }
    virtual.advanceTo(1_010); // keepalive 1 goes out (due 1 000, fired 1 010)
    virtual.advanceTo(1_115); // its timeout was due at 1 110 but has not fired yet
    system.dispatch('oci', { type: 'KEEPALIVE.ACK', seq: 1 }, 'network');
    virtual.advanceTo(1_200);
    expect(system.actor.getSnapshot().value).toEqual({ online: 'quiet' });
    const ack = system.entries.at(-1)!;
    expect(ack).toMatchObject({ t: 1_115, event: { type: 'KEEPALIVE.ACK' } });
    expect(system.entries.filter((e) => e.source === 'timer').map((e) => e.t)).toEqual([1_010]);
    expect(replay(system.entries, { machine: connectionMachine })).toEqual({ ok: true, entries: system.entries.length });
  });
});
