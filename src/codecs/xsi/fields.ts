// A small declarative field codec: one description per document type gives both directions in
// the schema's element order (cti-xsi.md §3.4: "order matters"), so encoder and decoder cannot
// drift apart. Used by the XSI, CTI and Kakapo document codecs.
//
// Decoding is tolerant the way XML schemas evolve: unknown child elements are ignored, a repeated
// single element takes the first. Children are matched by local name AND namespace URI (the
// context's `ns`), never by prefix. Decoders throw CodecError; callers wrap them in `attempt`.
import { CodecError } from '../errors.ts';
import { escapeAttr, escapeText } from '../xml/serialize.ts';
import type { XmlElement } from '../xml/types.ts';

/** Where the children of the element being coded live. */
export interface FieldContext {
  /** Namespace URI of child elements (null = unqualified). */
  readonly ns: string | null;
  /** Prefix written before child element names when encoding, e.g. 'xsi:' or ''. */
  readonly prefix: string;
}

export interface FieldCodec<T> {
  /** Element markup for `value` under the element name `name` ('' when nothing is written). */
  encode(name: string, value: T, ctx: FieldContext): string;
  /** Value from the children named `name` (possibly none). */
  decode(elements: readonly XmlElement[], name: string, ctx: FieldContext): T;
  readonly optional?: boolean;
  /** What the codec accepts, for documentation and generated tests. */
  readonly shape: Shape;
}

export type Shape =
  | { kind: 'text' | 'int' | 'bool' | 'flag' }
  | { kind: 'oneOf'; values: readonly string[] }
  | { kind: 'textWithAttrs'; attrs: readonly string[] }
  | { kind: 'opt' | 'many' | 'default'; inner: Shape }
  | { kind: 'obj'; fields: ReadonlyArray<readonly [key: string, shape: Shape]> };

export interface OptionalCodec<T> extends FieldCodec<T | undefined> {
  readonly optional: true;
}

export type Infer<C> = C extends FieldCodec<infer T> ? T : never;
type Spec = Record<string, FieldCodec<any>>;
type OptionalKeys<S extends Spec> = { [K in keyof S]: S[K] extends OptionalCodec<any> ? K : never }[keyof S];
type RequiredKeys<S extends Spec> = Exclude<keyof S, OptionalKeys<S>>;
type Flatten<T> = { [K in keyof T]: T[K] };
export type InferSpec<S extends Spec> = Flatten<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

// -------------------------------------------------------------------- errors

export function missing(name: string): CodecError {
  return new CodecError('MISSING_FIELD', `required element <${name}> is missing`, { field: name });
}

/** The offending value is never quoted: it may be user data. */
export function invalid(name: string, what: string): CodecError {
  return new CodecError('INVALID_FIELD', `<${name}> is not ${what}`, { field: name });
}

function first(elements: readonly XmlElement[], name: string): XmlElement {
  const el = elements[0];
  if (el === undefined) throw missing(name);
  return el;
}

// XML 1.0 cannot carry these characters at all; an encoder refuses them instead of writing a
// document that no parser (ours included) accepts.
const NOT_XML_CHAR = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function checkXmlText(name: string, value: string): string {
  if (NOT_XML_CHAR.test(value)) throw invalid(name, 'representable in XML');
  return value;
}

function leaf(ctx: FieldContext, name: string, escaped: string): string {
  const q = ctx.prefix + name;
  return escaped === '' ? `<${q}/>` : `<${q}>${escaped}</${q}>`;
}

// -------------------------------------------------------------------- scalar codecs

export function text(): FieldCodec<string> {
  return {
    shape: { kind: 'text' },
    encode: (name, value, ctx) => leaf(ctx, name, escapeText(checkXmlText(name, value))),
    decode: (els, name) => first(els, name).text,
  };
}

/** Text whose value must be one of `values` (schema enumerations). */
export function oneOf<const V extends string>(values: readonly V[]): FieldCodec<V> {
  const allowed = new Set<string>(values);
  return {
    shape: { kind: 'oneOf', values },
    encode: (name, value, ctx) => {
      if (!allowed.has(value)) throw invalid(name, 'an allowed value');
      return leaf(ctx, name, escapeText(value));
    },
    decode: (els, name) => {
      const v = first(els, name).text.trim();
      if (!allowed.has(v)) throw invalid(name, 'an allowed value');
      return v as V;
    },
  };
}

const INT = /^[+-]?[0-9]{1,16}$/;

/** xs:int / xs:long as a JS safe integer (epoch milliseconds fit). */
export function int(): FieldCodec<number> {
  return {
    shape: { kind: 'int' },
    encode: (name, value, ctx) => {
      if (!Number.isSafeInteger(value)) throw invalid(name, 'an integer');
      return leaf(ctx, name, String(value));
    },
    decode: (els, name) => parseIntField(name, first(els, name).text),
  };
}

export function parseIntField(name: string, raw: string): number {
  const t = raw.trim();
  if (!INT.test(t)) throw invalid(name, 'an integer');
  const n = Number(t);
  if (!Number.isSafeInteger(n)) throw invalid(name, 'an integer');
  return n === 0 ? 0 : n; // no -0
}

/** xs:boolean: true/false (1/0 accepted on input). */
export function bool(): FieldCodec<boolean> {
  return {
    shape: { kind: 'bool' },
    encode: (name, value, ctx) => leaf(ctx, name, value ? 'true' : 'false'),
    decode: (els, name) => parseBoolField(name, first(els, name).text),
  };
}

export function parseBoolField(name: string, raw: string): boolean {
  const t = raw.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw invalid(name, 'a boolean');
}

/** An empty marker element: present = true (messageInfo `read`, `urgent`, … cti-xsi.md §4.3). */
export function flag(): FieldCodec<boolean> {
  return {
    shape: { kind: 'flag' },
    encode: (name, value, ctx) => (value ? `<${ctx.prefix}${name}/>` : ''),
    decode: (els) => els.length > 0,
  };
}

/** Text with optional unqualified attributes, e.g. `<userDN countryCode="1">…</userDN>`. */
export function textWithAttrs<const A extends string>(
  attrNames: readonly A[],
): FieldCodec<{ value: string } & { [K in A]?: string }> {
  return {
    shape: { kind: 'textWithAttrs', attrs: attrNames },
    encode: (name, value, ctx) => {
      const q = ctx.prefix + name;
      let out = '<' + q;
      for (const a of attrNames) {
        const v = (value as Record<string, string | undefined>)[a];
        if (v !== undefined) out += ` ${a}="${escapeAttr(checkXmlText(name, v))}"`;
      }
      const body = escapeText(checkXmlText(name, value.value));
      return body === '' ? out + '/>' : `${out}>${body}</${q}>`;
    },
    decode: (els, name) => {
      const el = first(els, name);
      const out: Record<string, string> = { value: el.text };
      for (const a of el.attrs) {
        if (a.ns === null && (attrNames as readonly string[]).includes(a.local)) out[a.local] = a.value;
      }
      return out as { value: string } & { [K in A]?: string };
    },
  };
}

// -------------------------------------------------------------------- combinators

export function opt<T>(codec: FieldCodec<T>): OptionalCodec<T> {
  return {
    optional: true,
    shape: { kind: 'opt', inner: codec.shape },
    encode: (name, value, ctx) => (value === undefined ? '' : codec.encode(name, value, ctx)),
    decode: (els, name, ctx) => (els.length === 0 ? undefined : codec.decode(els, name, ctx)),
  };
}

/** A repeated element (0..n), e.g. `call*`, `messageInfo*`. */
export function many<T>(codec: FieldCodec<T>): FieldCodec<T[]> {
  return {
    shape: { kind: 'many', inner: codec.shape },
    encode: (name, values, ctx) => {
      let out = '';
      for (const v of values) out += codec.encode(name, v, ctx);
      return out;
    },
    decode: (els, name, ctx) => els.map((el) => codec.decode([el], name, ctx)),
  };
}

/** Writes under another element name than the property name (e.g. `ChannelHeartBeat`). */
export function renamed<T>(xmlName: string, codec: FieldCodec<T>): FieldCodec<T> & { readonly xmlName: string } {
  return { ...codec, xmlName };
}

export interface ObjectCodec<T> extends FieldCodec<T> {
  /** Children only (no wrapping element). */
  encodeChildren(value: T, ctx: FieldContext): string;
  /** Decodes from the element's children. */
  decodeElement(el: XmlElement, ctx: FieldContext): T;
  readonly spec: Spec;
}

/** A sequence of child elements in the order of `spec`'s keys. */
export function obj<const S extends Spec>(spec: S): ObjectCodec<InferSpec<S>> {
  const keys = Object.keys(spec);
  const xmlNames = keys.map((k) => (spec[k] as { xmlName?: string }).xmlName ?? k);
  const byXmlName = new Map<string, number>(xmlNames.map((n, i) => [n, i]));
  const codecs = keys.map((k) => spec[k] as FieldCodec<unknown>);
  const EMPTY: readonly XmlElement[] = [];

  const encodeChildren = (value: InferSpec<S>, ctx: FieldContext): string => {
    let out = '';
    const v = value as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) out += codecs[i]!.encode(xmlNames[i]!, v[keys[i]!], ctx);
    return out;
  };
  const decodeElement = (el: XmlElement, ctx: FieldContext): InferSpec<S> => {
    const buckets: Array<XmlElement[] | undefined> = new Array(keys.length);
    for (const c of el.children) {
      if (c.ns !== ctx.ns) continue;
      const i = byXmlName.get(c.name);
      if (i === undefined) continue; // unknown element: ignored (tolerant of newer schemas)
      const b = buckets[i];
      if (b === undefined) buckets[i] = [c];
      else b.push(c);
    }
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = codecs[i]!.decode(buckets[i] ?? EMPTY, xmlNames[i]!, ctx);
      if (value !== undefined) out[keys[i]!] = value;
    }
    return out as InferSpec<S>;
  };
  return {
    spec,
    shape: { kind: 'obj', fields: keys.map((k, i) => [k, codecs[i]!.shape] as const) },
    encodeChildren,
    decodeElement,
    encode: (name, value, ctx) => {
      const q = ctx.prefix + name;
      const body = encodeChildren(value, ctx);
      return body === '' ? `<${q}/>` : `<${q}>${body}</${q}>`;
    },
    decode: (els, name, ctx) => decodeElement(first(els, name), ctx),
  };
}

/** Decodes an absent element as `fallback` (documented defaults, e.g. kakapo.md §2.1); always encodes. */
export function withDefault<T>(codec: FieldCodec<T>, fallback: T): FieldCodec<T> {
  return {
    shape: { kind: 'default', inner: codec.shape },
    encode: codec.encode,
    decode: (els, name, ctx) => (els.length === 0 ? fallback : codec.decode(els, name, ctx)),
  };
}
