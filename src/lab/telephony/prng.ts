// Deterministic randomness for the lab: the same seed gives the same ids, uids and passwords.

/**
 * FNV-1a 32-bit hash of a string: turns any seed text into a PRNG state.
 *
 * @example
 * hashSeed('lab:demo'); // a 32-bit integer
 */
export function hashSeed(seed: string | number): number {
  let hash = 0x811c9dc5;
  for (const ch of String(seed)) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** A string of `length` characters drawn from `alphabet`. */
  text(length: number, alphabet: string): string;
}

/**
 * mulberry32: small, fast, good enough for lab ids (never for secrets outside the lab).
 *
 * @example
 * const prng = createPrng('seed');
 * prng.int(1000, 9999); // the same number for the same seed
 */
export function createPrng(seed: string | number): Prng {
  let state = hashSeed(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    text: (length, alphabet) =>
      Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)] ?? '').join(''),
  };
}
