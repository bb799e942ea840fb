// The reader of one CTI connection (cti-xsi.md §2.5, PROJECT framing): the socket's bytes through
// the codec's depth-0 stream decoder, one XspXMLInterface message per document. A document that
// does not decode is reported on its own and the connection carries on; broken framing ends it.
import type { Observable } from 'rxjs';
import type { CodecError } from '../../codecs/errors.ts';
import type { CtiMessage } from '../../codecs/cti/messages.ts';
import { createCtiStreamDecoder, encodeCtiMessage, type CtiStreamLimits } from '../../codecs/cti/stream.ts';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import { ok } from '../../codecs/result.ts';
import { linkStreamOf, openDecodedSocketStream, writeEncoded, type EncodedWrite, type LinkStream } from '../shared/decoded-socket-stream.ts';

export type CtiInbound =
  | { readonly type: 'message'; readonly message: CtiMessage }
  | { readonly type: 'bad-document'; readonly error: CodecError };

export interface CtiStream extends LinkStream {
  /** Hot: every inbound message in arrival order. */
  readonly inbound$: Observable<CtiInbound>;
  /** Encodes and writes one message; an Outcome-like result, nothing thrown. */
  write(message: CtiMessage): EncodedWrite;
}

// A CTI document is small (events, call lists); 4 MiB bounds memory per connection.
// Bytes that are no document end the stream at once (issue 10), instead of being skipped.
const DEFAULT_LIMITS: CtiStreamLimits = { splitter: { maxDocumentBytes: 4 * 1024 * 1024, maxJunkBytes: 0 } };

export function openCtiStream(socket: ByteSocket, limits: CtiStreamLimits = DEFAULT_LIMITS): CtiStream {
  const decoder = createCtiStreamDecoder(limits);
  const stream = openDecodedSocketStream<CtiInbound>(socket, {
    push(chunk) {
      const docs = decoder.push(chunk);
      if (!docs.ok) return docs;
      return ok(docs.value.map((doc): CtiInbound => (doc.ok ? { type: 'message', message: doc.value } : { type: 'bad-document', error: doc.error })));
    },
  });
  return Object.assign(linkStreamOf(stream), {
    inbound$: stream.items$,
    write: (message: CtiMessage) => writeEncoded(stream, message, encodeCtiMessage),
  });
}
