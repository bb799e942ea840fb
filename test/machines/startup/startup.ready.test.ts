// While ready, each connection keeps its own lifecycle; losing one does not tear down the others.
import { describe, expect, it } from 'vitest';
import { startScriptedSession } from '../support/scripted-session.ts';

describe('start-up, while ready', () => {
  it('keeps every connection alive with keepalives at the branding interval', () => {
    const s = startScriptedSession();
    s.advance(300_000);
    expect(s.effectsOf('effect.keepalive').map((e) => `${e.from}@${e.at}`).sort()).toEqual(
      ['cti@300000', 'imp@300000', 'oci@300000', 'xmpp@300000'],
    );
    s.advance(300_000);
    expect(s.effectsOf('effect.keepalive')).toHaveLength(8);
    expect(s.state()).toBe('ready');
  });

  it('reconnects a dropped CTI connection after 15 s while the others stay online', () => {
    const s = startScriptedSession();
    s.advance(10_000);
    s.send('cti', { type: 'TRANSPORT.DROPPED', attempt: 1, failure: { kind: 'reset', message: 'ECONNRESET' } }, 'network');
    expect(s.connectionState('cti')).toBe('reconnecting');
    expect(s.system.actor.getSnapshot().context.connections.cti).toMatchObject({ state: 'reconnecting', outcome: { kind: 'reset' } });
    for (const name of ['oci', 'imp', 'xmpp'] as const) expect(s.connectionState(name)).toBe('online.quiet');
    s.advance(14_999);
    expect(s.effectsOf('effect.connect', 'cti')).toHaveLength(1);
    s.advance(1);
    expect(s.effectsOf('effect.connect', 'cti').map((e) => e.at)).toEqual([0, 25_000]);
    expect(s.connectionState('cti')).toBe('online.quiet');
    expect(s.system.actor.getSnapshot().context.connections.cti?.state).toBe('online');
    expect(s.state()).toBe('ready');
  });

  it('declares a connection dead when its keepalive goes unanswered, and reconnects only that one', () => {
    let answerImp = true;
    const s = startScriptedSession({
      connections: { imp: { keepalive: (e) => (answerImp ? { type: 'KEEPALIVE.ACK', attempt: e.attempt, seq: e.seq } : null) } },
    });
    answerImp = false;
    s.advance(300_000 + 30_000);
    expect(s.connectionState('imp')).toBe('reconnecting');
    expect(s.effectsOf('effect.close', 'imp')[0]?.effect).toMatchObject({ reason: 'keepalive-timeout' });
    for (const name of ['oci', 'cti', 'xmpp'] as const) expect(s.connectionState(name)).toBe('online.quiet');
    answerImp = true;
    s.advance(15_000);
    expect(s.connectionState('imp')).toBe('online.quiet');
  });

  it('becomes ready even when IM&P cannot connect, and keeps retrying IM&P every 15 s', () => {
    let impUp = false;
    const s = startScriptedSession({
      connections: {
        imp: {
          connect: (e) =>
            impUp
              ? { type: 'TRANSPORT.CONNECTED', attempt: e.attempt }
              : { type: 'TRANSPORT.FAILED', attempt: e.attempt, failure: { kind: 'refused', message: 'ECONNREFUSED' } },
        },
      },
    });
    expect(s.state()).toBe('ready');
    expect(s.connectionState('imp')).toBe('reconnecting');
    s.advance(30_000);
    expect(s.effectsOf('effect.connect', 'imp').map((e) => e.at)).toEqual([0, 15_000, 30_000]);
    impUp = true;
    s.advance(15_000);
    expect(s.connectionState('imp')).toBe('online.quiet');
  });

  it('keeps reconnecting OCI after a server-pushed logout without stopping start-up', () => {
    const s = startScriptedSession();
    s.send('oci', { type: 'SESSION.ENDED', reason: 'Open Client Server Forced Logout' }, 'network');
    expect(s.connectionState('oci')).toBe('reconnecting');
    expect(s.state()).toBe('ready');
    s.advance(15_000);
    expect(s.connectionState('oci')).toBe('online.quiet');
  });
});
