import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeDocument, encodeDocument, parseXml, sniffEncoding } from '../../src/codecs/index.ts';

const latin1Doc = (decl: string, body: number[]): Uint8Array =>
  Uint8Array.from([...Array.from(decl, (c) => c.charCodeAt(0)), ...body]);

describe('document encodings', () => {
  it('reads the declared encoding with single or double quotes, UTF-8 by default', () => {
    const sniff = (s: string) => {
      const r = sniffEncoding(new TextEncoder().encode(s));
      return r.ok ? r.value : r.error.code;
    };
    expect(sniff('<?xml version="1.0" encoding="ISO-8859-1"?><a/>')).toBe('ISO-8859-1');
    expect(sniff("<?xml version='1.0' encoding='iso-8859-1'?><a/>")).toBe('ISO-8859-1');
    expect(sniff('  <?xml version="1.0" encoding = "UTF-8" ?><a/>')).toBe('UTF-8');
    expect(sniff('<?xml version="1.0"?><a/>')).toBe('UTF-8');
    expect(sniff('<a/>')).toBe('UTF-8');
    expect(sniff('<?xml version="1.0" encoding="EBCDIC-US"?><a/>')).toBe('UNSUPPORTED');
  });

  it('decodes ISO-8859-1 byte for byte, including 0x80-0x9F (not windows-1252)', () => {
    const r = decodeDocument(latin1Doc('<?xml version="1.0" encoding="ISO-8859-1"?><a>', [0xe9, 0x80, 0x9f, 0xff, ...'</a>'.split('').map((c) => c.charCodeAt(0))]));
    expect(r.ok && r.value.text.endsWith('<a>\u00e9\u0080\u009f\u00ff</a>')).toBe(true);
    expect(r.ok && r.value.encoding).toBe('ISO-8859-1');
  });

  it('refuses invalid UTF-8 with BAD_ENCODING', () => {
    const r = decodeDocument(Uint8Array.from([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e]));
    expect(r.ok ? 'ok' : r.error.code).toBe('BAD_ENCODING');
  });

  it('encodes ISO-8859-1 with unmappable characters as numeric references that parse back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/[&<>\u0000-\u001f\ufffe\uffff]/g, '')), (text) => {
        const doc = `<?xml version="1.0" encoding="ISO-8859-1"?><a>${text}</a>`;
        const decoded = decodeDocument(encodeDocument(doc, 'ISO-8859-1'));
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) return;
        const parsed = parseXml(decoded.value.text);
        expect(parsed.ok && parsed.value.text).toBe(text);
      }),
      { numRuns: 300 },
    );
    expect(Array.from(encodeDocument('é€😀', 'ISO-8859-1'))).toEqual([0xe9, ...Array.from('&#8364;&#128512;', (c) => c.charCodeAt(0))]);
  });
});
