// The log stays shareable (issue 11 item 2; DESIGN.md "A log can be handed to anyone"): before a
// number or a message text enters a domain event, the client replaces it by an HMAC-SHA-256 digest
// (RFC 2104) under a key drawn for this session and never logged, plus its length. The same text
// gives the same digest all session long, so the reducers can compare; the digest of a four-digit
// extension cannot be searched for without the key. The texts stay in memory here (bounded), so
// the live snapshot shows them; a replay, without them, shows the placeholders. With
// `recordContent` (a local log) the text itself enters the events.
import { createHmac } from 'node:crypto';
import type { Conceal } from '../adapters/domain/conceal.ts';
import type { Sensitive } from '../machines/domain/sensitive.ts';

/** How many texts the live session keeps to show (the oldest is forgotten first). */
export const REVEALED_TEXTS_LIMIT = 10_000;

export interface ContentConcealer {
  readonly conceal: Conceal;
  /** `value` with its text when this session concealed it (and still remembers it). */
  reveal(value: Sensitive): Sensitive;
  /** A deep copy of `value` with every concealed text this session knows put back (same object when none). */
  revealAll<T>(value: T): T;
}

/** 64 bits of the HMAC: a collision within one session's texts is out of reach. */
const DIGEST_HEX = 16;

function isConcealed(value: unknown): value is { digest: string; length: number } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['digest'] === 'string' && typeof v['length'] === 'number' && !('text' in v);
}

/**
 * @example
 * const concealer = createContentConcealer({ key: randomBytes(32) });
 * const number = concealer.conceal('+15551234567'); // { digest: '…16 hex…', length: 12 }
 * concealer.reveal(number); // { text: '+15551234567', digest: '…', length: 12 }
 */
export function createContentConcealer(options: { key: Uint8Array; recordContent?: boolean }): ContentConcealer {
  const texts = new Map<string, string>();
  const remember = (digest: string, text: string): void => {
    if (texts.has(digest)) texts.delete(digest); // most recently used last
    texts.set(digest, text);
    if (texts.size > REVEALED_TEXTS_LIMIT) texts.delete(texts.keys().next().value as string);
  };
  const conceal: Conceal = (text) => {
    if (options.recordContent === true) return { text };
    const digest = createHmac('sha256', options.key).update(text, 'utf8').digest('hex').slice(0, DIGEST_HEX);
    remember(digest, text);
    return { digest, length: text.length };
  };
  const reveal = (value: Sensitive): Sensitive => {
    if (!isConcealed(value)) return value;
    const text = texts.get(value.digest);
    return text === undefined ? value : { text, digest: value.digest, length: value.length };
  };
  // Revealed copies are kept per source object: the domain state is immutable and changes rarely.
  const revealed = new WeakMap<object, unknown>();
  const revealAll = <T>(value: T): T => {
    if (typeof value !== 'object' || value === null) return value;
    const known = revealed.get(value);
    if (known !== undefined) return known as T;
    let result: unknown;
    if (isConcealed(value)) result = reveal(value);
    else if (Array.isArray(value)) {
      const items = value.map((v) => revealAll(v));
      result = items.every((v, i) => v === value[i]) ? value : items;
    } else {
      // A copy only once a member changed (a large record, e.g. 20,000 lamps, is mostly unchanged),
      // made whole by spreading: adding 20,000 keys one by one would build a shape per key.
      const record = value as Record<string, unknown>;
      let out: Record<string, unknown> | null = null;
      let nested = false;
      for (const k of Object.keys(record)) {
        const v = record[k];
        if (typeof v !== 'object' || v === null) continue;
        nested = true;
        const r = revealAll(v);
        if (r !== v) (out ??= { ...record })[k] = r;
      }
      result = out ?? value;
      // A leaf (nothing concealed, no object inside) is not remembered: checking it again costs
      // less than a cache entry for every leaf of every lamp.
      if (!nested) return result as T;
    }
    // A digest learnt later (a text concealed after this state) is revealed on the next state.
    if (result !== value || !isConcealed(value)) revealed.set(value, result);
    return result as T;
  };
  return { conceal, reveal, revealAll };
}
