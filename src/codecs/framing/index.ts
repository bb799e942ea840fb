export { createDocumentSplitter, DEFAULT_SPLITTER_LIMITS, type DocumentSplitter, type SplitterLimits, type SplitterMode } from './splitter.ts';
export { createDocumentStreamDecoder, type DocumentStreamDecoder } from './document-stream.ts';
