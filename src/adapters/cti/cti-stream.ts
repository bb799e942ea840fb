// The reader of one CTI connection (cti-xsi.md §2.5, PROJECT framing): the socket's bytes through
// the codec's depth-0 stream decoder, one XspXMLInterface message per document. A document that
// does not decode is reported on its own and the connection carries on; broken framing ends it.
import { ReplaySubject, Subject, type Observable, type Subscription } from 'rxjs';
import type { CodecError } from '../../codecs/errors.ts';
import type { CtiMessage } from '../../codecs/cti/messages.ts';
import { createCtiStreamDecoder, encodeCtiMessage, type CtiStreamLimits } from '../../codecs/cti/stream.ts';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import { type LinkEnd } from '../shared/link-end.ts';
import { failureOfSocketError } from '../shared/transport-failure.ts';

export type CtiInbound =
  | { readonly type: 'message'; readonly message: CtiMessage }
  | { readonly type: 'bad-document'; readonly error: CodecError };

export interface CtiStream {
  readonly socket: ByteSocket;
  /** Hot: every inbound message in arrival order. */
  readonly inbound$: Observable<CtiInbound>;
  /** Emits once when the stream ends (replayed to late subscribers). */
  readonly ended$: Observable<LinkEnd>;
  readonly ended: LinkEnd | null;
  /** Encodes and writes one message; an Outcome-like result, nothing thrown. */
  write(message: CtiMessage): { ok: true } | { ok: false; error: CodecError | 'closed' };
  close(): void;
}

// A CTI document is small (events, call lists); 4 MiB bounds memory per connection.
const DEFAULT_LIMITS: CtiStreamLimits = { splitter: { maxDocumentBytes: 4 * 1024 * 1024 } };

export function openCtiStream(socket: ByteSocket, limits: CtiStreamLimits = DEFAULT_LIMITS): CtiStream {
  const decoder = createCtiStreamDecoder(limits);
  const inbound = new Subject<CtiInbound>();
  const endedSubject = new ReplaySubject<LinkEnd>(1);
  let ended: LinkEnd | null = null;
  let reading: Subscription | undefined;

  const finish = (end: LinkEnd): void => {
    if (ended !== null) return;
    ended = end;
    reading?.unsubscribe();
    if (end.reason !== 'peer-closed') socket.destroy();
    endedSubject.next(end);
    endedSubject.complete();
    inbound.complete();
  };

  reading = socket.data$.subscribe({
    next: (chunk) => {
      if (ended !== null) return;
      const docs = decoder.push(chunk);
      if (!docs.ok) return finish({ reason: 'unframeable', error: docs.error });
      for (const doc of docs.value) {
        if (ended !== null) return;
        inbound.next(doc.ok ? { type: 'message', message: doc.value } : { type: 'bad-document', error: doc.error });
      }
    },
    error: (error: unknown) => finish({ reason: 'failed', failure: failureOfSocketError(error, socket.info) }),
    complete: () => finish({ reason: 'peer-closed' }),
  });

  return {
    socket,
    inbound$: inbound.asObservable(),
    ended$: endedSubject.asObservable(),
    get ended() {
      return ended;
    },
    write(message) {
      if (ended !== null) return { ok: false, error: 'closed' };
      const bytes = encodeCtiMessage(message);
      if (!bytes.ok) return { ok: false, error: bytes.error };
      socket.write(bytes.value);
      return { ok: true };
    },
    close() {
      finish({ reason: 'local' });
    },
  };
}
