// Declarative child-element fields: one spec drives both the encoder and the decoder (OCI and CAP;
// specs list fields in schema sequence order, oci-p.md §3).
import { CodecError } from '../errors.ts';
import { xmlTextElement } from './serialize.ts';
import type { XmlElement } from './types.ts';

/**
 * How a field's text is read. XML Schema Part 2 §4.3.6: `xs:token` and the types derived from it
 * (most OCI-P simple types) collapse whitespace, `xs:string` keeps it.
 * - `string`: the text as written (xs:string);
 * - `token`: whitespace collapsed (xs:token, xs:NMTOKEN and their restrictions);
 * - `int`: a decimal integer in the safe-integer range (xs:int and CAP counters);
 * - `long`: xs:long (64-bit), read as a number (epoch milliseconds fit exactly);
 * - `bool`: xs:boolean (`true`, `false`, `1`, `0`).
 */
export type FieldKind = 'string' | 'token' | 'int' | 'long' | 'bool';

export interface FieldSpec {
  readonly key: string;
  readonly kind: FieldKind;
  /** The encoder may leave it out. */
  readonly optional: boolean;
  /**
   * The schema requires it but the client does not need it: the encoder always writes it, the
   * decoder accepts a document without it and records a note (issue 9: act on what can be acted on).
   */
  readonly tolerated?: boolean;
  /** The schema's enumeration, when the client cannot act on another value: decoding refuses it. */
  readonly oneOf?: readonly string[];
  /** The schema's fixed value: the encoder refuses any other (the decoder reads what comes). */
  readonly fixed?: string;
}

/**
 * @example
 * const SPEC = [requiredField('userId'), optionalField('extension'), expectedField('groupId')];
 */
export const req = (key: string, kind: FieldKind = 'string'): FieldSpec => ({ key, kind, optional: false });
/**
 * @example
 * const SPEC = [requiredField('userId'), optionalField('phoneNumber')];
 */
export const opt = (key: string, kind: FieldKind = 'string'): FieldSpec => ({ key, kind, optional: true });
/**
 * Required by the schema, tolerated when a server leaves it out (see FieldSpec.tolerated).
 *
 * @example
 * const SPEC = [expectedField('groupId')]; // required when encoding, tolerated when absent in an answer
 */
export const expected = (key: string, kind: FieldKind = 'string'): FieldSpec => ({ key, kind, optional: false, tolerated: true });
/** An element whose value the schema fixes (see FieldSpec.fixed): present with that value, or absent. */
export const fixedValue = (spec: FieldSpec, value: string): FieldSpec => ({ ...spec, fixed: value });
/** Restricts a field to the schema's enumeration (see FieldSpec.oneOf). */
export const oneOf = (spec: FieldSpec, values: readonly string[]): FieldSpec => ({ ...spec, oneOf: values });

function render(kind: FieldKind, value: unknown): string {
  if (kind === 'bool') return value ? 'true' : 'false';
  return String(value);
}

/**
 * @example
 * encodeFields([requiredField('userId')], { userId: 'ann@example.com' }, 'UserGetRequest'); // '<userId>ann@example.com</userId>'
 */
export function encodeFields(spec: readonly FieldSpec[], message: Readonly<Record<string, unknown>>, type: string): string {
  let out = '';
  for (const f of spec) {
    const v = message[f.key];
    if (v === undefined) {
      if (!f.optional) throw new CodecError('MISSING_FIELD', `${type} needs ${f.key}`, { type, field: f.key });
      continue;
    }
    const text = render(f.kind, v);
    if (f.fixed !== undefined && text !== f.fixed) {
      throw new CodecError('INVALID_FIELD', `${type}.${f.key} is fixed to ${f.fixed}: leave it out instead`, { type, field: f.key });
    }
    out += xmlTextElement(f.key, text);
  }
  return out;
}

/**
 * @example
 * parseFieldInt('2208', 'ServerStatus', 'port'); // 2208 (throws CodecError if not a 32-bit integer)
 */
export function parseInt32(text: string, type: string, field: string): number {
  const t = text.trim();
  if (!/^[+-]?\d{1,19}$/.test(t) || !Number.isSafeInteger(Number(t))) {
    throw new CodecError('INVALID_FIELD', `${type}.${field} is not an integer`, { type, field });
  }
  return Number(t);
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * xs:long: any 64-bit integer is valid; values beyond 2^53 lose precision as a number.
 *
 * @example
 * parseFieldLong('1796425319330', 'Call', 'startTime'); // 1796425319330
 */
export function parseLong(text: string, type: string, field: string): number {
  const t = text.trim();
  if (!/^[+-]?\d{1,19}$/.test(t)) throw new CodecError('INVALID_FIELD', `${type}.${field} is not an integer`, { type, field });
  const big = BigInt(t.startsWith('+') ? t.slice(1) : t);
  if (big < LONG_MIN || big > LONG_MAX) throw new CodecError('INVALID_FIELD', `${type}.${field} is outside the 64-bit range`, { type, field });
  return Number(big);
}

/**
 * @example
 * parseFieldBool('true', 'UserGetResponse', 'isEnterprise'); // true
 */
export function parseBool(text: string, type: string, field: string): boolean {
  const t = text.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new CodecError('INVALID_FIELD', `${type}.${field} is not a boolean`, { type, field });
}

/**
 * XML Schema whiteSpace="collapse": tabs/newlines to spaces, runs to one, trimmed.
 *
 * @example
 *   collapseWhitespace('\n  ann@lab.test \t'); // 'ann@lab.test'
 */
export function collapseWhitespace(text: string): string {
  return /[\t\n\r]| {2}|^ | $/.test(text) ? text.replace(/[\t\n\r ]+/g, ' ').trim() : text;
}

function read(kind: FieldKind, text: string, type: string, field: string): unknown {
  switch (kind) {
    case 'string':
      return text;
    case 'token':
      return collapseWhitespace(text);
    case 'int':
      return parseInt32(text, type, field);
    case 'long':
      return parseLong(text, type, field);
    case 'bool':
      return parseBool(text, type, field);
  }
}

/**
 * Reads the spec's fields from `el`'s children (any namespace); children the spec does not name
 * are ignored (elements the schema allows and the client does not use). A missing `tolerated`
 * field is pushed to `notes` instead of failing.
 *
 * @example
 * const fields = decodeFields([requiredField('userId')], commandElement, 'UserGetRequest');
 */
export function decodeFields(spec: readonly FieldSpec[], el: XmlElement, type: string, notes?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const byName = new Map<string, XmlElement>();
  for (const c of el.children) if (!byName.has(c.name)) byName.set(c.name, c);
  for (const f of spec) {
    const c = byName.get(f.key);
    if (c === undefined) {
      if (f.tolerated) notes?.push(`${type} lacks ${f.key}, which the schema requires; read without it`);
      else if (!f.optional) throw new CodecError('MISSING_FIELD', `${type} lacks ${f.key}`, { type, field: f.key });
      continue;
    }
    const value = read(f.kind, c.text, type, f.key);
    if (f.oneOf !== undefined && !f.oneOf.includes(String(value))) {
      throw new CodecError('INVALID_FIELD', `${type}.${f.key} is not ${f.oneOf.join(' or ')}`, { type, field: f.key });
    }
    out[f.key] = value;
  }
  return out;
}
