// The one login-failure policy (src/adapters/runtime/login-failure.ts) and each protocol's reading
// of its own failures into it: only the server's refusal of the credentials answers AUTH.FAILED
// (the connection waits in authFailed for new credentials); every other login failure answers
// TRANSPORT.DROPPED with its own named reason (the machine reconnects every 15 s).
import { fc, test as property } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { loginFailureOfCap } from '../../../src/adapters/runtime/cap-driver.ts';
import { loginFailureOfCti } from '../../../src/adapters/runtime/cti-driver.ts';
import { loginFailureOfKemp } from '../../../src/adapters/runtime/imp-driver.ts';
import { loginStepOf, type LoginFailure } from '../../../src/adapters/runtime/login-failure.ts';
import { loginFailureOfOci } from '../../../src/adapters/runtime/oci-driver.ts';
import { XmppFailure } from '../../../src/adapters/xmpp/failure.ts';
import { loginFailureOfXmpp } from '../../../src/adapters/xmpp/login-failure.ts';
import { CodecError } from '../../../src/codecs/errors.ts';

const message = 'what happened';
const step = (f: LoginFailure) => loginStepOf(f);
const dropped = (kind: string) => ({ type: 'TRANSPORT.DROPPED', failure: { kind, message } });
const refused = { type: 'AUTH.FAILED', message };

describe('the login policy', () => {
  property.prop([
    fc.oneof(
      fc.record({ kind: fc.constant('timeout' as const), message: fc.string() }),
      fc.record({ kind: fc.constant('closed' as const), message: fc.string() }),
      fc.record({ kind: fc.constant('server-error' as const), message: fc.string() }),
      fc.record({ kind: fc.constant('bad-answer' as const), reason: fc.constantFrom('garbled' as const, 'too-large' as const, 'doctype' as const, 'unexpected' as const), message: fc.string() }),
    ),
  ])('anything but a refusal is a drop, with a named reason and the message kept', (failure) => {
    const answer = loginStepOf(failure);
    expect(answer.type).toBe('TRANSPORT.DROPPED');
    if (answer.type !== 'TRANSPORT.DROPPED') return;
    expect(answer.failure.message).toBe(failure.message);
    expect(answer.failure.kind).toBe(failure.kind === 'bad-answer' ? failure.reason : failure.kind === 'closed' ? 'peer-closed' : failure.kind);
  });

  it('a refusal of the credentials, or no credentials at all, waits for new ones', () => {
    expect(step({ kind: 'refused', message })).toEqual(refused);
    expect(step({ kind: 'no-credentials', message })).toEqual(refused);
  });

  it('a connection that ended with a known socket failure keeps that failure’s reason', () => {
    expect(step({ kind: 'closed', message, failure: { kind: 'reset', message: 'reset by peer', host: 'h', port: 1 } })).toEqual({
      type: 'TRANSPORT.DROPPED',
      failure: { kind: 'reset', message: 'reset by peer' },
    });
  });
});

describe('each protocol says which of its login failures is a refusal', () => {
  it('OCI: [Error 4962]/[Error 4008] refuse; another ErrorResponse is a server error; an unreadable answer is a bad answer', () => {
    expect(step(loginFailureOfOci({ kind: 'auth', code: 4962, summary: 'Invalid password', message }))).toEqual(refused);
    expect(step(loginFailureOfOci({ kind: 'server-error', code: 5000, summary: 'busy', message }))).toEqual(dropped('server-error'));
    expect(step(loginFailureOfOci({ kind: 'protocol', code: 'MALFORMED_XML', message }))).toEqual(dropped('garbled'));
    expect(step(loginFailureOfOci({ kind: 'protocol', code: 'TOO_DEEP', message }))).toEqual(dropped('too-large'));
    expect(step(loginFailureOfOci({ kind: 'protocol', code: 'DOCTYPE_REFUSED', message }))).toEqual(dropped('doctype'));
    expect(step(loginFailureOfOci({ kind: 'protocol', code: 'UNEXPECTED_RESPONSE', message }))).toEqual(dropped('unexpected'));
    expect(step(loginFailureOfOci({ kind: 'timeout', message }))).toEqual(dropped('timeout'));
    expect(step(loginFailureOfOci({ kind: 'closed', message }))).toEqual(dropped('peer-closed'));
  });

  it('CTI: 401 refuses; a 503 or any other status is a server error; a garbled answer is a bad answer', () => {
    expect(step(loginFailureOfCti({ kind: 'auth', statusCode: 401, message }))).toEqual(refused);
    expect(step(loginFailureOfCti({ kind: 'server-error', statusCode: 503, summary: 'Service Unavailable', message }))).toEqual(dropped('server-error'));
    expect(step(loginFailureOfCti({ kind: 'protocol', code: 'MALFORMED_XML', message }))).toEqual(dropped('garbled'));
    expect(step(loginFailureOfCti({ kind: 'protocol', code: 'UNEXPECTED_RESPONSE', message }))).toEqual(dropped('unexpected'));
  });

  it('Kakapo IM&P: REGISTER 401/403 refuse; a 503 is a server error; an answer that does not open is a bad answer', () => {
    expect(step(loginFailureOfKemp({ kind: 'auth', status: 401, message }))).toEqual(refused);
    expect(step(loginFailureOfKemp({ kind: 'auth', status: 403, message }))).toEqual(refused);
    expect(step(loginFailureOfKemp({ kind: 'rejected', status: 503, message }))).toEqual(dropped('server-error'));
    expect(step(loginFailureOfKemp({ kind: 'protocol', code: 'ENVELOPE_AUTH', message }))).toEqual(dropped('garbled'));
  });

  it('CAP: wrong credentials and a missing Client Call Control refuse; another refusal is a server error', () => {
    expect(step(loginFailureOfCap({ kind: 'auth', cause: 'invalid password', message }))).toEqual(refused);
    expect(step(loginFailureOfCap({ kind: 'service-missing', cause: 'no Client Call Control', message }))).toEqual(refused);
    expect(step(loginFailureOfCap({ kind: 'refused', cause: 'server busy', message }))).toEqual(dropped('server-error'));
    expect(step(loginFailureOfCap({ kind: 'protocol', code: 'MALFORMED_XML', message }))).toEqual(dropped('garbled'));
  });

  it('XMPP: SASL not-authorized refuses; temporary-auth-failure, a failed bind or a broken stream are drops', () => {
    expect(step(loginFailureOfXmpp(new XmppFailure('auth-failed', message, { condition: 'not-authorized' })))).toEqual(refused);
    expect(step(loginFailureOfXmpp(new XmppFailure('auth-failed', message, { condition: 'account-disabled' })))).toEqual(refused);
    expect(step(loginFailureOfXmpp(new XmppFailure('auth-failed', message, { condition: 'temporary-auth-failure' })))).toMatchObject({
      type: 'TRANSPORT.DROPPED',
      failure: { kind: 'server-error', message: expect.stringContaining('temporary-auth-failure') },
    });
    expect(step(loginFailureOfXmpp(new XmppFailure('bind-failed', message)))).toEqual(dropped('server-error'));
    expect(step(loginFailureOfXmpp(new XmppFailure('protocol-error', message, { cause: new CodecError('MALFORMED_XML', 'bad') })))).toEqual(dropped('garbled'));
    expect(step(loginFailureOfXmpp(new XmppFailure('protocol-error', message)))).toEqual(dropped('unexpected'));
    expect(step(loginFailureOfXmpp(new XmppFailure('step-timeout', message)))).toEqual(dropped('timeout'));
    const broken = new XmppFailure('stream-ended', message, { end: { reason: 'protocol-error', detail: 'mismatched end tag', reconnect: true } });
    expect(step(loginFailureOfXmpp(broken))).toMatchObject({ type: 'TRANSPORT.DROPPED', failure: { kind: 'garbled' } });
  });
});
