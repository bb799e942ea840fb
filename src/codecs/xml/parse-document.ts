// A complete document as the decoders receive it: text, or bytes in their declared encoding (XML
// 1.0 §4.3.3 / the declaration's `encoding`: ErrorInfo and OCI may be ISO-8859-1), parsed to its root.
import type { Result } from '../result.ts';
import { decodeDocument } from '../text/encoding.ts';
import { parseXml } from './parse.ts';
import type { XmlElement, XmlLimits } from './types.ts';

/**
 * @example
 * const doc = parseXmlDocument(bytes); // sniffs the encoding (UTF-8, ISO-8859-1), then parses
 */
export function parseXmlDocument(input: string | Uint8Array, limits?: Partial<XmlLimits>): Result<XmlElement> {
  if (typeof input === 'string') return parseXml(input, limits);
  const decoded = decodeDocument(input);
  return decoded.ok ? parseXml(decoded.value.text, limits) : decoded;
}
