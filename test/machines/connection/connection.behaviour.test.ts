import { describe, expect, it } from 'vitest';
import { createActor, setup, spawnChild } from 'xstate';
import { ConnectionHarness, plainEndpoint, tlsEndpoint } from './harness.ts';
import { connectionMachine } from '../../../src/machines/connection/connection-machine.ts';
import type { ConnectionNotification } from '../../../src/machines/connection/contract.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';

const base = { name: 'oci' as const, keepaliveMs: 300_000, keepaliveTimeoutMs: 30_000 };

describe('connection machine', () => {
  it('secures a TLS endpoint with its server name and version before authenticating', () => {
    const h = new ConnectionHarness({ ...base, endpoint: tlsEndpoint });
    h.send({ type: 'CONNECT' });
    expect(h.effects('effect.connect')).toEqual([
      { type: 'effect.connect', connection: 'oci', attempt: 1, host: 'oci.example.test', port: 2209 },
    ]);
    h.send({ type: 'TRANSPORT.CONNECTED', attempt: 1 });
    expect(h.state).toBe('securing');
    expect(h.effects('effect.secure')).toEqual([
      { type: 'effect.secure', connection: 'oci', attempt: 1, servername: 'cert.example.test', version: 'TLSv1.2' },
    ]);
    h.send({ type: 'TLS.SECURED', attempt: 1, version: 'TLSv1.2' });
    expect(h.state).toBe('authenticating');
    expect(h.actor.getSnapshot().context.tlsVersion).toBe('TLSv1.2');
  });

  it('skips securing on a plain endpoint', () => {
    const h = new ConnectionHarness({ ...base, endpoint: plainEndpoint });
    h.send({ type: 'CONNECT' });
    h.send({ type: 'TRANSPORT.CONNECTED' });
    expect(h.state).toBe('authenticating');
    expect(h.effects('effect.secure')).toEqual([]);
  });

  it('reconnects 15 s after an unexpected drop, and keeps trying every 15 s', () => {
    const h = new ConnectionHarness({ ...base, endpoint: plainEndpoint });
    h.bringOnline();
    h.advance(1_000);
    h.send({ type: 'TRANSPORT.DROPPED', failure: { kind: 'reset', message: 'ECONNRESET' } });
    expect(h.state).toBe('reconnecting');
    h.advance(14_999);
    expect(h.effects('effect.connect')).toHaveLength(1);
    h.advance(1);
    expect(h.effects('effect.connect').map((e) => e.attempt)).toEqual([1, 2]);
    h.send({ type: 'TRANSPORT.FAILED', attempt: 2, failure: { kind: 'refused', message: 'ECONNREFUSED' } });
    expect(h.state).toBe('reconnecting');
    h.advance(15_000);
    expect(h.effects('effect.connect').map((e) => e.attempt)).toEqual([1, 2, 3]);
  });

  it('never reconnects after the user closed it', () => {
    const h = new ConnectionHarness({ ...base, endpoint: plainEndpoint });
    h.bringOnline();
    h.send({ type: 'CLOSE' });
    expect(h.state).toBe('closed');
    expect(h.effects('effect.close').at(-1)?.reason).toBe('user');
    h.advance(3_600_000);
    expect(h.effects('effect.connect')).toHaveLength(1);
    expect(h.effects('effect.keepalive')).toHaveLength(0);
  });

  it('takes an unanswered request on the online link for a missed keepalive answer: dead now, back 15 s later', () => {
    const h = new ConnectionHarness({ ...base, endpoint: plainEndpoint });
    h.bringOnline();
    h.advance(45_000); // mid keepalive period (300 s): no keepalive in flight
    expect(h.effects('effect.keepalive')).toHaveLength(0);
    h.send({ type: 'REQUEST.UNANSWERED', attempt: 1, what: 'the CTI DialRequest', timeoutMs: 30_000 });
    expect(h.state).toBe('reconnecting');
    expect(h.effects('effect.close').at(-1)).toMatchObject({ attempt: 1, reason: 'keepalive-timeout' });
    expect(h.actor.getSnapshot().context.lastOutcome).toEqual({
      kind: 'keepalive-timeout',
      phase: 'online',
      message: 'the CTI DialRequest was not answered within 30000 ms; the link is considered dead',
    });
    h.advance(15_000);
    expect(h.effects('effect.connect').map((e) => e.attempt)).toEqual([1, 2]);
    // Before online (and for an abandoned attempt) it is no verdict on the link.
    h.send({ type: 'REQUEST.UNANSWERED', attempt: 2, what: 'late', timeoutMs: 30_000 });
    expect(h.state).toBe('connecting');
    h.send({ type: 'TRANSPORT.CONNECTED', attempt: 2 });
    h.send({ type: 'AUTH.OK', attempt: 2 });
    h.send({ type: 'REQUEST.UNANSWERED', attempt: 1, what: 'stale', timeoutMs: 30_000 });
    expect(h.state).toBe('online.quiet');
  });

  it('treats a server-pushed logout as an unexpected drop', () => {
    const h = new ConnectionHarness({ ...base, endpoint: plainEndpoint });
    h.bringOnline();
    h.send({ type: 'SESSION.ENDED', reason: 'Open Client Server Forced Logout' });
    expect(h.state).toBe('reconnecting');
    expect(h.actor.getSnapshot().context.lastOutcome).toEqual({
      kind: 'session-ended',
      phase: 'online',
      message: 'Open Client Server Forced Logout',
    });
  });

  it('does not reconnect when another login took the session over, until the user connects again', () => {
    const h = new ConnectionHarness({ ...base, endpoint: plainEndpoint });
    h.bringOnline();
    h.send({ type: 'SESSION.ENDED', reason: 'conflict', replaced: true });
    expect(h.state).toBe('failed');
    expect(h.actor.getSnapshot().context.lastOutcome).toEqual({ kind: 'session-replaced', phase: 'online', message: 'conflict' });
    h.advance(3_600_000);
    expect(h.effects('effect.connect')).toHaveLength(1);
    h.send({ type: 'CONNECT' });
    expect(h.effects('effect.connect')).toHaveLength(2);
  });

  it('sends keepalives at the interval and declares the link dead when one is not answered', () => {
    const h = new ConnectionHarness({ ...base, endpoint: plainEndpoint });
    h.bringOnline();
    h.advance(300_000);
    expect(h.effects('effect.keepalive')).toEqual([{ type: 'effect.keepalive', connection: 'oci', attempt: 1, seq: 1 }]);
    h.send({ type: 'KEEPALIVE.ACK', seq: 1 });
    h.advance(300_000);
    h.advance(29_999);
    expect(h.state).toBe('online.awaitingAck');
    h.advance(1);
    expect(h.state).toBe('reconnecting');
    expect(h.actor.getSnapshot().context.lastOutcome?.kind).toBe('keepalive-timeout');
    expect(h.effects('effect.close').at(-1)?.reason).toBe('keepalive-timeout');
  });

  it('waits for new credentials after an authentication failure', () => {
    const h = new ConnectionHarness({ ...base, endpoint: plainEndpoint, retryInitialFailure: true });
    h.send({ type: 'CONNECT' });
    h.send({ type: 'TRANSPORT.CONNECTED' });
    h.send({ type: 'AUTH.FAILED', message: '[Error 4962] Invalid password' });
    expect(h.state).toBe('authFailed');
    h.advance(3_600_000);
    h.send({ type: 'CONNECT' });
    expect(h.effects('effect.connect')).toHaveLength(1);
    h.send({ type: 'CREDENTIALS.UPDATED' });
    expect(h.state).toBe('connecting');
    expect(h.effects('effect.connect')).toHaveLength(2);
  });

  it('names each way an attempt fails', () => {
    const outcomes = [
      (h: ConnectionHarness) => h.send({ type: 'TRANSPORT.FAILED', failure: { kind: 'refused', message: 'ECONNREFUSED' } }),
      (h: ConnectionHarness) => h.send({ type: 'TRANSPORT.FAILED', failure: { kind: 'timeout', message: 'ETIMEDOUT' } }),
      (h: ConnectionHarness) => {
        h.send({ type: 'TRANSPORT.CONNECTED' });
        h.send({ type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'closed during handshake' } });
      },
      (h: ConnectionHarness) => {
        h.send({ type: 'TRANSPORT.CONNECTED' });
        h.send({ type: 'TLS.FAILED', failure: { cause: 'certificate-name-mismatch', message: 'ERR_TLS_CERT_ALTNAME_INVALID' } });
      },
    ];
    const seen = outcomes.map((step) => {
      const h = new ConnectionHarness({ ...base, endpoint: tlsEndpoint });
      h.send({ type: 'CONNECT' });
      step(h);
      expect(h.state).toBe('failed');
      return h.actor.getSnapshot().context.lastOutcome;
    });
    expect(seen).toEqual([
      { kind: 'refused', phase: 'connecting', message: 'ECONNREFUSED' },
      { kind: 'timeout', phase: 'connecting', message: 'ETIMEDOUT' },
      { kind: 'peer-closed', phase: 'securing', message: 'closed during handshake' },
      { kind: 'tls', cause: 'certificate-name-mismatch', phase: 'securing', message: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    ]);
  });

  it('tells its parent when it is online, reconnecting, failed and closed', () => {
    const received: ConnectionNotification[] = [];
    const parent = setup({
      types: { events: {} as ConnectionNotification },
      actors: { connection: connectionMachine },
    }).createMachine({
      entry: spawnChild('connection', {
        id: 'oci',
        systemId: 'oci',
        input: { ...base, endpoint: plainEndpoint },
      }),
      on: {
        '*': { actions: ({ event }) => void received.push(event) },
      },
    });
    const clock = new VirtualClock();
    const actor = createActor(parent, { clock }).start();
    const child = actor.system.get('oci');
    child.send({ type: 'CONNECT' });
    child.send({ type: 'TRANSPORT.CONNECTED' });
    child.send({ type: 'AUTH.OK' });
    child.send({ type: 'TRANSPORT.DROPPED', failure: { kind: 'reset', message: 'ECONNRESET' } });
    child.send({ type: 'CLOSE' });
    expect(received.map((n) => n.type)).toEqual(['CONNECTION.ONLINE', 'CONNECTION.RECONNECTING', 'CONNECTION.CLOSED']);
    expect(received[1]).toMatchObject({ connection: 'oci', delayMs: 15_000, outcome: { kind: 'reset', phase: 'online' } });
  });
});
