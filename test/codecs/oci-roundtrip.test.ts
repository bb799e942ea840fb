import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createDocumentSplitter, decodeOciDocument, encodeOciDocument, OCI_COMMAND_SPECS, type OciCommand, type OciDocument,
} from '../../src/codecs/index.ts';

// Any XML 1.0 text (the codec must carry markup characters, CR, and non-Latin-1 text exactly).
const xmlText = fc
  .string({ unit: fc.oneof(fc.constantFrom('&', '<', '>', '"', '\r', '\n', ' ', 'é', '€', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 20 })
  .map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));

const tokenText = xmlText.map((s) => s.replace(/[\t\n\r ]+/g, ' ').trim());

function commandArb(type: string): fc.Arbitrary<OciCommand> {
  const spec = OCI_COMMAND_SPECS.get(type);
  if (spec === undefined) throw new Error(type);
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of spec.fields) {
    // xs:token values are whitespace-collapsed (XML Schema Part 2 §4.3.6): the value space round-trips.
    const base: fc.Arbitrary<unknown> =
      f.kind === 'string' ? xmlText : f.kind === 'token' ? tokenText : f.kind === 'bool' ? fc.boolean() : fc.integer({ min: -(2 ** 31), max: Number.MAX_SAFE_INTEGER });
    const value = f.fixed !== undefined ? fc.constant(f.fixed === 'true') : f.oneOf === undefined ? base : fc.constantFrom(...f.oneOf);
    fields[f.key] = f.optional ? fc.option(value, { nil: undefined }) : value;
  }
  const isResponse = spec.form !== 'request';
  if (isResponse) fields['echo'] = xmlText;
  else fields['echo'] = fc.option(xmlText, { nil: undefined });
  if (spec.form === 'errorResponse') fields['errorType'] = fc.constantFrom('Error', 'Warning', 'Info');
  return fc.record(fields).map((r) => {
    const out: Record<string, unknown> = { type };
    for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = v;
    return out as unknown as OciCommand;
  });
}

const anyCommand = fc.oneof(...[...OCI_COMMAND_SPECS.keys()].map(commandArb));
const anyDocument: fc.Arbitrary<OciDocument> = fc.record({
  protocol: fc.constantFrom('OCI' as const, 'NSOCI' as const),
  sessionId: xmlText,
  trackingId: fc.option(tokenText, { nil: undefined }), // NonEmptyToken
  commands: fc.array(anyCommand, { minLength: 1, maxLength: 15 }),
}).map((d) => (d.trackingId === undefined ? { protocol: d.protocol, sessionId: d.sessionId, commands: d.commands } : d));

describe('OCI-P round trip', () => {
  it('decode(encode(doc)) equals doc for generated documents of every command type, in both encodings', () => {
    expect(OCI_COMMAND_SPECS.size).toBeGreaterThanOrEqual(30);
    fc.assert(
      fc.property(anyDocument, fc.constantFrom('UTF-8' as const, 'ISO-8859-1' as const), (doc, encoding) => {
        const bytes = encodeOciDocument(doc, { encoding, overTls: true });
        expect(bytes.ok).toBe(true);
        if (!bytes.ok) return;
        const back = decodeOciDocument(bytes.value);
        expect(back.ok && back.value).toEqual({ document: doc, encoding });
      }),
      { numRuns: 400 },
    );
  });

  it('every encoded document is one line ending in "\\n" that the splitter frames whole', () => {
    fc.assert(
      fc.property(fc.array(anyDocument, { minLength: 1, maxLength: 4 }), (docs) => {
        const encoded = docs.map((d) => {
          const r = encodeOciDocument(d, { overTls: true });
          if (!r.ok) throw r.error;
          return r.value;
        });
        for (const e of encoded) {
          expect(e[e.length - 1]).toBe(0x0a);
          expect(e.subarray(0, -1).includes(0x0a)).toBe(false); // newlines in values are written as references
        }
        const stream = Uint8Array.from(encoded.flatMap((e) => [...e]));
        const splitter = createDocumentSplitter({ mode: 'endTag', endTag: '</BroadsoftDocument>' });
        const out = splitter.push(stream);
        expect(out.ok && out.value.map((d) => decodeOciDocument(d)).map((r) => r.ok && r.value.document)).toEqual(docs);
      }),
      { numRuns: 100 },
    );
  });
});

describe('OCI-P decoder on damaged input', () => {
  const CODES = ['MALFORMED_XML', 'DOCTYPE_REFUSED', 'ENTITY_REFUSED', 'TOO_LARGE', 'TOO_DEEP', 'TOO_MANY_ATTRIBUTES', 'TRUNCATED', 'UNKNOWN_TYPE', 'MISSING_FIELD', 'INVALID_FIELD', 'BAD_ENCODING', 'UNSUPPORTED'];
  it('mutated and random bytes only ever give documents or typed errors', () => {
    fc.assert(
      fc.property(anyDocument, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 5 }), fc.nat(), (doc, edits, cut) => {
        const r = encodeOciDocument(doc, { overTls: true, encoding: 'UTF-8' });
        if (!r.ok) throw r.error;
        const bytes = Uint8Array.from(r.value);
        for (const [at, b] of edits) bytes[at % bytes.length] = b;
        for (const input of [bytes, bytes.subarray(0, cut % (bytes.length + 1))]) {
          const out = decodeOciDocument(input);
          if (!out.ok) expect(CODES).toContain(out.error.code);
        }
      }),
      { numRuns: 400 },
    );
  });
});
