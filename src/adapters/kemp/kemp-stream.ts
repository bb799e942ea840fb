// The reader of one KEMP connection (kakapo.md §3.1): the socket's bytes through the codec's frame
// parser. A malformed or oversized frame makes the stream unusable (the framing is lost), so the
// connection ends with reason 'unframeable'.
import type { Observable } from 'rxjs';
import { createKempFrameParser, encodeKempFrame, type KempFrame } from '../../codecs/kakapo/kemp-frame.ts';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import { linkStreamOf, openDecodedSocketStream, writeEncoded, type EncodedWrite, type LinkStream } from '../shared/decoded-socket-stream.ts';

export interface KempStream extends LinkStream {
  /** Hot: every inbound frame in arrival order. */
  readonly frames$: Observable<KempFrame>;
  write(frame: KempFrame): EncodedWrite;
}

export function openKempStream(socket: ByteSocket): KempStream {
  const parser = createKempFrameParser();
  // Not parser.end(): a frame cut off by the peer's close is dropped with the connection.
  const stream = openDecodedSocketStream<KempFrame>(socket, { push: (chunk) => parser.push(chunk) });
  return Object.assign(linkStreamOf(stream), {
    frames$: stream.items$,
    write: (frame: KempFrame) => writeEncoded(stream, frame, encodeKempFrame),
  });
}
