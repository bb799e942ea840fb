// The XSI-Events streaming channel (cti-xsi.md §3.2, FACT): the HTTP response body is a sequence
// of complete XML documents (Channel, events, heartbeats, the final ChannelTerminatedEvent), each
// with its own declaration. Chunk boundaries are not document boundaries for a receiver ("parse by
// complete document, never by chunk or line"), so the decoded body bytes go through the shared
// depth0 splitter.
import { createDocumentSplitter, type SplitterLimits } from '../framing/splitter.ts';
import type { Result } from '../result.ts';
import type { XmlLimits } from '../xml/types.ts';
import { decodeXsiDocument, type XsiDocument } from './documents.ts';

export interface XsiStreamLimits {
  splitter?: Partial<SplitterLimits>;
  xml?: Partial<XmlLimits>;
}

export interface XsiStreamDecoder {
  /** Outer failure: the stream is broken (close it). Inner results: one per document. */
  push(chunk: Uint8Array): Result<Array<Result<XsiDocument>>>;
  /** End of the body: TRUNCATED when it stopped inside a document. */
  end(): Result<void>;
}

export function createXsiStreamDecoder(limits: XsiStreamLimits = {}): XsiStreamDecoder {
  const splitter = createDocumentSplitter({ mode: 'depth0' }, limits.splitter);
  return {
    push(chunk) {
      const docs = splitter.push(chunk);
      if (!docs.ok) return docs;
      return { ok: true, value: docs.value.map((bytes) => decodeXsiDocument(bytes, limits.xml)) };
    },
    end() {
      const rest = splitter.end();
      return rest.ok ? { ok: true, value: undefined } : rest;
    },
  };
}
