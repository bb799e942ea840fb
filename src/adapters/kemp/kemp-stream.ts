// The reader of one KEMP connection (kakapo.md §3.1): the socket's bytes through the codec's frame
// parser. A malformed or oversized frame makes the stream unusable (the framing is lost), so the
// connection ends with reason 'unframeable'.
import type { Observable } from 'rxjs';
import { createKempFrameParser, encodeKempFrame, type KempFrame } from '../../codecs/kakapo/kemp-frame.ts';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import { openDecodedSocketStream, writeEncoded, type EncodedWrite } from '../shared/decoded-socket-stream.ts';
import type { LinkEnd } from '../shared/link-end.ts';

export interface KempStream {
  readonly socket: ByteSocket;
  /** Hot: every inbound frame in arrival order. */
  readonly frames$: Observable<KempFrame>;
  readonly ended$: Observable<LinkEnd>;
  readonly ended: LinkEnd | null;
  write(frame: KempFrame): EncodedWrite;
  close(): void;
}

export function openKempStream(socket: ByteSocket): KempStream {
  const parser = createKempFrameParser();
  // Not parser.end(): a frame cut off by the peer's close is dropped with the connection.
  const stream = openDecodedSocketStream<KempFrame>(socket, { push: (chunk) => parser.push(chunk) });
  return {
    socket,
    frames$: stream.items$,
    ended$: stream.ended$,
    get ended() {
      return stream.ended;
    },
    write: (frame) => writeEncoded(stream, frame, encodeKempFrame),
    close: () => stream.close(),
  };
}
