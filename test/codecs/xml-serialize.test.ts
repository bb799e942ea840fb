import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attr, escapeAttr, escapeText, parseXml, xmlDeclaration, xmlElement, xmlTextElement } from '../../src/codecs/index.ts';

// XML 1.0 characters (no lone surrogates, no C0 controls except tab/LF/CR).
const xmlString = fc.string({ unit: fc.oneof(fc.constantFrom('&', '<', '>', '"', "'", '\t', '\n', '\r', ']]>'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 30 })
  .map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));

describe('XML serializer', () => {
  it('writes one line with attributes in the order given', () => {
    expect(xmlElement('command', [['echo', ''], ['xsi:type', 'c:SuccessResponse'], ['xmlns:c', 'C'], ['xmlns', '']])).toBe(
      '<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>',
    );
    expect(xmlTextElement('userId', 'a&b<c>')).toBe('<userId>a&amp;b&lt;c&gt;</userId>');
    expect(xmlElement('a', null, ['<b/>', '<c/>'])).toBe('<a><b/><c/></a>');
    expect(xmlDeclaration('ISO-8859-1')).toBe('<?xml version="1.0" encoding="ISO-8859-1"?>');
  });

  it('round-trips any text and attribute value through parseXml exactly', () => {
    fc.assert(
      fc.property(xmlString, xmlString, (text, value) => {
        const doc = xmlElement('r', [['v', value]], xmlTextElement('t', text));
        const r = parseXml(doc);
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(attr(r.value, 'v')).toBe(value);
          expect(r.value.children[0]?.text).toBe(text);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('escapes the characters that would change meaning', () => {
    expect(escapeText(']]>\r\n')).toBe(']]&gt;&#13;&#10;');
    expect(escapeAttr('"\t\n\r&<')).toBe('&quot;&#9;&#10;&#13;&amp;&lt;');
  });
});
