// The reference: fast-xml-parser v5 on the same bytes, keeping attributes and string values so it
// does comparable work (our decoder keeps both).
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, maxNestedTags: 64 });
const utf8 = new TextDecoder();
const latin1 = new TextDecoder('latin1');

export function rawParse(doc: Uint8Array, encoding: 'UTF-8' | 'ISO-8859-1' = 'UTF-8'): unknown {
  return parser.parse((encoding === 'UTF-8' ? utf8 : latin1).decode(doc));
}
