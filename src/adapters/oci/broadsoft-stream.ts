// The one reader of an OCS connection (seed §2.2: "the same connection (to the same server port) is
// used for OCI and CAP"). It frames the inbound bytes on `</BroadsoftDocument>` (oci-p.md §2,
// cap.md §1), parses each document once and tags it by the root's `protocol` attribute (cap.md §1,
// INFERRED), so the OCI link and the CAP link share the socket without reading each other's bytes.
import type { Observable } from 'rxjs';
import { CodecError } from '../../codecs/errors.ts';
import { createDocumentSplitter } from '../../codecs/framing/index.ts';
import { broadsoftProtocol } from '../../codecs/oci/protocol-of.ts';
import { parseXmlDocument, type XmlElement, type XmlLimits } from '../../codecs/xml/index.ts';
import { ok } from '../../codecs/result.ts';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import { linkStreamOf, openDecodedSocketStream, type LinkStream } from '../shared/decoded-socket-stream.ts';
import type { LinkEnd, LinkEndWording } from '../shared/link-end.ts';

export type BroadsoftProtocol = 'OCI' | 'CAP';

export type BroadsoftInbound =
  | { readonly type: 'document'; readonly protocol: BroadsoftProtocol; readonly root: XmlElement }
  /** A document that could not be read. `protocol` is sniffed from the raw text when possible. */
  | { readonly type: 'bad-document'; readonly protocol: BroadsoftProtocol | 'unknown'; readonly error: CodecError };

/** How the stream ended: the peer closed it, it broke, it lost its framing, or this side closed it. */
export type BroadsoftStreamEnd = LinkEnd;

/** The OCS is one server for OCI and CAP: drops are worded alike for both links. */
export const OCS_WORDING: LinkEndWording = { server: 'the server', unframed: 'a document' };

export interface BroadsoftStreamOptions {
  /** Largest inbound document; beyond it the connection is unusable and is closed. Default 8 MiB. */
  maxDocumentBytes?: number;
  xmlLimits?: Partial<XmlLimits>;
}

export interface BroadsoftStream extends LinkStream {
  /** Every inbound document in arrival order. Hot: subscribe before data can arrive. */
  readonly inbound$: Observable<BroadsoftInbound>;
  /** Writes one encoded document; false (nothing written) once the stream has ended. */
  write(bytes: Uint8Array): boolean;
}

// OCI responses can carry large tables (directories); 8 MiB bounds memory per connection.
const DEFAULT_MAX_DOCUMENT = 8 * 1024 * 1024;

function sniffProtocol(bytes: Uint8Array): BroadsoftProtocol | 'unknown' {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
  const m = /<BroadsoftDocument\b[^>]*?\bprotocol\s*=\s*["']([A-Za-z]+)["']/.exec(head);
  const p = m?.[1];
  return p === 'OCI' || p === 'NSOCI' ? 'OCI' : p === 'CAP' ? 'CAP' : 'unknown';
}

export function openBroadsoftStream(socket: ByteSocket, options: BroadsoftStreamOptions = {}): BroadsoftStream {
  const splitter = createDocumentSplitter(
    { mode: 'endTag', endTag: '</BroadsoftDocument>' },
    // issue 10: bytes that are no OCS document (a web server's answer, noise) end the stream at
    // once as garbled, instead of being skipped until the login times out.
    { maxDocumentBytes: options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT, maxJunkBytes: 0 },
  );

  const inboundOf = (bytes: Uint8Array): BroadsoftInbound => {
    const root = parseXmlDocument(bytes, options.xmlLimits);
    if (!root.ok) return { type: 'bad-document', protocol: sniffProtocol(bytes), error: root.error };
    const protocol = broadsoftProtocol(root.value);
    if (protocol === undefined) {
      const error = new CodecError('UNKNOWN_TYPE', 'inbound document is neither OCI nor CAP', { element: root.value.name.slice(0, 64) });
      return { type: 'bad-document', protocol: 'unknown', error };
    }
    return { type: 'document', protocol, root: root.value };
  };

  const stream = openDecodedSocketStream<BroadsoftInbound>(socket, {
    push(chunk) {
      const docs = splitter.push(chunk);
      return docs.ok ? ok(docs.value.map(inboundOf)) : docs;
    },
    end() {
      // A document cut off by the peer's close is reported before the stream ends.
      const rest = splitter.end();
      return rest.ok ? [] : [{ type: 'bad-document', protocol: 'unknown', error: rest.error }];
    },
  });
  return Object.assign(linkStreamOf(stream), {
    inbound$: stream.items$,
    write: (bytes: Uint8Array) => stream.write(bytes),
  });
}
