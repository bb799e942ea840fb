// The one login-failure rule (issue 10 item 1), end to end against the lab over real sockets, on a
// virtual clock: after a drop, a re-login answered with a server error or a garbled document is a
// drop with its own named reason, retried 15 s later until the connection is back online by itself
// (OCI, CTI, Kakapo IM&P, CAP); a real refusal of the credentials waits for new credentials and is
// never retried by itself (OCI, CTI). XMPP: test/adapters/xmpp/xmpp-login-failure.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/machines/clock/virtual-clock.ts';
import type { ConnectionName } from '../../src/machines/connection/contract.ts';
import type { LogEntry } from '../../src/machines/log/log-entry.ts';
import { entriesFrom, entryWhere, isEvent } from './support/log-wait.ts';
import { startLabSession, type LabSession } from './support/lab-session.ts';

let session: LabSession | null = null;
afterEach(async () => {
  await session?.stop();
  session = null;
});

const online = (state: string | undefined): boolean => state?.startsWith('online') === true;
const connects = (entry: LogEntry, name: ConnectionName): boolean => entry.effects?.some((f) => f.from === name && f.effect.type === 'effect.connect') === true;

/** Ready on a virtual clock; `wrongPassword()` makes every later login use a wrong password. */
async function readySession(scenario: string) {
  const clock = new VirtualClock(2_000_000);
  let wrong = false;
  session = await startLabSession(scenario, { clock, password: async () => (wrong ? 'not-the-password' : (session?.password ?? '')) });
  expect((await session.client.start()).outcome).toBe('ready');
  return { s: session, clock, wrongPassword: () => void (wrong = true) };
}

/** The lab cuts `service`'s connections; resolves with the drop of `name`. */
async function cut(s: LabSession, service: string, name: ConnectionName): Promise<LogEntry> {
  const before = s.client.log.entries.length;
  await s.lab.fault(service, 'drop-all');
  const dropped = await entryWhere(s.client, (e) => e.target === name && (e.event.type === 'TRANSPORT.DROPPED' || e.event.type === 'SESSION.ENDED'), before);
  expect(dropped.states[name]).toBe('reconnecting');
  return dropped;
}

const CASES: Array<{ service: string; name: ConnectionName; others: ConnectionName[]; what: string }> = [
  { service: 'oci', name: 'oci', others: ['cti', 'imp'], what: 'OCI (AuthenticationRequest)' },
  { service: 'cti', name: 'cti', others: ['oci', 'imp'], what: 'CTI (the channel request)' },
  { service: 'imp', name: 'imp', others: ['oci', 'cti'], what: 'Kakapo IM&P (REGISTER)' },
];

describe('a bad answer to a re-login is a drop: reconnect 15 s later, back online by itself (virtual clock)', () => {
  for (const { service, name, others, what } of CASES) {
    for (const answer of ['server-error', 'garbled'] as const) {
      it(`${what}: a ${answer} answer`, async () => {
        const { s, clock } = await readySession('r22-cti');
        const client = s.client;
        await s.lab.fault(service, `answer:${answer}`); // the next login answer only
        const dropped = await cut(s, service, name);

        clock.advance(15_000);
        const refused = await entryWhere(client, (e) => e.target === name && e.event.type === 'TRANSPORT.DROPPED', dropped.seq + 1);
        // Its own named reason, and a reconnect scheduled, not a wait for credentials.
        expect(refused.event['failure']).toMatchObject({ kind: answer });
        expect(refused.states[name]).toBe('reconnecting');
        expect(refused.t - dropped.t).toBe(15_000);

        clock.advance(14_999);
        expect(entriesFrom(client, refused.seq + 1).some((e) => connects(e, name))).toBe(false);
        clock.advance(1);
        const back = await entryWhere(client, isEvent(name, 'AUTH.OK'), refused.seq);
        expect(online(back.states[name])).toBe(true);
        const again = entriesFrom(client, refused.seq + 1).find((e) => connects(e, name));
        expect(again?.t).toBe(refused.t + 15_000);
        // Never authFailed on the way, and the others were not disturbed.
        for (const entry of entriesFrom(client, dropped.seq)) {
          expect(entry.states[name]).not.toBe('authFailed');
          for (const other of others) expect(online(entry.states[other]), `${other} at seq ${entry.seq}`).toBe(true);
        }
      });
    }
  }

  it('CAP (registration refused for a reason that is no credential problem): retried 15 s later, registered again', async () => {
    const { s, clock } = await readySession('r21-cap');
    const client = s.client;
    s.lab.oci.failCapRegistrations(1);
    const dropped = await cut(s, 'oci', 'cap');
    clock.advance(15_000);
    const refused = await entryWhere(client, (e) => e.target === 'cap' && e.event.type === 'TRANSPORT.DROPPED', dropped.seq + 1);
    expect(refused.event['failure']).toMatchObject({ kind: 'server-error', message: expect.stringContaining('temporarily unavailable') });
    expect(refused.states['cap']).toBe('reconnecting');
    expect(online(refused.states['oci'])).toBe(true);
    clock.advance(15_000);
    const back = await entryWhere(client, isEvent('cap', 'AUTH.OK'), refused.seq);
    expect(online(back.states['cap'])).toBe(true);
    expect(back.t - refused.t).toBe(15_000);
    expect(await client.send({ type: 'dial', number: '2002' })).toEqual({ ok: true });
  });
});

describe('a real refusal of the credentials waits for new credentials (virtual clock)', () => {
  for (const { service, name } of CASES.slice(0, 2)) {
    it(`${name.toUpperCase()}: a wrong password at the re-login goes to authFailed and is not retried`, async () => {
      const { s, clock, wrongPassword } = await readySession('r22-cti');
      const client = s.client;
      wrongPassword();
      const dropped = await cut(s, service, name);
      clock.advance(15_000);
      const failed = await entryWhere(client, isEvent(name, 'AUTH.FAILED'), dropped.seq);
      expect(failed.states[name]).toBe('authFailed');
      const count = client.log.entries.length;
      clock.advance(120_000);
      await new Promise((r) => setTimeout(r, 100));
      expect(entriesFrom(client, count).some((e) => connects(e, name))).toBe(false);
      expect(client.snapshot.connections[name]?.state).toBe('authFailed');
    });
  }
});
