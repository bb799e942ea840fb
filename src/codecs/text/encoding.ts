// Document encodings: UTF-8 or ISO-8859-1 as declared (oci-p.md §2/§3, cap.md §1).
import { CodecError } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';
import { decodeLatin1, encodeLatin1 } from './latin1.ts';

export type DocumentEncoding = 'UTF-8' | 'ISO-8859-1';

export interface DecodedDocument {
  readonly text: string;
  readonly encoding: DocumentEncoding;
}

const UTF8_LABELS = new Set(['UTF-8', 'UTF8', 'US-ASCII', 'ASCII']);
const LATIN1_LABELS = new Set(['ISO-8859-1', 'ISO8859-1', 'ISO_8859-1', 'LATIN1', 'LATIN-1', 'L1', 'ISO-IR-100', 'CP819']);

/**
 * Maps a declared label to an encoding we speak (case-insensitive), or undefined.
 *
 * @example
 * normalizeEncodingLabel('latin1'); // 'ISO-8859-1'
 */
export function normalizeEncodingLabel(label: string): DocumentEncoding | undefined {
  const up = label.trim().toUpperCase();
  if (UTF8_LABELS.has(up)) return 'UTF-8';
  if (LATIN1_LABELS.has(up)) return 'ISO-8859-1';
  return undefined;
}

/**
 * Reads the encoding declared in the XML declaration (single or double quotes); UTF-8 when no
 * declaration or no encoding pseudo-attribute (XML default). A UTF-8 BOM means UTF-8.
 *
 * @example
 * sniffEncoding(bytes); // { ok: true, value: 'UTF-8' } from the BOM or the XML declaration
 */
export function sniffEncoding(bytes: Uint8Array): Result<DocumentEncoding> {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return ok('UTF-8');
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    return err('UNSUPPORTED', 'UTF-16 documents are not supported');
  }
  while (i < bytes.length && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 10 || bytes[i] === 13)) i++;
  if (!(bytes[i] === 0x3c && bytes[i + 1] === 0x3f && bytes[i + 2] === 0x78 && bytes[i + 3] === 0x6d && bytes[i + 4] === 0x6c)) {
    return ok('UTF-8');
  }
  const head = decodeLatin1(bytes.subarray(i, Math.min(bytes.length, i + 256)));
  const close = head.indexOf('?>');
  if (close === -1) return err('TRUNCATED', 'XML declaration is not closed');
  const m = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(head.slice(0, close));
  if (m === null) return ok('UTF-8');
  const enc = normalizeEncodingLabel(m[2] as string);
  // The label is protocol metadata, safe to name.
  if (enc === undefined) return err('UNSUPPORTED', `unsupported declared encoding "${(m[2] as string).slice(0, 40)}"`, { field: 'encoding' });
  return ok(enc);
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf8Encoder = new TextEncoder();

/**
 * @example
 * decodeBytes(bytes, 'ISO-8859-1'); // { ok: true, value: '…' }
 */
export function decodeBytes(bytes: Uint8Array, encoding: DocumentEncoding): Result<string> {
  if (encoding === 'ISO-8859-1') return ok(decodeLatin1(bytes));
  try {
    return ok(utf8Decoder.decode(bytes));
  } catch {
    return { ok: false, error: new CodecError('BAD_ENCODING', 'bytes are not valid UTF-8') };
  }
}

/**
 * Decodes a complete document in its declared encoding.
 *
 * @example
 * const text = decodeDocument(bytes); // { ok: true, value: { text, encoding } }
 */
export function decodeDocument(bytes: Uint8Array): Result<DecodedDocument> {
  const enc = sniffEncoding(bytes);
  if (!enc.ok) return enc;
  const text = decodeBytes(bytes, enc.value);
  if (!text.ok) return text;
  return ok({ text: text.value, encoding: enc.value });
}

/**
 * Encodes text in the given encoding (ISO-8859-1: unmappable characters as numeric references).
 *
 * @example
 * socket.write(encodeDocument(xml, 'ISO-8859-1'));
 */
export function encodeDocument(text: string, encoding: DocumentEncoding): Uint8Array {
  return encoding === 'UTF-8' ? utf8Encoder.encode(text) : encodeLatin1(text);
}
