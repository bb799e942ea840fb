// CTI byte framing (cti-xsi.md §2.5, PROJECT): concatenated complete XML documents, each with its
// own `<?xml version="1.0" encoding="UTF-8"?>` and a trailing "\n", no length prefix. Receivers
// split on the close of the depth-0 element (the shared depth0 splitter), tolerating a missing
// declaration, whitespace, comments, CDATA and `>` inside attribute values.
import { createDocumentStreamDecoder, type DocumentStreamDecoder } from '../framing/document-stream.ts';
import type { SplitterLimits } from '../framing/splitter.ts';
import { attempt, type Result } from '../result.ts';
import { parseXmlDocument } from '../xml/parse-document.ts';
import type { XmlLimits } from '../xml/types.ts';
import { decodeCtiElement, encodeCtiElement, type CtiMessage } from './messages.ts';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const utf8 = new TextEncoder();

/**
 * One message as sent on the wire: declaration, the one-line document, "\n".
 *
 * @example
 * const bytes = encodeCtiMessage({ kind: 'keepalive', requestId: '7', period: 300 });
 */
export function encodeCtiMessage(msg: CtiMessage): Result<Uint8Array> {
  return attempt(() => utf8.encode(DECLARATION + encodeCtiElement(msg) + '\n'), 'INVALID_FIELD');
}

/**
 * One complete document (text or bytes in their declared encoding).
 *
 * @example
 * const message = decodeCtiMessage(text); // { ok: true, value: { kind: 'response', statusCode: 200, … } }
 */
export function decodeCtiMessage(input: string | Uint8Array, limits?: Partial<XmlLimits>): Result<CtiMessage> {
  const root = parseXmlDocument(input, limits);
  if (!root.ok) return root;
  return decodeCtiElement(root.value);
}

export interface CtiStreamLimits {
  splitter?: Partial<SplitterLimits>;
  xml?: Partial<XmlLimits>;
}

/**
 * Feed bytes as they arrive. The outer Result fails when the stream itself is broken (framing,
 * size or depth limit: close the connection); each inner Result is one document, which may be a
 * message or a typed error for that document alone (answer it, keep the connection). `end()`:
 * TRUNCATED when it stopped inside a document.
 */
export type CtiStreamDecoder = DocumentStreamDecoder<CtiMessage>;

/**
 * @example
 * const decoder = createCtiStreamDecoder();
 * const messages = decoder.push(chunk);
 * if (messages.ok) for (const m of messages.value) if (m.ok) handle(m.value);
 */
export function createCtiStreamDecoder(limits: CtiStreamLimits = {}): CtiStreamDecoder {
  return createDocumentStreamDecoder({ mode: 'depth0' }, limits.splitter, (bytes) => decodeCtiMessage(bytes, limits.xml));
}
