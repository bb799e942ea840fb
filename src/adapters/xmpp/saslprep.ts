// A SASLprep subset (RFC 4013) for SCRAM passwords and user names (RFC 5802 §2.2 "Normalize"):
// non-ASCII spaces map to SPACE, "commonly mapped to nothing" characters are removed, then NFKC.
// Control characters are prohibited. ASCII strings pass unchanged, as RFC 4013 gives.
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g;
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B-\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g;
// eslint-disable-next-line no-control-regex
const PROHIBITED = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFFF9-\uFFFD\uE000-\uF8FF]/;

export function saslprep(value: string): string {
  const mapped = value.replace(NON_ASCII_SPACE, ' ').replace(MAPPED_TO_NOTHING, '').normalize('NFKC');
  if (PROHIBITED.test(mapped)) throw new Error('the string contains a character SASLprep prohibits');
  return mapped;
}
