// Entity decoding: only the five predefined entities and numeric character references. Anything
// else is refused (issue 3: no entity expansion, no external entities).
import { CodecError } from '../errors.ts';

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  // XML 1.0 Char production.
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Decodes references in `raw` (which contains at least one '&'). `base` = offset for errors.
 *
 * @example
 * decodeEntities('a &amp; b &#x41;', 0); // 'a & b A'
 */
export function decodeEntities(raw: string, base: number): string {
  let out = '';
  let from = 0;
  let amp = raw.indexOf('&');
  while (amp !== -1) {
    out += raw.slice(from, amp);
    const semi = raw.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > 12) {
      throw new CodecError('MALFORMED_XML', `unterminated character or entity reference at ${base + amp}`, { position: base + amp });
    }
    const name = raw.slice(amp + 1, semi);
    if (name.charCodeAt(0) === 35 /* # */) {
      const hex = name.charCodeAt(1) === 120; /* x */
      const digits = name.slice(hex ? 2 : 1);
      const valid = digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits);
      const cp = valid ? parseInt(digits, hex ? 16 : 10) : -1;
      if (!isXmlChar(cp)) {
        throw new CodecError('MALFORMED_XML', `invalid character reference at ${base + amp}`, { position: base + amp });
      }
      out += String.fromCodePoint(cp);
    } else {
      const value = PREDEFINED[name];
      if (value === undefined || !Object.hasOwn(PREDEFINED, name)) {
        throw new CodecError('ENTITY_REFUSED', `undefined entity reference at ${base + amp}`, { position: base + amp });
      }
      out += value;
    }
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}
