// Link results as answers to the connection machine's effect requests (contract.ts).
import { describe, expect, it } from 'vitest';
import { authAnswer, keepaliveAnswer, linkEventAnswer } from '../../../src/adapters/cti/connection-answers.ts';

describe('connection answers', () => {
  it('authenticate: ok → AUTH.OK, refused credentials → AUTH.FAILED, closed → none (the drop answers), other → TRANSPORT.DROPPED with its named reason', () => {
    expect(authAnswer({ ok: true, value: {} }, 3)).toEqual({ type: 'AUTH.OK', attempt: 3 });
    expect(authAnswer({ ok: false, error: { kind: 'auth', message: 'refused (401)' } }, 3)).toEqual({ type: 'AUTH.FAILED', attempt: 3, message: 'refused (401)' });
    expect(authAnswer({ ok: false, error: { kind: 'closed', message: 'gone' } }, 3)).toBeNull();
    expect(authAnswer({ ok: false, error: { kind: 'timeout', message: 'slow' } }, 3)).toEqual({ type: 'TRANSPORT.DROPPED', attempt: 3, failure: { kind: 'timeout', message: 'slow' } });
    expect(authAnswer({ ok: false, error: { kind: 'server-error', message: '403' } }, 3)).toEqual({ type: 'TRANSPORT.DROPPED', attempt: 3, failure: { kind: 'server-error', message: '403' } });
    expect(authAnswer({ ok: false, error: { kind: 'protocol', code: 'MALFORMED_XML', message: 'bad' } }, 3)).toEqual({ type: 'TRANSPORT.DROPPED', attempt: 3, failure: { kind: 'garbled', message: 'bad' } });
  });

  it('keepalive: the ACK carries the seq; a failed keepalive answers nothing', () => {
    expect(keepaliveAnswer({ ok: true, value: { seq: 9 } }, 1)).toEqual({ type: 'KEEPALIVE.ACK', attempt: 1, seq: 9 });
    expect(keepaliveAnswer({ ok: false, error: { kind: 'timeout', message: 'x' } }, 1)).toBeNull();
  });

  it('link events: dropped → TRANSPORT.DROPPED, session-ended → SESSION.ENDED, others → none', () => {
    expect(linkEventAnswer({ type: 'dropped', kind: 'reset', message: 'broke' } as { type: string }, 2)).toEqual({ type: 'TRANSPORT.DROPPED', attempt: 2, failure: { kind: 'reset', message: 'broke' } });
    expect(linkEventAnswer({ type: 'session-ended', reason: 'shutdown' } as { type: string }, 2)).toEqual({ type: 'SESSION.ENDED', attempt: 2, reason: 'shutdown' });
    expect(linkEventAnswer({ type: 'event' }, 2)).toBeNull();
  });
});
