// The reader of one KEMP connection (kakapo.md §3.1): the socket's bytes through the codec's frame
// parser. A malformed or oversized frame makes the stream unusable (the framing is lost), so the
// connection ends with reason 'unframeable'.
import { ReplaySubject, Subject, type Observable, type Subscription } from 'rxjs';
import { createKempFrameParser, encodeKempFrame, type KempFrame } from '../../codecs/kakapo/kemp-frame.ts';
import type { CodecError } from '../../codecs/errors.ts';
import type { ByteSocket } from '../../effects/byte-socket.ts';
import { type LinkEnd } from '../shared/link-end.ts';
import { failureOfSocketError } from '../shared/transport-failure.ts';

export interface KempStream {
  readonly socket: ByteSocket;
  /** Hot: every inbound frame in arrival order. */
  readonly frames$: Observable<KempFrame>;
  readonly ended$: Observable<LinkEnd>;
  readonly ended: LinkEnd | null;
  write(frame: KempFrame): { ok: true } | { ok: false; error: CodecError | 'closed' };
  close(): void;
}

export function openKempStream(socket: ByteSocket): KempStream {
  const parser = createKempFrameParser();
  const frames = new Subject<KempFrame>();
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
    frames.complete();
  };

  reading = socket.data$.subscribe({
    next: (chunk) => {
      if (ended !== null) return;
      const parsed = parser.push(chunk);
      if (!parsed.ok) return finish({ reason: 'unframeable', error: parsed.error });
      for (const frame of parsed.value) {
        if (ended !== null) return;
        frames.next(frame);
      }
    },
    error: (error: unknown) => finish({ reason: 'failed', failure: failureOfSocketError(error, socket.info) }),
    complete: () => finish({ reason: 'peer-closed' }),
  });

  return {
    socket,
    frames$: frames.asObservable(),
    ended$: endedSubject.asObservable(),
    get ended() {
      return ended;
    },
    write(frame) {
      if (ended !== null) return { ok: false, error: 'closed' };
      const bytes = encodeKempFrame(frame);
      if (!bytes.ok) return { ok: false, error: bytes.error };
      socket.write(bytes.value);
      return { ok: true };
    },
    close() {
      finish({ reason: 'local' });
    },
  };
}
