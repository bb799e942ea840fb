// XSI documents as a whole: root dispatch by namespace URI and local name, one-line encoding,
// and the stream-chunk form (cti-xsi.md §3.2: each chunk one complete document with its own
// declaration; the first chunk is "declaration, newline, one-line Channel" = 181 bytes; the
// heartbeat is the declaration directly followed by the element = 97 bytes).
import { CodecError } from '../errors.ts';
import { attempt, type Result } from '../result.ts';
import { parseXmlDocument } from '../xml/parse-document.ts';
import type { XmlElement, XmlLimits } from '../xml/types.ts';
import { XSI_BODY_CODECS, type XsiBody, type XsiBodyRoot } from './bodies.ts';
import { XSI_BROADWORKS_NS } from './call.ts';
import { decodeXsiEventElement, encodeXsiEventElement, type XsiEvent } from './events.ts';
import type { FieldContext, ObjectCodec } from './fields.ts';

export type XsiDocument =
  | { [R in XsiBodyRoot]: { root: R; body: XsiBody<R> } }[XsiBodyRoot]
  | { root: 'Event'; event: XsiEvent };

export type XsiRoot = XsiDocument['root'];

const BODY_CTX: FieldContext = { ns: XSI_BROADWORKS_NS, prefix: '' };
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const utf8 = new TextEncoder();

/** Throwing form, for composition inside other encoders (CTI payloads). */
export function encodeXsiElement(doc: XsiDocument): string {
  if (doc.root === 'Event') return encodeXsiEventElement(doc.event);
  const codec = Object.hasOwn(XSI_BODY_CODECS, doc.root) ? (XSI_BODY_CODECS[doc.root] as ObjectCodec<unknown>) : undefined;
  if (codec === undefined) throw new CodecError('UNKNOWN_TYPE', 'unknown XSI document root', { element: String(doc.root).slice(0, 64) });
  const body = codec.encodeChildren(doc.body, BODY_CTX);
  const open = `<${doc.root} xmlns="${XSI_BROADWORKS_NS}"`;
  return body === '' ? open + '/>' : `${open}>${body}</${doc.root}>`;
}

/**
 * The document as one line of XML, without a declaration.
 *
 * @example
 * const xml = encodeXsiDocument({ root: 'CallCenter', body: { agentACDState: 'Available' } });
 */
export function encodeXsiDocument(doc: XsiDocument): Result<string> {
  return attempt(() => encodeXsiElement(doc), 'INVALID_FIELD');
}

/**
 * One XSI-Events stream chunk: UTF-8 declaration, `\n` (none for the heartbeat), the document.
 *
 * @example
 * const bytes = encodeXsiChunk(doc); // the document as one chunk of an XSI-Events stream
 */
export function encodeXsiChunk(doc: XsiDocument): Result<Uint8Array> {
  return attempt(() => {
    const sep = doc.root === 'ChannelHeartBeat' ? '' : '\n';
    return utf8.encode(XML_DECLARATION + sep + encodeXsiElement(doc));
  }, 'INVALID_FIELD');
}

/** Throwing form over an already parsed element. */
export function decodeXsiElementUnchecked(el: XmlElement): XsiDocument {
  if (el.ns !== XSI_BROADWORKS_NS) {
    throw new CodecError('UNKNOWN_TYPE', 'root element is not in the XSI namespace', { element: el.name.slice(0, 64) });
  }
  if (el.name === 'Event') return { root: 'Event', event: decodeXsiEventElement(el) };
  // cti-xsi.md §3.3/§5: ChannelHeartBeat is the schema name; accept ChannelHeartbeat too.
  const root = el.name === 'ChannelHeartbeat' ? 'ChannelHeartBeat' : el.name;
  if (!Object.hasOwn(XSI_BODY_CODECS, root)) {
    throw new CodecError('UNKNOWN_TYPE', 'unknown XSI document root', { element: el.name.slice(0, 64) });
  }
  const codec = XSI_BODY_CODECS[root as XsiBodyRoot] as ObjectCodec<unknown>;
  return { root, body: codec.decodeElement(el, BODY_CTX) } as XsiDocument;
}

/**
 * @example
 * const doc = decodeXsiElement(root);
 */
export function decodeXsiElement(el: XmlElement): Result<XsiDocument> {
  return attempt(() => decodeXsiElementUnchecked(el), 'INVALID_FIELD');
}

/**
 * Decodes a complete document (text, or bytes in their declared encoding: ErrorInfo may be ISO-8859-1).
 *
 * @example
 * const doc = decodeXsiDocument(body); // { ok: true, value: { root: 'VoiceMessagingMessages', body } }
 */
export function decodeXsiDocument(input: string | Uint8Array, limits?: Partial<XmlLimits>): Result<XsiDocument> {
  const parsed = parseXmlDocument(input, limits);
  if (!parsed.ok) return parsed;
  return decodeXsiElement(parsed.value);
}
