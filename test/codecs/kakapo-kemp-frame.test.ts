import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createKempFrameParser,
  encodeKempFrame,
  type KempFrame,
  type KempMethod,
} from '../../src/codecs/kakapo/kemp-frame.ts';

const enc = new TextEncoder();

const frameArb: fc.Arbitrary<KempFrame> = fc.oneof(
  fc.record({
    kind: fc.constant('request' as const),
    method: fc.constantFrom<KempMethod>('REGISTER', 'MESSAGE', 'PING', 'BYE'),
    target: fc.stringMatching(/^[a-z0-9@.\-/]{1,30}$/),
    seq: fc.nat(),
    keyId: fc.constant('dev-2026-01'),
    nonce: fc.uint8Array({ minLength: 12, maxLength: 12 }),
    body: fc.uint8Array({ maxLength: 200 }),
  }),
  fc.record({
    kind: fc.constant('response' as const),
    status: fc.constantFrom(200, 400, 401, 403, 404),
    reason: fc.constantFrom('OK', 'Bad Request', 'Unauthorized', 'Forbidden', 'Not Found'),
    seq: fc.nat(),
    body: fc.constant(new Uint8Array()),
  }),
);

function encodeAll(frames: KempFrame[]): Uint8Array {
  const parts = frames.map((f) => {
    const r = encodeKempFrame(f);
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function parseInChunks(bytes: Uint8Array, cuts: number[]) {
  const parser = createKempFrameParser();
  const positions = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const frames: KempFrame[] = [];
  let last = 0;
  for (const p of [...positions, bytes.length]) {
    const r = parser.push(bytes.subarray(last, p));
    if (!r.ok) return r;
    frames.push(...r.value);
    last = p;
  }
  const end = parser.end();
  if (!end.ok) return end;
  return { ok: true as const, value: frames };
}

describe('KEMP frames', () => {
  it('encodes a request in the documented HTTP-like form (golden)', () => {
    const r = encodeKempFrame({
      kind: 'request',
      method: 'REGISTER',
      target: 'alice@example.com',
      seq: 1,
      keyId: 'dev-2026-01',
      nonce: new Uint8Array(12),
      body: enc.encode('0123456789abcdef'),
    });
    expect(r.ok && new TextDecoder().decode(r.value)).toBe(
      'REGISTER alice@example.com KEMP/1.0\r\nSeq: 1\r\nKey-Id: dev-2026-01\r\nNonce: AAAAAAAAAAAAAAAA\r\nContent-Length: 16\r\n\r\n0123456789abcdef',
    );
  });

  it('parses a response without a body and tolerates header-name case and unknown headers', () => {
    const parser = createKempFrameParser();
    const r = parser.push(enc.encode('KEMP/1.0 404 Not Found\r\nseq: 9\r\nX-Extra: 1\r\ncontent-length: 0\r\n\r\n'));
    expect(r).toEqual({ ok: true, value: [{ kind: 'response', status: 404, reason: 'Not Found', seq: 9, body: new Uint8Array() }] });
  });

  it('yields the same frames for every chunking of the same bytes', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 20 }), (frames, cuts) => {
        const bytes = encodeAll(frames);
        expect(parseInChunks(bytes, cuts)).toEqual({ ok: true, value: frames });
      }),
      { numRuns: 150 },
    );
  });

  it('reports a stream cut inside a frame as TRUNCATED', () => {
    fc.assert(
      fc.property(frameArb, fc.nat(), (frame, cut) => {
        const bytes = encodeAll([frame]);
        const parser = createKempFrameParser();
        const pushed = parser.push(bytes.subarray(0, cut % bytes.length));
        expect(pushed).toEqual({ ok: true, value: [] });
        const end = parser.end();
        expect(end.ok ? 'ended' : end.error.code).toBe(cut % bytes.length === 0 ? 'ended' : 'TRUNCATED');
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a header block over 8 KiB with TOO_LARGE, even without its blank line', () => {
    const parser = createKempFrameParser();
    const r = parser.push(enc.encode('MESSAGE bob KEMP/1.0\r\nX-Pad: ' + 'a'.repeat(9000)));
    expect(r.ok ? 'accepted' : r.error.code).toBe('TOO_LARGE');
    const again = parser.push(enc.encode('\r\n\r\n'));
    expect(again.ok ? 'accepted' : again.error.code).toBe('TOO_LARGE');
  });

  it('refuses a body over 1 MiB from its Content-Length alone, and a 1 GiB claim at once', () => {
    for (const length of ['1048577', '1073741824', '9'.repeat(40)]) {
      const r = createKempFrameParser().push(
        enc.encode(`MESSAGE bob KEMP/1.0\r\nSeq: 1\r\nKey-Id: k\r\nNonce: AAAAAAAAAAAAAAAA\r\nContent-Length: ${length}\r\n\r\n`),
      );
      expect(r.ok ? 'accepted' : r.error.code).toBe('TOO_LARGE');
    }
  });

  it('gives typed errors for malformed frames', () => {
    const cases: Array<[string, string]> = [
      ['GET / HTTP/1.1\r\nSeq: 1\r\nContent-Length: 0\r\n\r\n', 'BAD_FRAME'],
      ['FETCH bob KEMP/1.0\r\nSeq: 1\r\nContent-Length: 0\r\n\r\n', 'UNKNOWN_TYPE'],
      ['PING - KEMP/1.0\r\nContent-Length: 0\r\n\r\n', 'BAD_FRAME'],
      ['PING - KEMP/1.0\r\nSeq: 1\r\n\r\n', 'BAD_FRAME'],
      ['PING - KEMP/1.0\r\nSeq: 1\r\nSeq: 2\r\nContent-Length: 0\r\n\r\n', 'BAD_FRAME'],
      ['PING - KEMP/1.0\r\nSeq: -1\r\nContent-Length: 0\r\n\r\n', 'BAD_FRAME'],
      ['PING - KEMP/1.0\r\nSeq: 1\r\nContent-Length: 0x10\r\n\r\n', 'BAD_FRAME'],
      ['MESSAGE bob KEMP/1.0\r\nSeq: 1\r\nContent-Length: 4\r\n\r\nabcd', 'BAD_FRAME'],
      ['MESSAGE bob KEMP/1.0\r\nSeq: 1\r\nKey-Id: k\r\nNonce: ***\r\nContent-Length: 4\r\n\r\nabcd', 'BAD_FRAME'],
      ['KEMP/1.0 99 Odd\r\nSeq: 1\r\nContent-Length: 0\r\n\r\n', 'BAD_FRAME'],
      ['PING - KEMP/1.0\nSeq: 1\r\nContent-Length: 0\r\n\r\n', 'BAD_FRAME'],
      ['PING  KEMP/1.0\r\nSeq: 1\r\nContent-Length: 0\r\n\r\n', 'BAD_FRAME'],
    ];
    for (const [text, code] of cases) {
      const r = createKempFrameParser().push(enc.encode(text));
      expect([text, r.ok ? 'accepted' : r.error.code]).toEqual([text, code]);
    }
    const notUtf8 = createKempFrameParser().push(new Uint8Array([0xff, 0xfe, 13, 10, 13, 10]));
    expect(notUtf8.ok ? 'accepted' : notUtf8.error.code).toBe('BAD_FRAME');
  });

  it('only ever yields frames or typed errors for random and mutated bytes', () => {
    fc.assert(
      fc.property(
        fc.array(frameArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (frames, mutations) => {
          const bytes = encodeAll(frames);
          for (const [at, value] of mutations) bytes[at % bytes.length] = value;
          const r = parseInChunks(bytes, [3, 17, 40]);
          if (!r.ok) expect(r.error.code).toMatch(/^(BAD_FRAME|UNKNOWN_TYPE|TOO_LARGE|TRUNCATED)$/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses to encode what it could not parse back', () => {
    const bad: KempFrame[] = [
      { kind: 'request', method: 'PING', target: 'has space', seq: 1, body: new Uint8Array() },
      { kind: 'request', method: 'MESSAGE', target: 'bob', seq: 1, body: new Uint8Array(3) },
      { kind: 'response', status: 200, reason: 'OK\r\nSeq: 2', seq: 1, body: new Uint8Array() },
      { kind: 'response', status: 200, reason: 'OK', seq: -1, body: new Uint8Array() },
    ];
    for (const frame of bad) {
      const r = encodeKempFrame(frame);
      expect(r.ok ? 'encoded' : r.error.code).toBe('BAD_FRAME');
    }
  });
});
