// A stream of complete documents, each decoded on its own: the splitter frames the bytes, `decode`
// reads one document. A framing failure breaks the stream (close it); a document that does not
// decode is one typed error among the results and the stream carries on.
import type { Result } from '../result.ts';
import { createDocumentSplitter, type SplitterLimits, type SplitterMode } from './splitter.ts';

export interface DocumentStreamDecoder<T> {
  /** Outer failure: the stream is broken (close it). Inner results: one per document. */
  push(chunk: Uint8Array): Result<Array<Result<T>>>;
  /** End of stream: TRUNCATED when it stopped inside a document. */
  end(): Result<void>;
}

/**
 * @example
 * const decoder = createDocumentStreamDecoder({ mode: 'depth0' }, undefined, (bytes) => decodeXsiDocument(bytes));
 * const docs = decoder.push(chunk);
 * if (docs.ok) for (const doc of docs.value) if (doc.ok) handle(doc.value);
 */
export function createDocumentStreamDecoder<T>(
  mode: SplitterMode,
  limits: Partial<SplitterLimits> | undefined,
  decode: (bytes: Uint8Array) => Result<T>,
): DocumentStreamDecoder<T> {
  const splitter = createDocumentSplitter(mode, limits);
  return {
    push(chunk) {
      const docs = splitter.push(chunk);
      if (!docs.ok) return docs;
      return { ok: true, value: docs.value.map(decode) };
    },
    end() {
      const rest = splitter.end();
      return rest.ok ? { ok: true, value: undefined } : rest;
    },
  };
}
