// The reader of one established connection, whatever the protocol: the socket's bytes through a
// push decoder, each decoded item in arrival order, and exactly one LinkEnd. A decoder failure means
// the framing is lost, so the connection ends 'unframeable'; per-item errors are the decoder's items.
import { ReplaySubject, Subject, type Observable, type Subscription } from 'rxjs';
import type { CodecError } from '../../codecs/errors.ts';
import type { Result } from '../../codecs/result.ts';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import type { LinkEnd } from './link-end.ts';
import { failureOfSocketError } from './transport-failure.ts';

export interface PushDecoder<T> {
  /** The items completed by this chunk; a failure when the stream can no longer be framed. */
  push(chunk: Uint8Array): Result<readonly T[]>;
  /** The peer closed the stream: the items still to report (e.g. a truncated document). */
  end?(): readonly T[];
}

export interface DecodedSocketStream<T> {
  readonly socket: ByteSocket;
  /** Hot: every decoded item in arrival order; completes when the stream ends. */
  readonly items$: Observable<T>;
  /** Emits once when the stream ends (replayed to late subscribers), then completes. */
  readonly ended$: Observable<LinkEnd>;
  readonly ended: LinkEnd | null;
  /** Writes encoded bytes; false (nothing written) once the stream has ended. */
  write(bytes: Uint8Array): boolean;
  /** Closes the connection now. */
  close(): void;
}

/** What every link's stream shows besides its items and its writer: the socket, the ending, close. */
export type LinkStream = Pick<DecodedSocketStream<unknown>, 'socket' | 'ended$' | 'ended' | 'close'>;

/** The LinkStream part of `stream` (`ended` stays live); a protocol stream adds its items and writer. */
export function linkStreamOf(stream: DecodedSocketStream<unknown>): LinkStream {
  return {
    socket: stream.socket,
    ended$: stream.ended$,
    get ended() {
      return stream.ended;
    },
    close: () => stream.close(),
  };
}

export type EncodedWrite = { ok: true } | { ok: false; error: CodecError | 'closed' };

export function openDecodedSocketStream<T>(socket: ByteSocket, decoder: PushDecoder<T>): DecodedSocketStream<T> {
  const items = new Subject<T>();
  const endedSubject = new ReplaySubject<LinkEnd>(1);
  let ended: LinkEnd | null = null;
  let reading: Subscription | undefined;

  const finish = (end: LinkEnd): void => {
    if (ended !== null) return;
    ended = end;
    reading?.unsubscribe();
    // The peer already closed its side; any other ending releases the socket here.
    if (end.reason !== 'peer-closed') socket.destroy();
    endedSubject.next(end);
    endedSubject.complete();
    items.complete();
  };

  const emit = (batch: readonly T[]): void => {
    for (const item of batch) {
      if (ended !== null) return; // a subscriber closed the stream while handling an earlier item
      items.next(item);
    }
  };

  reading = socket.data$.subscribe({
    next: (chunk) => {
      if (ended !== null) return;
      const batch = decoder.push(chunk);
      if (!batch.ok) return finish({ reason: 'unframeable', error: batch.error });
      emit(batch.value);
    },
    error: (error: unknown) => finish({ reason: 'failed', failure: failureOfSocketError(error, socket.info) }),
    complete: () => {
      emit(decoder.end?.() ?? []);
      finish({ reason: 'peer-closed' });
    },
  });

  return {
    socket,
    items$: items.asObservable(),
    ended$: endedSubject.asObservable(),
    get ended() {
      return ended;
    },
    write(bytes) {
      if (ended !== null) return false;
      socket.write(bytes);
      return true;
    },
    close() {
      finish({ reason: 'local' });
    },
  };
}

/** Encodes and writes one message: 'closed' once the stream has ended, the codec's error if it does not encode. */
export function writeEncoded<M>(stream: DecodedSocketStream<unknown>, message: M, encode: (message: M) => Result<Uint8Array>): EncodedWrite {
  if (stream.ended !== null) return { ok: false, error: 'closed' };
  const bytes = encode(message);
  if (!bytes.ok) return { ok: false, error: bytes.error };
  stream.write(bytes.value);
  return { ok: true };
}
