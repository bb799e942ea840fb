// The XSI-Events streaming channel (cti-xsi.md §3.2, FACT): the HTTP response body is a sequence
// of complete XML documents (Channel, events, heartbeats, the final ChannelTerminatedEvent), each
// with its own declaration. Chunk boundaries are not document boundaries for a receiver ("parse by
// complete document, never by chunk or line"), so the decoded body bytes go through the shared
// depth0 splitter.
import { createDocumentStreamDecoder, type DocumentStreamDecoder } from '../framing/document-stream.ts';
import type { SplitterLimits } from '../framing/splitter.ts';
import type { XmlLimits } from '../xml/types.ts';
import { decodeXsiDocument, type XsiDocument } from './documents.ts';

export interface XsiStreamLimits {
  splitter?: Partial<SplitterLimits>;
  xml?: Partial<XmlLimits>;
}

/** Outer failure: the stream is broken (close it). Inner results: one per document. `end()`: TRUNCATED inside a document. */
export type XsiStreamDecoder = DocumentStreamDecoder<XsiDocument>;

/**
 * @example
 * const decoder = createXsiStreamDecoder();
 * const docs = decoder.push(chunk);
 * if (docs.ok) for (const doc of docs.value) if (doc.ok) handle(doc.value);
 */
export function createXsiStreamDecoder(limits: XsiStreamLimits = {}): XsiStreamDecoder {
  return createDocumentStreamDecoder({ mode: 'depth0' }, limits.splitter, (bytes) => decodeXsiDocument(bytes, limits.xml));
}
