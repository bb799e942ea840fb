// The checker itself, on a made-up schema pair that exercises each construct the BroadWorks rules use.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { any, attr, choice, complex, defineSchema, el, extend, many, occurs, opt, ref, schemaSet, seq, t } from './index.ts';

const envelope = defineSchema({
  key: 'env',
  namespace: 'urn:env',
  elementForm: 'unqualified',
  elements: {
    message: { type: 'Message' },
    payload: { type: 'Payload' },
    emptyPayload: { type: 'Payload', substitutionGroup: 'payload' },
  },
  types: {
    Message: complex({
      attributes: { version: attr(t.token()), protocol: attr(t.token(), 'required', 'SHOP') },
      content: seq(
        el('id', t.positiveInteger()),
        choice(el('user', t.token({ minLength: 1, maxLength: 8 })), el('anonymous', complex())),
        el('command', 'Command', { min: 1, max: 3 }),
        ref('payload', { min: 0 }),
      ),
    }),
    Command: complex({ abstract: true }),
    Payload: complex({ content: any('##other', 'strict', { min: 0, max: 1 }) }),
  },
});

const shop = defineSchema({
  key: 'shop',
  namespace: null,
  elementForm: 'qualified',
  types: {
    Order: extend('env:Command', {
      content: seq(
        el('state', t.enumeration('State', ['open', 'closed'])),
        many('item', 'Item', 0, Infinity),
        opt('note', t.string({ maxLength: 5 }), { nillable: true }),
        opt('price', complex({ simpleContent: t.decimal(), attributes: { currency: attr(t.token({ length: 3 }), 'required') } })),
      ),
    }),
    Item: complex({ content: seq(el('sku', t.token()), opt('count', t.int({ minInclusive: 1 }))) }),
    Other: complex({}),
  },
});

const extra = defineSchema({
  key: 'x',
  namespace: 'urn:extra',
  elementForm: 'qualified',
  elements: { detail: { type: complex({ content: seq(el('code', t.int())) }) } },
});

const set = schemaSet(envelope, shop, extra);
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

function doc(inner: string, head = '<id>7</id><user>ann</user>', attrs = 'protocol="SHOP"'): string {
  return `<?xml version="1.0"?><e:message xmlns:e="urn:env" ${XSI} ${attrs}>${head}${inner}</e:message>`;
}
const order = (body: string): string => `<command xsi:type="Order"><state>open</state>${body}</command>`;
const messages = (xml: string): string[] => set.check(xml).map((f) => `${f.path}: ${f.message}`);

describe('shape checker', () => {
  it('accepts a conforming document, with optional parts absent and present', () => {
    expect(messages(doc(order('')))).toEqual([]);
    const full = order('<item><sku>a</sku><count>2</count></item><item><sku>b</sku></item><note>hi</note><price currency="EUR">1.50</price>');
    expect(messages(doc(`${full}${order('')}<e:emptyPayload><x:detail xmlns:x="urn:extra"><x:code>1</x:code></x:detail></e:emptyPayload>`))).toEqual([]);
  });

  it('names an element out of order, a missing one and one too many', () => {
    expect(messages(doc(order(''), '<user>ann</user><id>7</id>'))).toEqual([
      '/message: found <user> where the schema expects id',
    ]);
    expect(messages(doc('', '<id>7</id><user>ann</user>'))).toEqual(['/message: found the end of the element where the schema expects command']);
    expect(messages(doc(order('') + order('') + order('') + order('')))).toEqual([
      '/message: found <command> where the schema expects {urn:env}payload or {urn:env}emptyPayload',
    ]);
  });

  it('checks simple types and their facets', () => {
    expect(messages(doc(order(''), '<id>0</id><user>ann</user>'))).toEqual(['/message/id: 0 is out of the range of xs:positiveInteger (xs:positiveInteger)']);
    expect(messages(doc(order(''), '<id>7</id><user>annabelle1</user>'))).toEqual([
      '/message/user: "annabelle1" is longer than 8 characters (10) (xs:token{1..8 chars})',
    ]);
    expect(messages(doc('<command xsi:type="Order"><state>Open</state></command>'))).toEqual([
      '/message/command(Order)/state: "Open" is not one of "open", "closed" (State)',
    ]);
    expect(messages(doc(order('<item><sku>a</sku><count>0</count></item>')))).toEqual([
      '/message/command(Order)/item/count: 0 is below the minimum 1 (xs:int{1..*})',
    ]);
  });

  it('resolves xsi:type, refuses abstract and underived types', () => {
    expect(messages(doc('<command/>'))).toEqual(['/message/command: type Command is abstract: the element needs an xsi:type naming a concrete type']);
    expect(messages(doc('<command xsi:type="Other"/>'))).toEqual([
      '/message/command: xsi:type "Other" does not derive from the declared type Command',
    ]);
    expect(messages(doc('<command xsi:type="Nope"/>'))[0]).toContain('names no type');
  });

  it('checks attributes: required, fixed, undeclared', () => {
    expect(messages(doc(order(''), undefined, ''))).toEqual(['/message: required attribute "protocol" is missing']);
    expect(messages(doc(order(''), undefined, 'protocol="OCI"'))).toEqual(['/message: attribute "protocol" must be "SHOP"']);
    expect(messages(doc(order(''), undefined, 'protocol="SHOP" colour="red"'))).toEqual(['/message: attribute "colour" is not allowed here']);
  });

  it('handles xsi:nil, simple content and text in element-only content', () => {
    expect(messages(doc(order('<note xsi:nil="true"/>')))).toEqual([]);
    expect(messages(doc(`<command xsi:type="Order"><state xsi:nil="true"/></command>`))).toEqual([
      '/message/command(Order)/state: xsi:nil is used but the element is not nillable',
    ]);
    expect(messages(doc(order('<price>1</price>')))).toEqual(['/message/command(Order)/price: required attribute "currency" is missing']);
    expect(messages(doc(order('<price currency="EUR">x</price>')))[0]).toContain('is not a decimal');
    expect(messages(doc(`<command xsi:type="Order">stray<state>open</state></command>`))[0]).toContain('is not allowed in element-only content');
  });

  it('applies element form: qualified locals need the namespace, unqualified must have none', () => {
    expect(messages(doc('<e:command xsi:type="Order"><state>open</state></e:command>'))[0]).toContain(
      'found <e:command>'.replace('<e:command>', '<command> (namespace urn:env)'),
    );
    const payload = (inner: string): string => doc(`${order('')}<e:payload>${inner}</e:payload>`);
    expect(messages(payload('<x:detail xmlns:x="urn:extra"><code>1</code></x:detail>'))).toEqual([
      '/message/payload/detail: found <code> where the schema expects {urn:extra}code',
    ]);
  });

  it('checks wildcard content strictly, and refuses the wildcard its own namespace (##other)', () => {
    const payload = (inner: string): string => doc(`${order('')}<e:payload>${inner}</e:payload>`);
    expect(messages(payload('<x:unknown xmlns:x="urn:extra"/>'))).toEqual([
      '/message/payload/unknown: no global element of this name is declared (strict wildcard)',
    ]);
    expect(messages(payload('<e:message/>'))).toEqual([
      '/message/payload: found <message> (namespace urn:env) where the schema expects any element (##other)',
    ]);
    expect(messages(payload('<x:detail xmlns:x="urn:extra"><x:code>one</x:code></x:detail>'))[0]).toContain('not an integer');
  });

  it('reports a document that is not well-formed', () => {
    expect(messages('<a><b></a>')[0]).toMatch(/^\/: not well-formed XML/);
  });

  it('refuses a rule set that names an undefined type', () => {
    const broken = defineSchema({ key: 'b', namespace: null, elementForm: 'unqualified', types: { A: complex({ content: seq(el('x', 'Missing')) }) } });
    expect(() => schemaSet(broken)).toThrow(/type "Missing" is not defined/);
  });

  test.prop([fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 8 })])('a repeated choice accepts exactly the sequences of its members', (names) => {
    const s = defineSchema({
      key: 'r',
      namespace: null,
      elementForm: 'unqualified',
      elements: { r: { type: complex({ content: seq(occurs(choice(el('a', t.token()), el('b', t.token())), 1, 4)) }) } },
    });
    const xml = `<r>${names.map((n) => `<${n}/>`).join('')}</r>`;
    const ok = names.length >= 1 && names.length <= 4 && names.every((n) => n !== 'c');
    expect(schemaSet(s).check(xml).length === 0).toBe(ok);
  });
});
