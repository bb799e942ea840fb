// A small declarative field codec: one description per document type gives both directions in
// the schema's element order (cti-xsi.md §3.4: "order matters"), so encoder and decoder cannot
// drift apart. Used by the XSI, CTI and Kakapo document codecs.
//
// Decoding is tolerant the way XML schemas evolve: unknown child elements are ignored, a repeated
// single element takes the first. Children are matched by local name AND namespace URI (the
// context's `ns`), never by prefix. Decoders throw CodecError; callers wrap them in `attempt`.
import { CodecError } from '../errors.ts';
import { escapeAttr, escapeText } from '../xml/serialize.ts';
import { XSI_NS as XSI_INSTANCE_NS, type XmlElement } from '../xml/types.ts';

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
  | { kind: 'text' | 'bool' | 'flag' }
  /** xs:int / xs:long; `min`/`max` are the schema bounds the encoder enforces (PositiveInt: min 1). */
  | { kind: 'int'; min?: number; max?: number; values?: readonly number[] }
  /** xs:token-based (NonEmptyToken, UserId, …): non-empty, whitespace-collapsed, `minLength`..`maxLength`. */
  | { kind: 'token'; minLength?: number; maxLength?: number }
  /** NonEmptyString: any characters, at least one, at most `maxLength`. */
  | { kind: 'nonEmpty'; maxLength?: number }
  /** xs:base64Binary. */
  | { kind: 'base64' }
  /** `open`: the decoder takes any token, the encoder only the schema's values. */
  | { kind: 'oneOf'; values: readonly string[]; open?: boolean }
  | { kind: 'textWithAttrs'; attrs: readonly string[]; token?: boolean; maxLength?: number; attrTypes?: Readonly<Record<string, 'positiveInt' | 'boolean'>> }
  | { kind: 'opt' | 'default'; inner: Shape }
  /** Required by the schema, optional for the decoder (absent is tolerated), present when encoding. */
  | { kind: 'need'; inner: Shape }
  | { kind: 'many'; inner: Shape; min?: number }
  | { kind: 'obj'; fields: ReadonlyArray<readonly [key: string, shape: Shape]>; choices?: readonly Choice[] };

/** An xs:choice between optional children: at most one present (`required`: exactly one). */
export interface Choice {
  readonly keys: readonly string[];
  readonly required?: boolean;
}

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
      const v = collapse(first(els, name).text);
      if (!allowed.has(v)) throw invalid(name, 'an allowed value');
      return v as V;
    },
  };
}

const INT = /^[+-]?[0-9]{1,16}$/;

/**
 * xs:int / xs:long as a JS safe integer (epoch milliseconds fit). `bounds` are the schema's facets
 * (PositiveInt: minInclusive 1); the encoder refuses a value outside them, the decoder reads any
 * integer — a server's zero count is still a count the client can act on.
 */
export function int(bounds: { min?: number; max?: number } = {}): FieldCodec<number> {
  const { min, max } = bounds;
  const what = min !== undefined && max !== undefined ? `an integer from ${min} to ${max}` : min !== undefined ? `an integer of at least ${min}` : max !== undefined ? `an integer of at most ${max}` : 'an integer';
  return {
    shape: { kind: 'int', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) },
    encode: (name, value, ctx) => {
      if (!Number.isSafeInteger(value) || (min !== undefined && value < min) || (max !== undefined && value > max)) throw invalid(name, what);
      return leaf(ctx, name, String(value));
    },
    decode: (els, name) => parseIntField(name, first(els, name).text),
  };
}

/** An xs:int enumeration (e.g. `EventResponseStatusCode`): any integer decodes, only `values` encode. */
export function intOneOf(values: readonly number[]): FieldCodec<number> {
  const base = int();
  return {
    shape: { kind: 'int', values },
    encode: (name, value, ctx) => {
      if (!values.includes(value)) throw invalid(name, 'an allowed value');
      return base.encode(name, value, ctx);
    },
    decode: base.decode,
  };
}

/** xs:int itself (32 bits): ErrorInfo/errorCode, statusCode, period. */
export const xsInt = (): FieldCodec<number> => int({ min: -2_147_483_648, max: 2_147_483_647 });

/**
 * XSI `PositiveInt` (xs:int, minInclusive 1): a zero count is left out, never written as 0.
 *
 * @example
 *   obj({ newMessages: opt(positiveInt()) }); // encoding { newMessages: 0 } is INVALID_FIELD
 */
export const positiveInt = (): FieldCodec<number> => int({ min: 1, max: 2_147_483_647 });
/** XSI `NonNegativeInt` (xs:int, minInclusive 0). */
export const nonNegativeInt = (): FieldCodec<number> => int({ min: 0, max: 2_147_483_647 });

/**
 * XML Schema whiteSpace="collapse" (Part 2 §4.3.6): tabs/CR/LF → space, runs → one, trimmed.
 *
 * @example
 *   collapse('\n  callhalf-1:0 '); // 'callhalf-1:0'
 */
export function collapse(raw: string): string {
  // Only the four XML whitespace characters (XML 1.0 §2.3 S), not every Unicode space.
  if (!/[\t\n\r]|^ | $| {2}/.test(raw)) return raw;
  return raw.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '');
}

/**
 * xs:token-based types (NonEmptyToken, UserId, CallId, …). The decoder collapses whitespace as a
 * schema validator does (a pretty-printed `<callId> c1 </callId>` is the id "c1"); the encoder
 * writes only a non-empty, already collapsed value of `minLength`..`maxLength` characters.
 *
 * @example
 *   obj({ extension: opt(token({ minLength: 2, maxLength: 20 })) }); // XSI Extension
 */
export function token(facets: { minLength?: number; maxLength?: number } = {}): FieldCodec<string> {
  const { minLength, maxLength } = facets;
  return {
    shape: { kind: 'token', ...(minLength !== undefined ? { minLength } : {}), ...(maxLength !== undefined ? { maxLength } : {}) },
    encode: (name, value, ctx) => {
      if (value === '' || collapse(value) !== value) throw invalid(name, 'a non-empty token (no leading, trailing or repeated spaces)');
      const length = [...value].length;
      if (maxLength !== undefined && length > maxLength) throw invalid(name, `at most ${maxLength} characters`);
      if (minLength !== undefined && length < minLength) throw invalid(name, `at least ${minLength} characters`);
      return leaf(ctx, name, escapeText(checkXmlText(name, value)));
    },
    decode: (els, name) => collapse(first(els, name).text),
  };
}

/** XSI `NonEmptyString` (xs:string, minLength 1, e.g. ChannelId ≤ 256): kept as written; the encoder refuses '' and overlong. */
export function nonEmpty(facets: { maxLength?: number } = {}): FieldCodec<string> {
  const { maxLength } = facets;
  return {
    shape: { kind: 'nonEmpty', ...(maxLength !== undefined ? { maxLength } : {}) },
    encode: (name, value, ctx) => {
      if (value === '') throw invalid(name, 'a non-empty string');
      if (maxLength !== undefined && [...value].length > maxLength) throw invalid(name, `at most ${maxLength} characters`);
      return leaf(ctx, name, escapeText(checkXmlText(name, value)));
    },
    decode: (els, name) => first(els, name).text,
  };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** xs:base64Binary (voicemail media): the encoder writes only canonical base64; the decoder keeps the text. */
export function base64(): FieldCodec<string> {
  return {
    shape: { kind: 'base64' },
    encode: (name, value, ctx) => {
      if (!BASE64.test(value)) throw invalid(name, 'base64');
      return leaf(ctx, name, value);
    },
    decode: (els, name) => first(els, name).text,
  };
}

/**
 * An enumeration the client does not branch on (call type, release cause, priority …): any token
 * decodes (a newer release may add values), only the schema's values encode.
 *
 * @example
 *   obj({ callType: opt(openEnum(['Group', 'Network'])) }); // reads 'Repair' too, writes only the two
 */
export function openEnum<const V extends string>(values: readonly V[]): FieldCodec<string> {
  const allowed = new Set<string>(values);
  return {
    shape: { kind: 'oneOf', values, open: true },
    encode: (name, value, ctx) => {
      if (!allowed.has(value)) throw invalid(name, 'an allowed value');
      return leaf(ctx, name, escapeText(value));
    },
    decode: (els, name) => collapse(first(els, name).text),
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

/**
 * Text with optional unqualified attributes, e.g. `<userDN countryCode="1">…</userDN>`. With
 * `token` the text is a collapsed, non-empty token (XSI `Address` = NonEmptyURI + countryCode).
 */
export function textWithAttrs<const A extends string>(
  attrNames: readonly A[],
  options: { token?: boolean; maxLength?: number; attrTypes?: Readonly<Partial<Record<A, 'positiveInt' | 'boolean'>>> } = {},
): FieldCodec<{ value: string } & { [K in A]?: string }> {
  const tokenText = options.token === true;
  const { maxLength } = options;
  const attrTypes = (options.attrTypes ?? {}) as Readonly<Record<string, 'positiveInt' | 'boolean' | undefined>>;
  const ATTR_CHECKS = { positiveInt: /^\+?0*[1-9][0-9]{0,9}$/, boolean: /^(true|false|1|0)$/ } as const;
  return {
    shape: {
      kind: 'textWithAttrs',
      attrs: attrNames,
      ...(tokenText ? { token: true } : {}),
      ...(maxLength !== undefined ? { maxLength } : {}),
      ...(options.attrTypes ? { attrTypes: options.attrTypes as Readonly<Record<string, 'positiveInt' | 'boolean'>> } : {}),
    },
    encode: (name, value, ctx) => {
      const q = ctx.prefix + name;
      let out = '<' + q;
      for (const a of attrNames) {
        const v = (value as Record<string, string | undefined>)[a];
        if (v === undefined) continue;
        const type = attrTypes[a];
        if (type !== undefined && !ATTR_CHECKS[type].test(v)) throw invalid(name, `a ${a} attribute of type ${type}`);
        out += ` ${a}="${escapeAttr(checkXmlText(name, v))}"`;
      }
      if (tokenText && (value.value === '' || collapse(value.value) !== value.value)) throw invalid(name, 'a non-empty token (no leading, trailing or repeated spaces)');
      if (maxLength !== undefined && [...value.value].length > maxLength) throw invalid(name, `at most ${maxLength} characters`);
      const body = escapeText(checkXmlText(name, value.value));
      return body === '' ? out + '/>' : `${out}>${body}</${q}>`;
    },
    decode: (els, name) => {
      const el = first(els, name);
      const out: Record<string, string> = { value: tokenText ? collapse(el.text) : el.text };
      for (const a of el.attrs) {
        if (a.ns === null && (attrNames as readonly string[]).includes(a.local)) out[a.local] = tokenText ? collapse(a.value) : a.value;
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

/**
 * An element the schema requires that the client can do without (e.g. `ACDCallInfo/waitTime`):
 * optional for the decoder (a server that leaves it out is still understood), required for the
 * encoder (MISSING_FIELD), so nothing we write lacks it.
 *
 * @example
 *   obj({ waitTime: need(nonNegativeInt()) }); // decodes {} from <acdCallInfo/>, refuses to encode {}
 */
export function need<T>(codec: FieldCodec<T>): OptionalCodec<T> {
  return {
    optional: true,
    shape: { kind: 'need', inner: codec.shape },
    encode: (name, value, ctx) => {
      if (value === undefined) throw missing(name);
      return codec.encode(name, value, ctx);
    },
    decode: (els, name, ctx) => (els.length === 0 ? undefined : codec.decode(els, name, ctx)),
  };
}

/**
 * A repeated element, e.g. `call*`, `messageInfo*`; `min` is the schema's minOccurs (`queueEntry+`
 * = 1): the encoder refuses fewer, the decoder reads whatever is there.
 */
export function many<T>(codec: FieldCodec<T>, min = 0): FieldCodec<T[]> {
  return {
    shape: { kind: 'many', inner: codec.shape, ...(min > 0 ? { min } : {}) },
    encode: (name, values, ctx) => {
      if (values.length < min) throw new CodecError('MISSING_FIELD', `at least ${min} <${name}> required`, { field: name });
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

/** XML Schema Part 1 §2.6.2: `xsi:nil="true"` marks a nillable element as having no value. */
function isNil(el: XmlElement): boolean {
  for (const a of el.attrs) if (a.local === 'nil' && a.ns === XSI_INSTANCE_NS) return a.value.trim() === 'true' || a.value.trim() === '1';
  return false;
}

/** A sequence of child elements in the order of `spec`'s keys. */
export function obj<const S extends Spec>(spec: S, options: { choices?: ReadonlyArray<{ keys: ReadonlyArray<keyof S & string>; required?: boolean }> } = {}): ObjectCodec<InferSpec<S>> {
  const choices: readonly Choice[] = options.choices ?? [];
  const keys = Object.keys(spec);
  const xmlNames = keys.map((k) => (spec[k] as { xmlName?: string }).xmlName ?? k);
  const byXmlName = new Map<string, number>(xmlNames.map((n, i) => [n, i]));
  const codecs = keys.map((k) => spec[k] as FieldCodec<unknown>);
  const EMPTY: readonly XmlElement[] = [];

  const encodeChildren = (value: InferSpec<S>, ctx: FieldContext): string => {
    let out = '';
    const v = value as Record<string, unknown>;
    for (const c of choices) {
      // xs:choice: the decoder reads whatever came; the encoder writes one branch only.
      const present = c.keys.filter((k) => v[k] !== undefined);
      if (present.length > 1) throw new CodecError('INVALID_FIELD', `only one of ${c.keys.map((k) => `<${k}>`).join(', ')} may be given`, { field: present[1]! });
      if (c.required === true && present.length === 0) throw new CodecError('MISSING_FIELD', `one of ${c.keys.map((k) => `<${k}>`).join(', ')} is required`, { field: c.keys[0]! });
    }
    for (let i = 0; i < keys.length; i++) out += codecs[i]!.encode(xmlNames[i]!, v[keys[i]!], ctx);
    return out;
  };
  const decodeElement = (el: XmlElement, ctx: FieldContext): InferSpec<S> => {
    const buckets: Array<XmlElement[] | undefined> = new Array(keys.length);
    for (const c of el.children) {
      if (c.ns !== ctx.ns) continue;
      const i = byXmlName.get(c.name);
      if (i === undefined) continue; // unknown element: ignored (tolerant of newer schemas)
      if (isNil(c)) continue; // xsi:nil="true" (a nillable element, e.g. XSI UserInfo/firstName): no value

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
    shape: { kind: 'obj', fields: keys.map((k, i) => [k, codecs[i]!.shape] as const), ...(choices.length > 0 ? { choices } : {}) },
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
