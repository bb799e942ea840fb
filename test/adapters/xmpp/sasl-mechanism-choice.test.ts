// Which mechanism and which GS2 flag, for every offer a server can make: examples, then the rules
// as properties over generated offers (RFC 5802 §6, RFC 7677, RFC 4616 §5, RFC 9266, XEP-0440).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { chooseSaslMechanism, type SaslChoiceInput } from '../../../src/adapters/xmpp/sasl-mechanism-choice.ts';
import type { TlsChannelBindingType } from '../../../src/effects/tls-channel-binding.ts';

const BYTES = new Uint8Array([1, 2, 3]);
/** A TLS connection of `version`: tls-unique below 1.3, tls-exporter on 1.3, tls-server-end-point on both. */
const connection = (version: 'TLSv1.2' | 'TLSv1.3') => (type: TlsChannelBindingType): Uint8Array | null =>
  type === 'tls-server-end-point' || (type === 'tls-unique') === (version === 'TLSv1.2') ? BYTES : null;
const tls = (version: 'TLSv1.2' | 'TLSv1.3', offered: string[], serverBindings?: string[]): SaslChoiceInput => ({
  offered,
  secure: true,
  tlsVersion: version,
  channelBinding: connection(version),
  ...(serverBindings ? { serverBindings } : {}),
});
const summary = (input: SaslChoiceInput): string | null => {
  const c = chooseSaslMechanism(input);
  if (c === null) return null;
  if (c.mechanism === 'PLAIN') return 'PLAIN';
  return `${c.mechanism} ${c.channelBinding.flag === 'p' ? `p=${c.channelBinding.type}` : c.channelBinding.flag}`;
};

describe('SASL mechanism choice', () => {
  it('takes the strongest offered, -PLUS first', () => {
    const all = ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS', 'SCRAM-SHA-512', 'SCRAM-SHA-512-PLUS'];
    expect(summary(tls('TLSv1.3', all))).toBe('SCRAM-SHA-512-PLUS p=tls-exporter');
    expect(summary(tls('TLSv1.2', all))).toBe('SCRAM-SHA-512-PLUS p=tls-unique');
    expect(summary(tls('TLSv1.3', ['SCRAM-SHA-1-PLUS', 'SCRAM-SHA-512']))).toBe('SCRAM-SHA-1-PLUS p=tls-exporter');
    expect(summary(tls('TLSv1.3', ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256']))).toBe('SCRAM-SHA-256 y');
  });

  it('binds with a type the server lists (XEP-0440), in this client\'s order of preference', () => {
    expect(summary(tls('TLSv1.2', ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256'], ['tls-server-end-point']))).toBe('SCRAM-SHA-256-PLUS p=tls-server-end-point');
    expect(summary(tls('TLSv1.3', ['SCRAM-SHA-256-PLUS'], ['tls-server-end-point', 'tls-exporter']))).toBe('SCRAM-SHA-256-PLUS p=tls-exporter');
    // Listed, but only tls-unique, which TLS 1.3 does not have: no -PLUS; the flag says "n".
    expect(summary(tls('TLSv1.3', ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256'], ['tls-unique']))).toBe('SCRAM-SHA-256 n');
  });

  it('never uses tls-server-end-point unless the server lists it', () => {
    const endPointOnly = (type: TlsChannelBindingType): Uint8Array | null => (type === 'tls-server-end-point' ? BYTES : null);
    expect(summary({ offered: ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256'], secure: true, tlsVersion: 'TLSv1.3', channelBinding: endPointOnly })).toBe('SCRAM-SHA-256 n');
  });

  it('PLAIN only over TLS, and only when no SCRAM is offered', () => {
    expect(summary(tls('TLSv1.3', ['PLAIN']))).toBe('PLAIN');
    expect(summary({ offered: ['PLAIN'], secure: false, tlsVersion: null })).toBeNull();
    // SCRAM-SHA-1-PLUS without a shared binding type is still SCRAM offered: no fall back to PLAIN.
    expect(summary(tls('TLSv1.3', ['PLAIN', 'SCRAM-SHA-1-PLUS'], ['tls-unique']))).toBeNull();
  });

  it('ignores mechanisms it does not know', () => {
    expect(summary(tls('TLSv1.3', ['X-OAUTH2', 'DIGEST-MD5', 'SCRAM-SHA3-512']))).toBeNull();
    expect(summary(tls('TLSv1.3', ['X-OAUTH2', 'SCRAM-SHA-1']))).toBe('SCRAM-SHA-1 y');
  });

  it('sends n without TLS channel-binding data (e.g. a connection that gives none)', () => {
    expect(summary({ offered: ['SCRAM-SHA-256'], secure: true, tlsVersion: 'TLSv1.3' })).toBe('SCRAM-SHA-256 n');
  });
});

const MECHANISMS = ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS', 'SCRAM-SHA-512', 'SCRAM-SHA-512-PLUS', 'X-UNKNOWN'];
const TYPES: TlsChannelBindingType[] = ['tls-unique', 'tls-exporter', 'tls-server-end-point'];
const input = fc.record({
  offered: fc.shuffledSubarray(MECHANISMS),
  secure: fc.boolean(),
  version: fc.constantFrom('TLSv1.2' as const, 'TLSv1.3' as const),
  serverBindings: fc.option(fc.subarray(TYPES), { nil: undefined }),
});
type Generated = { offered: string[]; secure: boolean; version: 'TLSv1.2' | 'TLSv1.3'; serverBindings: TlsChannelBindingType[] | undefined };
const toInput = (i: Generated): SaslChoiceInput => ({
  offered: i.offered,
  secure: i.secure,
  tlsVersion: i.secure ? i.version : null,
  channelBinding: connection(i.version),
  serverBindings: i.serverBindings,
});
const strength = (m: string): number => ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256-PLUS', 'SCRAM-SHA-512-PLUS'].indexOf(m);

describe('SASL mechanism choice, as properties', () => {
  test.prop([input])('picks an offered mechanism, never PLAIN next to SCRAM or without TLS', (i) => {
    const choice = chooseSaslMechanism(toInput(i));
    if (choice === null) return;
    expect(i.offered).toContain(choice.mechanism);
    if (choice.mechanism === 'PLAIN') {
      expect(i.secure).toBe(true);
      expect(i.offered.some((m) => m.startsWith('SCRAM-'))).toBe(false);
    }
  });

  test.prop([input])('binds (p) exactly with -PLUS, with a type the connection has and the server lists or defaults to', (i) => {
    const choice = chooseSaslMechanism(toInput(i));
    if (choice === null || choice.mechanism === 'PLAIN') return;
    const plus = choice.mechanism.endsWith('-PLUS');
    expect(choice.channelBinding.flag === 'p').toBe(plus);
    if (choice.channelBinding.flag !== 'p') return;
    const type = choice.channelBinding.type;
    expect(connection(i.version)(type)).not.toBeNull();
    if (i.serverBindings !== undefined) expect(i.serverBindings).toContain(type);
    else expect(type).toBe(i.version === 'TLSv1.3' ? 'tls-exporter' : 'tls-unique');
  });

  test.prop([input])('says y only when the server offers no -PLUS and the connection could bind (RFC 5802 §6)', (i) => {
    const choice = chooseSaslMechanism(toInput(i));
    if (choice === null || choice.mechanism === 'PLAIN' || choice.channelBinding.flag === 'p') return;
    const serverOffersPlus = i.offered.some((m) => m.endsWith('-PLUS'));
    expect(choice.channelBinding.flag === 'y').toBe(!serverOffersPlus && i.secure);
  });

  test.prop([input])('no usable offered mechanism is stronger than the one chosen', (i) => {
    const choice = chooseSaslMechanism(toInput(i));
    if (choice === null) return;
    for (const other of i.offered) {
      if (strength(other) <= strength(choice.mechanism)) continue;
      // A stronger one is offered: it must be a -PLUS this connection cannot bind with.
      expect(other.endsWith('-PLUS')).toBe(true);
      expect(choice.mechanism.endsWith('-PLUS')).toBe(false);
    }
  });

  test.prop([input])('chooses something whenever SCRAM is offered without -PLUS, or PLAIN alone over TLS', (i) => {
    const choice = chooseSaslMechanism(toInput(i));
    const plainScram = i.offered.some((m) => /^SCRAM-SHA-(1|256|512)$/.test(m));
    const plainOnly = i.secure && i.offered.includes('PLAIN') && !i.offered.some((m) => m.startsWith('SCRAM-'));
    if (plainScram || plainOnly) expect(choice).not.toBeNull();
  });
});
