import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createXmlStreamReader, type XmlStreamEvent } from '../../../src/adapters/xmpp/xml-stream-reader.ts';
import type { XmlElement } from '../../../src/adapters/xmpp/xml-element.ts';

const HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='xmpp.lab.test' version='1.0'>";
const STANZAS =
  "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>" +
  ' \n ' + // whitespace keepalive between stanzas
  "<message type='chat' id='m1' from='bob@xmpp.lab.test/x'><body>h\u00e9llo &lt;b&gt; &amp; \u{1F600}</body></message>";
const WHOLE = new TextEncoder().encode(HEADER + STANZAS + '</stream:stream>');

function run(chunks: Uint8Array[], limits?: { maxStanzaChars: number; maxDepth: number }): XmlStreamEvent[] {
  const events: XmlStreamEvent[] = [];
  const reader = createXmlStreamReader((e) => events.push(e), limits);
  for (const chunk of chunks) reader.push(chunk);
  return events;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('XMPP stream reader (saxes)', () => {
  it('reports the stream header, each top-level stanza with namespaces and text, and the stream end', () => {
    const events = run([WHOLE]);
    expect(events.map((e) => e.type)).toEqual(['stream-open', 'stanza', 'stanza', 'stream-close']);
    expect(events[0]).toMatchObject({ attrs: { id: 's1', from: 'xmpp.lab.test', version: '1.0' } });
    const features = (events[1] as { element: XmlElement }).element;
    expect(features).toMatchObject({ name: 'features', ns: 'http://etherx.jabber.org/streams' });
    expect(features.children[0]).toMatchObject({ name: 'starttls', ns: 'urn:ietf:params:xml:ns:xmpp-tls' });
    const message = (events[2] as { element: XmlElement }).element;
    expect(message).toMatchObject({ name: 'message', ns: 'jabber:client', attrs: { type: 'chat', id: 'm1' } });
    expect(message.children[0]).toMatchObject({ name: 'body', children: ['h\u00e9llo <b> & \u{1F600}'] });
  });

  propTest.prop([fc.uniqueArray(fc.integer({ min: 1, max: WHOLE.length - 1 }), { maxLength: 12 })], { numRuns: 200 })(
    'gives the same events however the bytes are split (even inside a UTF-8 sequence)',
    (cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const chunks: Uint8Array[] = [];
      let from = 0;
      for (const cut of [...sorted, WHOLE.length]) {
        chunks.push(WHOLE.subarray(from, cut));
        from = cut;
      }
      expect(run(chunks)).toEqual(run([WHOLE]));
    },
  );

  it('refuses a DOCTYPE (RFC 6120 §11.1) and entities beyond the predefined ones', () => {
    const dtd = run([enc("<!DOCTYPE x [<!ENTITY a 'aaaa'>]><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>")]);
    expect(dtd.at(-1)).toMatchObject({ type: 'error' });
    const entity = run([enc(HEADER), enc('<message><body>&a;</body></message>')]);
    expect(entity.map((e) => e.type)).toEqual(['stream-open', 'error']);
  });

  it('refuses a root that is not a stream', () => {
    expect(run([enc('<html>')])).toEqual([{ type: 'error', condition: 'invalid-namespace', detail: 'unexpected root element <html>' }]);
  });

  it('refuses a stanza over the size limit and nesting over the depth limit, and reads nothing after', () => {
    const big = run([enc(HEADER), enc(`<message><body>${'x'.repeat(5000)}</body></message>`), enc('<presence/>')], {
      maxStanzaChars: 4096,
      maxDepth: 8,
    });
    expect(big.map((e) => e.type)).toEqual(['stream-open', 'error']);
    const unfinished = run([enc(HEADER), enc(`<message><body>${'x'.repeat(5000)}`)], { maxStanzaChars: 4096, maxDepth: 8 });
    expect(unfinished.map((e) => e.type)).toEqual(['stream-open', 'error']);
    const manySmall = run([enc(HEADER + '<presence/>'.repeat(1000))], { maxStanzaChars: 4096, maxDepth: 8 });
    expect(manySmall.filter((e) => e.type === 'stanza')).toHaveLength(1000);
    expect(manySmall.some((e) => e.type === 'error')).toBe(false);
    const deep = run([enc(HEADER), enc('<a>'.repeat(9))], { maxStanzaChars: 4096, maxDepth: 8 });
    expect(deep.map((e) => e.type)).toEqual(['stream-open', 'error']);
    const ok = run([enc(HEADER + '<a>'.repeat(8) + '</a>'.repeat(8))], { maxStanzaChars: 4096, maxDepth: 8 });
    expect(ok.map((e) => e.type)).toEqual(['stream-open', 'stanza']);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(run([enc(HEADER), new Uint8Array([0x3c, 0x61, 0xff, 0x3e])]).at(-1)).toMatchObject({ type: 'error' });
  });

  it('refuses malformed XML', () => {
    expect(run([enc(HEADER + '<message></presence>')]).at(-1)).toMatchObject({ type: 'error' });
  });
});

describe('XMPP stream reader, chunks with errors', () => {
  it('delivers nothing of a chunk whose close tag does not match (saxes closes the element first)', () => {
    const events = run([enc(HEADER), enc('<stream:features></oops>')]);
    expect(events.map((e) => e.type)).toEqual(['stream-open', 'error']);
  });
});
