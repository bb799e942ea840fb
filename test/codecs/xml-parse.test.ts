import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attr, child, childText, parseXml, xsiType, XSI_NS, type XmlElement } from '../../src/codecs/index.ts';

function parsed(text: string): XmlElement {
  const r = parseXml(text);
  if (!r.ok) throw new Error(`expected a document, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function errorCode(text: string, limits?: Parameters<typeof parseXml>[1]): string {
  const r = parseXml(text, limits);
  return r.ok ? 'ok' : r.error.code;
}

describe('parseXml', () => {
  it('resolves element and attribute namespaces by URI, not prefix', () => {
    const doc = parsed(
      '<?xml version="1.0" encoding="ISO-8859-1"?><BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        '<sessionId xmlns="">s1</sessionId><command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/></BroadsoftDocument>',
    );
    expect(doc.name).toBe('BroadsoftDocument');
    expect(doc.ns).toBe('C');
    expect(attr(doc, 'protocol')).toBe('OCI');
    const sid = child(doc, 'sessionId', null);
    expect(sid?.ns).toBeNull();
    expect(sid?.text).toBe('s1');
    const cmd = child(doc, 'command', null) as XmlElement;
    expect(attr(cmd, 'type', XSI_NS)).toBe('c:SuccessResponse');
    expect(xsiType(cmd)).toEqual({ ns: 'C', local: 'SuccessResponse' });
    expect(cmd.attrs.map((a) => a.qname)).toEqual(['echo', 'xsi:type']);
  });

  it('reads xsi:type under any prefix bound to the schema-instance URI (xsi1 in XSI events)', () => {
    const doc = parsed(
      '<xsi:Event xmlns:xsi="http://schema.broadsoft.com/xsi" xmlns:xsi1="http://www.w3.org/2001/XMLSchema-instance" xsi1:type="xsi:SubscriptionEvent"><xsi:eventID>e1</xsi:eventID></xsi:Event>',
    );
    expect(doc.ns).toBe('http://schema.broadsoft.com/xsi');
    expect(xsiType(doc)).toEqual({ ns: 'http://schema.broadsoft.com/xsi', local: 'SubscriptionEvent' });
    expect(attr(doc, 'type')).toBeUndefined();
    expect(childText(doc, 'eventID', 'http://schema.broadsoft.com/xsi')).toBe('e1');
    expect(childText(doc, 'eventID', null)).toBeUndefined();
  });

  it('decodes the five predefined entities, numeric references and CDATA', () => {
    const doc = parsed("<a t='&quot;x&apos; &#233;&#x1F600;'>&lt;b&gt; &amp; &#65;<![CDATA[<raw & text>]]></a>");
    expect(attr(doc, 't')).toBe('"x\' é😀');
    expect(doc.text).toBe('<b> & A<raw & text>');
  });

  it('normalizes CRLF in text and literal newlines in attribute values', () => {
    const doc = parsed('<a v="x\r\ny&#10;z">1\r\n2\r3</a>');
    expect(attr(doc, 'v')).toBe('x y\nz');
    expect(doc.text).toBe('1\n2\n3');
  });

  it('accepts spaces around "=" and in end tags, comments and PIs anywhere', () => {
    const doc = parsed('  <!-- c --><a  x = "1"  y=\'2\' ><?pi x?><b/><!-- <c> --></a >\n<!-- after -->\n');
    expect(attr(doc, 'x')).toBe('1');
    expect(attr(doc, 'y')).toBe('2');
    expect(doc.children.map((c) => c.name)).toEqual(['b']);
  });

  it('refuses malformed documents with MALFORMED_XML', () => {
    for (const bad of ['<a><b></a></b>', '<a></b>', '<a>x</a><b/>', 'junk<a/>', '<a x="1"y="2"/>', '<a x=1/>', '<a x="1" x="2"/>',
      '<p:a/>', '<a p:x="1"/>', '<a><?xml version="1.0"?></a>', '</a>', '<a x="<"/>', '<1a/>', '<a>&#0;</a>', '<a>&amp</a>']) {
      expect(errorCode(bad), bad).toBe('MALFORMED_XML');
    }
  });

  it('refuses duplicate attributes that differ only by prefix', () => {
    expect(errorCode('<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>')).toBe('MALFORMED_XML');
  });

  it('reports truncated input as TRUNCATED', () => {
    for (const cut of ['', '   ', '<a>', '<a><b>text</b>', '<a x="1', '<a', '<a><!-- x', '<a><![CDATA[x', '<?xml version="1.0"']) {
      expect(errorCode(cut), JSON.stringify(cut)).toBe('TRUNCATED');
    }
  });

  it('refuses DOCTYPE and entity declarations, and undefined entities', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    expect(errorCode(bomb)).toBe('DOCTYPE_REFUSED');
    expect(errorCode('<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>')).toBe('DOCTYPE_REFUSED');
    expect(errorCode('<a><!ENTITY x "y"></a>')).toBe('ENTITY_REFUSED');
    expect(errorCode('<a>&lol;</a>')).toBe('ENTITY_REFUSED');
    expect(errorCode('<a x="&nbsp;"/>')).toBe('ENTITY_REFUSED');
  });

  it('refuses a 100 000-deep nesting with TOO_DEEP without overflowing the stack', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    expect(errorCode(deep)).toBe('TOO_DEEP');
    expect(errorCode('<a><b><c/></b></a>', { maxDepth: 2 })).toBe('TOO_DEEP');
    expect(errorCode('<a><b><c/></b></a>', { maxDepth: 3 })).toBe('ok');
    // Limits are the caller's: a raised limit parses the deep document iteratively.
    const r = parseXml('<a>'.repeat(5000) + '</a>'.repeat(5000), { maxDepth: 5000 });
    expect(r.ok).toBe(true);
  });

  it('enforces size and attribute-count limits', () => {
    expect(errorCode('<a>' + 'x'.repeat(100) + '</a>', { maxBytes: 50 })).toBe('TOO_LARGE');
    const attrs = Array.from({ length: 65 }, (_, k) => ` a${k}="v"`).join('');
    expect(errorCode(`<a${attrs}/>`)).toBe('TOO_MANY_ATTRIBUTES');
    expect(errorCode(`<a${attrs}/>`, { maxAttributes: 65 })).toBe('ok');
  });

  it('never echoes document text in error messages', () => {
    const secret = 'S3cr3tPa55';
    for (const doc of [`<a><p>${secret}</b></a>`, `<a>${secret}&bogus;</a>`, `<a x="${secret}`, `<a>${secret}`, `${secret}<a/>`]) {
      const r = parseXml(doc);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message + JSON.stringify(r.error.detail ?? {})).not.toContain(secret);
    }
  });

  it('turns random and mutated input into documents or typed errors, never exceptions', () => {
    const base = '<?xml version="1.0"?><r a="1" xmlns:x="u"><x:b c=\'2\'>t&amp;<![CDATA[d]]></x:b><!-- c --><e/></r>';
    const codes = new Set(['MALFORMED_XML', 'DOCTYPE_REFUSED', 'ENTITY_REFUSED', 'TOO_LARGE', 'TOO_DEEP', 'TOO_MANY_ATTRIBUTES', 'TRUNCATED']);
    const mutated = fc
      .array(fc.tuple(fc.nat(base.length), fc.nat(3), fc.constantFrom('<', '>', '/', '"', "'", '&', ';', '!', '?', '-', ']', 'x', ' ', ':', '=')), { maxLength: 6 })
      .map((edits) => {
        let s = base;
        for (const [at, op, ch] of edits) {
          const p = at % (s.length + 1);
          s = op === 0 ? s.slice(0, p) + s.slice(p + 1) : op === 1 ? s.slice(0, p) + ch + s.slice(p) : op === 2 ? s.slice(0, p) + ch + s.slice(p + 1) : s.slice(0, p);
        }
        return s;
      });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ maxLength: 80 })), (s) => {
        const r = parseXml(s);
        if (!r.ok) expect(codes.has(r.error.code)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
