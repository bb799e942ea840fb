// A stable digest of snapshots: canonical JSON (sorted keys) hashed with two 32-bit FNV-1a
// variants into 64 bits. Pure JavaScript so it runs in a browser and in a worker.

/**
 * JSON with object keys sorted at every level; undefined members are left out, as JSON does.
 *
 * @example
 * canonicalJson({ b: 1, a: undefined, c: [2] }); // '{"b":1,"c":[2]}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function fnv1a32(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * 16 hex digits.
 *
 * @example
 * digestOf({ b: 1, a: [true] }) === digestOf({ a: [true], b: 1 }); // true: keys are sorted first
 */
export function digestOf(value: unknown): string {
  return digestOfCanonical(canonicalJson(value));
}

/**
 * The digest of text that is already canonical JSON (digestOf(v) = digestOfCanonical(canonicalJson(v))).
 *
 * @example
 * digestOfCanonical(canonicalJson({ a: 1 })) === digestOf({ a: 1 }); // true
 */
export function digestOfCanonical(text: string): string {
  const a = fnv1a32(text, 0x811c9dc5);
  const b = fnv1a32(text, 0x050c5d1f);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * Digests of objects already seen: state objects are immutable (immer shares what an event did not
 * change), so a structural digest costs what changed, not the whole state.
 */
const structural = new WeakMap<object, string>();

/**
 * A digest of a value's structure: each object's digest covers its keys (sorted) and its members,
 * with nested objects standing in by their own digests (a Merkle tree). Equal for equal values like
 * digestOf, but computed once per object, so a large state changed in one place costs that place:
 * the event log digests every entry this way (issue 14: thousands of lamps, a burst of events).
 *
 * @example
 * structuralDigest({ b: 1, a: [true] }) === structuralDigest({ a: [true], b: 1 }); // true
 */
export function structuralDigest(value: unknown): string {
  if (value === null || typeof value !== 'object') return digestOfCanonical(JSON.stringify(value) ?? 'null');
  return objectDigest(value);
}

function memberText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  return `#${objectDigest(value)}`;
}

/**
 * A record with more members than this is digested as the sum of its members' parts (a multiset
 * hash of each key with its member's digest: no sort, no text of the whole record), so a record of
 * 20,000 lamps changed in one lamp costs 20,000 short hashes, not a sorted text of 20,000 members
 * (issue 14). Smaller records keep the sorted text.
 */
const LARGE_RECORD = 256;

function largeRecordText(record: Record<string, unknown>, keys: readonly string[]): string {
  let a = 0;
  let b = 0;
  let count = 0;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined || typeof v === 'function') continue;
    const part = `${JSON.stringify(k)}:${memberText(v)}`;
    a = (a + fnv1a32(part, 0x811c9dc5)) >>> 0;
    b = (b + fnv1a32(part, 0x050c5d1f)) >>> 0;
    count++;
  }
  return `{#${count}:${a.toString(16)}:${b.toString(16)}}`;
}

const isObject = (v: unknown): boolean => v !== null && typeof v === 'object';

function objectDigest(value: object): string {
  const known = structural.get(value);
  if (known !== undefined) return known;
  let text: string;
  let nested: boolean;
  if (Array.isArray(value)) {
    nested = value.some(isObject);
    text = `[${value.map((v) => (v === undefined ? 'null' : memberText(v))).join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const all = Object.keys(record);
    nested = all.some((k) => isObject(record[k]));
    if (all.length > LARGE_RECORD) text = largeRecordText(record, all);
    else {
      const keys = all.filter((k) => record[k] !== undefined && typeof record[k] !== 'function').sort();
      text = `{${keys.map((k) => `${JSON.stringify(k)}:${memberText(record[k])}`).join(',')}}`;
    }
  }
  const digest = digestOfCanonical(text);
  // Only frozen (immutable) objects are remembered: a mutable one may change under the same
  // identity. A leaf (no object inside) is not: its text is short, and remembering every leaf of
  // every lamp would cost more memory than its digest costs time.
  if (nested && Object.isFrozen(value)) structural.set(value, digest);
  return digest;
}
