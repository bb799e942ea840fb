// oci-p.md §3: the OCS answers in the encoding the request declared; the lab defaults to ISO-8859-1
// when the request declares none.
import { decodeLatin1 } from '../../codecs/text/latin1.ts';
import { normalizeEncodingLabel, type DocumentEncoding } from '../../codecs/text/encoding.ts';

export function replyEncoding(documentBytes: Uint8Array): DocumentEncoding {
  const head = decodeLatin1(documentBytes.subarray(0, 256));
  const declaration = /<\?xml[^>]*?\sencoding\s*=\s*(["'])([^"']*)\1/.exec(head);
  return (declaration && normalizeEncodingLabel(declaration[2] ?? '')) || 'ISO-8859-1';
}
