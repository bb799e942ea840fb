import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDocumentSplitter, parseXml, type DocumentSplitter, type Result } from '../../src/codecs/index.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();
const bytes = (s: string): Uint8Array => enc.encode(s);
const OCI_END = { mode: 'endTag', endTag: '</BroadsoftDocument>' } as const;

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Feeds `input` cut at the given offsets and returns the documents as strings. */
function split(splitter: DocumentSplitter, input: Uint8Array, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
  const docs: string[] = [];
  let from = 0;
  for (const p of [...points, input.length]) {
    for (const d of value(splitter.push(input.subarray(from, p)))) docs.push(dec.decode(d));
    from = p;
  }
  value(splitter.end());
  return docs;
}

const ociDocs = [
  '<?xml version="1.0" encoding="ISO-8859-1"?><BroadsoftDocument protocol="OCI" xmlns="C"><sessionId xmlns="">s</sessionId></BroadsoftDocument>',
  "<?xml version='1.0' encoding='UTF-8'?>\n<BroadsoftDocument protocol=\"CAP\" version=\"14.0\"><command commandType=\"x\"><name>Zoë 😀</name></command></BroadsoftDocument>",
  '<BroadsoftDocument protocol="OCI"><a/></BroadsoftDocument >',
];
const ociStream = '  \r\n' + ociDocs[0] + '\n' + ociDocs[1] + '\r\n' + ociDocs[2] + 'HTTP/1.0 200 junk\r\n\r\n' + ociDocs[0] + '\n';
const ociExpected = [ociDocs[0], ociDocs[1], ociDocs[2], ociDocs[0]];

const ctiDocs = [
  '<?xml version="1.0" encoding="UTF-8"?>\n<xsp:event xmlns:xsp="u"><requestId>1</requestId><!-- a > b </xsp:event> --><x a="1>2"/><z b=\'</y>\' c="a/>"/><![CDATA[</xsp:event>]]></xsp:event>',
  '<ChannelHeartBeat xmlns="http://schema.broadsoft.com/xsi"/>',
  '<?xml version="1.0"?><!-- prolog <z> --><?pi ?><Channel><name>Zoë 😀</name><e></e></Channel>',
];
const ctiStream = ctiDocs.join('\n') + '\r\n' + ctiDocs[0];
const ctiExpected = [...ctiDocs, ctiDocs[0]];

describe('document splitter', () => {
  it('splits OCI/CAP streams on </BroadsoftDocument> with every tolerated variation', () => {
    expect(split(createDocumentSplitter(OCI_END), bytes(ociStream), [])).toEqual(ociExpected);
  });

  it('splits CTI streams at the close of the depth-0 element despite comments, CDATA and ">" in attributes', () => {
    expect(split(createDocumentSplitter({ mode: 'depth0' }), bytes(ctiStream), [])).toEqual(ctiExpected);
  });

  it('gives identical documents for every chunking of the same bytes (including split UTF-8 characters)', () => {
    const cases = [
      { mode: OCI_END, input: bytes(ociStream), expected: ociExpected },
      { mode: { mode: 'depth0' } as const, input: bytes(ctiStream), expected: ctiExpected },
    ];
    for (const c of cases) {
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 40 }), (cuts) => {
          expect(split(createDocumentSplitter(c.mode), c.input, cuts)).toEqual(c.expected);
        }),
        { numRuns: 300 },
      );
      // Byte by byte, the worst case.
      const everyByte = Array.from({ length: c.input.length }, (_, k) => k);
      expect(split(createDocumentSplitter(c.mode), c.input, everyByte)).toEqual(c.expected);
    }
  });

  it('reports a stream that ends inside a document as TRUNCATED', () => {
    for (const mode of [OCI_END, { mode: 'depth0' } as const]) {
      const s = createDocumentSplitter(mode);
      value(s.push(bytes('<?xml version="1.0"?><BroadsoftDocument protocol="OCI"><sessionId>')));
      const r = s.end();
      expect(r.ok ? 'ok' : r.error.code).toBe('TRUNCATED');
    }
    // Whitespace or junk alone is not a document.
    const s = createDocumentSplitter(OCI_END);
    value(s.push(bytes('\r\n  noise ')));
    expect(s.end().ok).toBe(true);
  });

  it('refuses an endless document early with TOO_LARGE while holding bounded memory', () => {
    const limit = 1024 * 1024;
    const s = createDocumentSplitter(OCI_END, { maxDocumentBytes: limit });
    value(s.push(bytes('<BroadsoftDocument protocol="OCI">')));
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let pushed = 0;
    let code = 'ok';
    // Claims to go on for 1 GiB; must be refused right after the limit.
    while (pushed < 1024 * 1024 * 1024) {
      const r = s.push(chunk);
      pushed += chunk.length;
      if (!r.ok) {
        code = r.error.code;
        break;
      }
      expect(s.buffered).toBeLessThanOrEqual(limit + chunk.length + 64);
    }
    expect(code).toBe('TOO_LARGE');
    expect(pushed).toBeLessThanOrEqual(limit + 2 * chunk.length);
    // The failure is sticky.
    const again = s.push(bytes('</BroadsoftDocument>'));
    expect(again.ok ? 'ok' : again.error.code).toBe('TOO_LARGE');
  });

  it('refuses a single oversized chunk without copying all of it', () => {
    const s = createDocumentSplitter({ mode: 'depth0' }, { maxDocumentBytes: 100_000 });
    const huge = new Uint8Array(8 * 1024 * 1024).fill(0x62);
    huge.set(bytes('<a>'));
    const r = s.push(huge);
    expect(r.ok ? 'ok' : r.error.code).toBe('TOO_LARGE');
  });

  it('refuses a 100 000-deep nesting in depth0 mode with TOO_DEEP', () => {
    const s = createDocumentSplitter({ mode: 'depth0' });
    const r = s.push(bytes('<a>'.repeat(100_000)));
    expect(r.ok ? 'ok' : r.error.code).toBe('TOO_DEEP');
  });

  it('keeps a leading DOCTYPE inside the document so the parser refuses it', () => {
    const s = createDocumentSplitter({ mode: 'depth0' });
    const docs = value(s.push(bytes('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')));
    expect(docs.map((d) => dec.decode(d))).toEqual(['<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>']);
    const parsed = parseXml(dec.decode(docs[0] as Uint8Array));
    expect(parsed.ok ? 'ok' : parsed.error.code).toBe('DOCTYPE_REFUSED');
  });

  it('skips junk outside documents without keeping it', () => {
    const s = createDocumentSplitter(OCI_END);
    for (let k = 0; k < 100; k++) value(s.push(bytes('garbage without markup '.repeat(100))));
    expect(s.buffered).toBeLessThan(100);
    expect(value(s.push(bytes(ociDocs[2] as string))).map((d) => dec.decode(d))).toEqual([ociDocs[2]]);
  });

  it('turns random bytes into documents or typed errors only', () => {
    const alphabet = fc.constantFrom(...bytes('<>/!?-[]"\' =aBx\n').values(), 0xc3, 0xa9);
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 300 }), fc.array(fc.nat(), { maxLength: 8 }), (arr, cuts) => {
        for (const mode of [OCI_END, { mode: 'depth0' } as const]) {
          const s = createDocumentSplitter(mode, { maxDocumentBytes: 200, maxDepth: 8 });
          const input = Uint8Array.from(arr);
          let from = 0;
          for (const p of [...cuts.map((c) => c % (input.length + 1)).sort((a, b) => a - b), input.length]) {
            const r = s.push(input.subarray(from, p));
            if (!r.ok) expect(['TOO_LARGE', 'TOO_DEEP', 'BAD_FRAME']).toContain(r.error.code);
            from = Math.max(from, p);
          }
          const e = s.end();
          if (!e.ok) expect(['TOO_LARGE', 'TOO_DEEP', 'BAD_FRAME', 'TRUNCATED']).toContain(e.error.code);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('maxJunkBytes (issue 10: a peer that sends no documents is named at once)', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['endTag', { mode: 'endTag', endTag: '</BroadsoftDocument>' } as const, 'HTTP/1.1 400 Bad Request\r\n\r\n'],
    ['endTag, a < that opens no document', { mode: 'endTag', endTag: '</BroadsoftDocument>' } as const, '<html><body>hi'],
    ['depth0', { mode: 'depth0' } as const, 'garbage'],
  ])('%s: junk fails BAD_FRAME with the limit 0, is skipped by default', (_name, mode, junk) => {
    const strict = createDocumentSplitter(mode, { maxJunkBytes: 0 });
    const pushed = strict.push(enc(junk));
    expect(pushed.ok ? null : pushed.error.code).toBe('BAD_FRAME');
    const tolerant = createDocumentSplitter(mode);
    expect(tolerant.push(enc(junk)).ok).toBe(true);
  });

  it('whitespace and comments between documents are no junk; the count is over the whole stream', () => {
    const doc = '<?xml version="1.0"?><a/>';
    const s = createDocumentSplitter({ mode: 'depth0' }, { maxJunkBytes: 3 });
    const first = s.push(enc(`  \r\n${doc}\n<!-- hi -->\n${doc}ab`));
    expect(first.ok && first.value.length).toBe(2);
    expect(s.push(enc('c')).ok).toBe(true);
    const over = s.push(enc('d'));
    expect(over.ok ? null : over.error).toMatchObject({ code: 'BAD_FRAME', detail: { limit: 3, actual: 4 } });
  });
});
