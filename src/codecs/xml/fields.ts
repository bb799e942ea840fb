// Declarative child-element fields: one spec drives both the encoder and the decoder (OCI and CAP;
// specs list fields in schema sequence order, oci-p.md §3).
import { CodecError } from '../errors.ts';
import { xmlTextElement } from './serialize.ts';
import type { XmlElement } from './types.ts';

export type FieldKind = 'string' | 'int' | 'bool';

export interface FieldSpec {
  readonly key: string;
  readonly kind: FieldKind;
  readonly optional: boolean;
}

export const req = (key: string, kind: FieldKind = 'string'): FieldSpec => ({ key, kind, optional: false });
export const opt = (key: string, kind: FieldKind = 'string'): FieldSpec => ({ key, kind, optional: true });

function render(kind: FieldKind, value: unknown): string {
  if (kind === 'bool') return value ? 'true' : 'false';
  return String(value);
}

export function encodeFields(spec: readonly FieldSpec[], message: Readonly<Record<string, unknown>>, type: string): string {
  let out = '';
  for (const f of spec) {
    const v = message[f.key];
    if (v === undefined) {
      if (!f.optional) throw new CodecError('MISSING_FIELD', `${type} needs ${f.key}`, { type, field: f.key });
      continue;
    }
    out += xmlTextElement(f.key, render(f.kind, v));
  }
  return out;
}

export function parseInt32(text: string, type: string, field: string): number {
  const t = text.trim();
  if (!/^[+-]?\d{1,19}$/.test(t) || !Number.isSafeInteger(Number(t))) {
    throw new CodecError('INVALID_FIELD', `${type}.${field} is not an integer`, { type, field });
  }
  return Number(t);
}

export function parseBool(text: string, type: string, field: string): boolean {
  const t = text.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new CodecError('INVALID_FIELD', `${type}.${field} is not a boolean`, { type, field });
}

/** Reads the spec's fields from `el`'s children (any namespace); unknown children are ignored. */
export function decodeFields(spec: readonly FieldSpec[], el: XmlElement, type: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const byName = new Map<string, XmlElement>();
  for (const c of el.children) if (!byName.has(c.name)) byName.set(c.name, c);
  for (const f of spec) {
    const c = byName.get(f.key);
    if (c === undefined) {
      if (!f.optional) throw new CodecError('MISSING_FIELD', `${type} lacks ${f.key}`, { type, field: f.key });
      continue;
    }
    out[f.key] = f.kind === 'string' ? c.text : f.kind === 'int' ? parseInt32(c.text, type, f.key) : parseBool(c.text, type, f.key);
  }
  return out;
}
