export { decodeLatin1, encodeLatin1 } from './latin1.ts';
export { type DocumentEncoding, type DecodedDocument, normalizeEncodingLabel, sniffEncoding, decodeBytes, decodeDocument, encodeDocument } from './encoding.ts';
