// The compact notation in which conformance rules restate what a public XML Schema defines:
// elements, their order and cardinality, attributes, simple types with their facets, type
// derivation (xsi:type), substitution groups and wildcards. Rules are written by reading the schema
// (W3C XML Schema 1.0 Part 1 structures, Part 2 datatypes), never from our encoders.
//
// Example (a made-up schema, not a BroadWorks one):
//   const shop = defineSchema({
//     key: 'shop', namespace: 'urn:shop', elementForm: 'unqualified',
//     elements: { order: { type: 'Order' } },
//     types: {
//       Order: complex({ content: seq(el('id', t.positiveInt()), many('item', 'Item', 1)), attributes: { version: attr(t.token()) } }),
//       Item: complex({ content: seq(el('sku', t.token({ maxLength: 8 })), opt('note', t.string())) }),
//     },
//   });

import type { SimpleType } from './simple-types.ts';

/** How often a particle may occur: `max` is `Infinity` for `maxOccurs="unbounded"`. */
export interface Occurs {
  readonly min: number;
  readonly max: number;
}

/**
 * A reference to a type: its name in the same schema (`'Order'`), a name in another schema of the
 * set (`'xsp:Payload'`, by that schema's key), or an inline definition.
 */
export type TypeRef = string | TypeDef;

export type TypeDef = SimpleType | ComplexType | AnyType;

/** `xs:anyType` (an element declared without a type): any attributes, any content, unchecked. */
export interface AnyType {
  readonly kind: 'anyType';
}

export interface AttributeRule {
  readonly type: SimpleType;
  readonly use: 'required' | 'optional' | 'prohibited';
  readonly fixed?: string;
}

export interface ComplexType {
  readonly kind: 'complex';
  /** The base type and how this type derives from it (`xs:extension` appends to its content). */
  readonly base?: TypeRef;
  readonly derivation?: 'extension' | 'restriction';
  readonly abstract?: boolean;
  readonly attributes?: Readonly<Record<string, AttributeRule>>;
  /** `xs:anyAttribute`: undeclared attributes are allowed. */
  readonly anyAttribute?: boolean;
  /** The content model; absent means empty content (or, with `simpleContent`, text). */
  readonly content?: Particle;
  readonly mixed?: boolean;
  /** `xs:simpleContent`: text of this simple type, plus the attributes. */
  readonly simpleContent?: SimpleType;
}

export type Particle = ElementParticle | RefParticle | GroupParticle | AnyParticle;

export interface ElementParticle extends Occurs {
  readonly kind: 'element';
  readonly name: string;
  /** Namespace of a local element; `undefined` takes the schema's `elementForm`. */
  readonly ns?: string | null;
  readonly type: TypeRef;
  readonly nillable?: boolean;
  readonly fixed?: string;
}

/** `<xs:element ref="…"/>`: a global element, or any member of its substitution group. */
export interface RefParticle extends Occurs {
  readonly kind: 'ref';
  /** `'name'` in the same schema or `'key:name'` in another schema of the set. */
  readonly element: string;
}

export interface GroupParticle extends Occurs {
  readonly kind: 'sequence' | 'choice';
  readonly items: readonly Particle[];
}

/** `xs:any`: elements of the given namespaces; `strict`/`lax` check them when they are known. */
export interface AnyParticle extends Occurs {
  readonly kind: 'any';
  readonly namespace: '##any' | '##other' | readonly string[];
  readonly process: 'strict' | 'lax' | 'skip';
}

export interface GlobalElement {
  readonly type: TypeRef;
  readonly abstract?: boolean;
  /** The head of the substitution group this element belongs to (`'name'` or `'key:name'`). */
  readonly substitutionGroup?: string;
  readonly nillable?: boolean;
}

export interface SchemaDefinition {
  /** Short key other schemas of a set use to name this one's types and elements. */
  readonly key: string;
  /** Where the facts come from, e.g. "XspXMLInterface.xsd (libcti)". Shown in every finding. */
  readonly source?: string;
  /** `targetNamespace`; `null` for a schema without one. */
  readonly namespace: string | null;
  /** `elementFormDefault`: whether local elements are in the target namespace. */
  readonly elementForm: 'qualified' | 'unqualified';
  readonly elements?: Readonly<Record<string, GlobalElement>>;
  readonly types?: Readonly<Record<string, TypeDef>>;
}

const ONE: Occurs = { min: 1, max: 1 };

/** A local element occurring `occurs` times (default exactly once). */
export function el(name: string, type: TypeRef, occurs: Partial<Occurs> & { nillable?: boolean; fixed?: string } = {}): ElementParticle {
  const { nillable, fixed, ...o } = occurs;
  return {
    kind: 'element',
    name,
    type,
    ...ONE,
    ...o,
    ...(nillable !== undefined ? { nillable } : {}),
    ...(fixed !== undefined ? { fixed } : {}),
  };
}

/** An optional local element (`minOccurs="0"`). */
export function opt(name: string, type: TypeRef, extra: { nillable?: boolean; fixed?: string } = {}): ElementParticle {
  return el(name, type, { min: 0, max: 1, ...extra });
}

/** A repeated local element: `min`..`max` times (default 0..unbounded). */
export function many(name: string, type: TypeRef, min = 0, max = Infinity, extra: { nillable?: boolean } = {}): ElementParticle {
  return el(name, type, { min, max, ...extra });
}

/** An `xs:sequence` occurring once; use `{ ...seq(...), min, max }` for other counts. */
export function seq(...items: Particle[]): GroupParticle {
  return { kind: 'sequence', items, ...ONE };
}

/** An `xs:choice` occurring once. */
export function choice(...items: Particle[]): GroupParticle {
  return { kind: 'choice', items, ...ONE };
}

/** A particle with other occurrence bounds, e.g. `occurs(choice(a, b), 0, Infinity)`. */
export function occurs<P extends Particle>(particle: P, min: number, max: number): P {
  return { ...particle, min, max };
}

/** `<xs:element ref="…"/>`. */
export function ref(element: string, occurs: Partial<Occurs> = {}): RefParticle {
  return { kind: 'ref', element, ...ONE, ...occurs };
}

/** `xs:any`. */
export function any(namespace: AnyParticle['namespace'] = '##any', process: AnyParticle['process'] = 'lax', occurs: Partial<Occurs> = {}): AnyParticle {
  return { kind: 'any', namespace, process, min: 0, max: 1, ...occurs };
}

/** A complex type. */
export function complex(def: Omit<ComplexType, 'kind'> = {}): ComplexType {
  return { kind: 'complex', ...def };
}

/** A complex type that extends `base` (`xs:complexContent/xs:extension`): base content, then `content`. */
export function extend(base: TypeRef, def: Omit<ComplexType, 'kind' | 'base' | 'derivation'> = {}): ComplexType {
  return { kind: 'complex', base, derivation: 'extension', ...def };
}

/** A complex type that restricts `base`: it states its whole content itself. */
export function restrict(base: TypeRef, def: Omit<ComplexType, 'kind' | 'base' | 'derivation'> = {}): ComplexType {
  return { kind: 'complex', base, derivation: 'restriction', ...def };
}

/** An attribute (optional unless `use` says otherwise). */
export function attr(type: SimpleType, use: AttributeRule['use'] = 'optional', fixed?: string): AttributeRule {
  return { type, use, ...(fixed !== undefined ? { fixed } : {}) };
}

/** `xs:anyType`. */
export const anyType: AnyType = { kind: 'anyType' };

export interface Schema extends SchemaDefinition {
  readonly elements: Readonly<Record<string, GlobalElement>>;
  readonly types: Readonly<Record<string, TypeDef>>;
}

/** A schema: checks that every name it uses is declared once the set is built. */
export function defineSchema(def: SchemaDefinition): Schema {
  return { ...def, elements: def.elements ?? {}, types: def.types ?? {} };
}
