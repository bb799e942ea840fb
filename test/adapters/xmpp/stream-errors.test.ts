// Every RFC 6120 §4.9.3 stream-error condition gets its own message, naming the condition and the
// domain, with the server's text after it; only conflict stops the reconnect. Also: SASL failures
// (RFC 6120 §6.5) and the server text kept readable and bounded.
import { describe, expect, it } from 'vitest';
import { describeStreamError, STREAM_ERROR_CONDITIONS } from '../../../src/adapters/xmpp/stream-errors.ts';
import { saslFailure } from '../../../src/adapters/xmpp/sasl-failures.ts';
import { cleanServerText, MAX_SERVER_TEXT } from '../../../src/adapters/xmpp/server-text.ts';

// RFC 6120 §4.9.3.1–§4.9.3.25, typed here from the RFC's table of contents.
const RFC6120_CONDITIONS = [
  'bad-format', 'bad-namespace-prefix', 'conflict', 'connection-timeout', 'host-gone', 'host-unknown', 'improper-addressing',
  'internal-server-error', 'invalid-from', 'invalid-namespace', 'invalid-xml', 'not-authorized', 'not-well-formed', 'policy-violation',
  'remote-connection-failed', 'reset', 'resource-constraint', 'restricted-xml', 'see-other-host', 'system-shutdown', 'undefined-condition',
  'unsupported-encoding', 'unsupported-feature', 'unsupported-stanza-type', 'unsupported-version',
];
const DOMAIN = 'xmpp.example.com';

describe('stream errors (RFC 6120 §4.9.3)', () => {
  it('knows every defined condition', () => {
    expect([...STREAM_ERROR_CONDITIONS].sort()).toEqual([...RFC6120_CONDITIONS].sort());
  });

  for (const condition of RFC6120_CONDITIONS) {
    it(`${condition}: names the condition and the domain, carries the text, reconnects unless conflict`, () => {
      const meaning = describeStreamError({ condition, text: 'Server words here', domain: DOMAIN });
      expect(meaning.message).toContain(`(${condition})`);
      expect(meaning.message).toContain(DOMAIN);
      expect(meaning.message).toMatch(/\. The server said: "Server words here"$/);
      expect(meaning.reconnect).toBe(condition !== 'conflict');
      // Only a conflict is "another login"; nothing cites a document that does not ship.
      expect(/another login/.test(meaning.message)).toBe(condition === 'conflict');
      expect(meaning.message).not.toMatch(/xmpp\.md|seed §|issue \d/);
    });
  }

  it('gives each condition its own message', () => {
    const messages = RFC6120_CONDITIONS.map((condition) => describeStreamError({ condition, text: undefined, domain: DOMAIN }).message.replace(`(${condition})`, ''));
    const refusedXml = messages.filter((m) => m.includes('could not accept'));
    // The "could not accept …" family still says what was not accepted.
    expect(new Set(refusedXml).size).toBe(refusedXml.length);
  });

  it('without text, ends with the advice; an unknown condition says so and reconnects', () => {
    expect(describeStreamError({ condition: 'system-shutdown', text: undefined, domain: DOMAIN }).message).toBe(
      `the XMPP server ${DOMAIN} is shutting down (system-shutdown); this client reconnects when it is back`,
    );
    expect(describeStreamError({ condition: 'x-custom', text: '', domain: DOMAIN })).toEqual({
      message: `the XMPP server ${DOMAIN} ended the session with a condition this client does not know (x-custom); this client reconnects`,
      reconnect: true,
    });
    expect(describeStreamError({ condition: 'constructor', text: undefined, domain: DOMAIN }).message).toContain('does not know (constructor)');
  });

  it('see-other-host names the other server from the element content', () => {
    expect(describeStreamError({ condition: 'see-other-host', text: undefined, detail: '[2001:db8::1]:9222', domain: DOMAIN }).message).toContain(
      'sends this client to another server, [2001:db8::1]:9222 (see-other-host)',
    );
  });
});

describe('server text', () => {
  it('removes control characters, collapses white space, bounds the length by code point', () => {
    expect(cleanServerText(' a\u0000b\n\tc\u001b[31m ')).toBe('a b c [31m');
    expect(cleanServerText('   ')).toBeUndefined();
    const long = cleanServerText('\u{1F600}'.repeat(1000))!;
    expect(Array.from(long)).toHaveLength(MAX_SERVER_TEXT);
    expect(long.endsWith('…')).toBe(true);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(long)).toBe(false); // no surrogate cut in half
  });
});

describe('SASL failures (RFC 6120 §6.5)', () => {
  const facts = { text: undefined, jid: `ann@${DOMAIN}`, domain: DOMAIN, mechanism: 'SCRAM-SHA-256' as const };
  it('gives credential problems as auth-failed with what to do', () => {
    expect(saslFailure({ ...facts, condition: 'account-disabled' })).toMatchObject({ code: 'auth-failed', condition: 'account-disabled' });
    expect(saslFailure({ ...facts, condition: 'account-disabled' }).message).toContain('ask the XMPP administrator to enable it');
    expect(saslFailure({ ...facts, condition: 'credentials-expired' }).message).toContain('the password has expired; change it');
    expect(saslFailure({ ...facts, condition: 'not-authorized', text: 'Bad password' }).message).toMatch(/check the password.*The server said: "Bad password"$/);
  });

  it('treats temporary-auth-failure as worth retrying', () => {
    expect(saslFailure({ ...facts, condition: 'temporary-auth-failure' })).toMatchObject({ code: 'auth-temporary-failure' });
  });

  it('explains a malformed-request by what the client sent: y (downgrade check), p (binding refused), or n', () => {
    expect(saslFailure({ ...facts, condition: 'malformed-request', channelBinding: 'y' }).message).toContain('offer the -PLUS mechanisms again');
    expect(saslFailure({ ...facts, condition: 'malformed-request', channelBinding: 'p', bindingType: 'tls-exporter' }).message).toContain(
      'did not accept the channel binding tls-exporter of this TLS connection; if there is a TLS proxy',
    );
    expect(saslFailure({ ...facts, condition: 'malformed-request', channelBinding: 'n' }).message).toContain('could not read this client');
  });
});
