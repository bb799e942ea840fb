// Request/response correlation for OCI-P on one socket (oci-p.md §4): answers come back in the order
// the documents were sent (FIFO on the socket) and, inside a document, in command order. This keeps
// a FIFO QUEUE: several documents may be outstanding at once (the OCS answers them in order).
// A request that times out stays in the queue as "abandoned", so its late answer is consumed and
// dropped instead of being taken for the answer of the next request.
import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';
import { decodeOciCommand, decodeOciEnvelope, encodeOciDocument } from '../../codecs/oci/envelope.ts';
import type { OciRequest, OciResponse } from '../../codecs/oci/types.ts';
import type { CodecErrorCode } from '../../codecs/errors.ts';
import type { BroadsoftInbound, BroadsoftStream } from './broadsoft-stream.ts';
import { failWith, succeed, type Outcome } from './oci-failure.ts';
import { unansweredAtEnd } from '../shared/link-end.ts';

export interface OciExchangeOptions {
  stream: BroadsoftStream;
  sessionId: string;
  /** Per document; on the injected scheduler. */
  requestTimeoutMs: number;
  scheduler?: SchedulerLike;
  /** A LogoutRequest pushed by the OCS (oci-p.md §6). */
  onPushedLogout(reason: string): void;
  /** An inbound OCI document that is unreadable or answers nothing. */
  onProtocolError(code: CodecErrorCode | 'UNEXPECTED_RESPONSE', message: string): void;
  /** An answer the schema refuses but the link could act on (e.g. a required element the client does not need was missing). */
  onProtocolNote?(message: string): void;
}

interface Pending {
  readonly count: number;
  readonly resolve: (outcome: Outcome<OciResponse[]>) => void;
  timer: Subscription | null;
  abandoned: boolean;
}

export interface OciExchange {
  /** Sends one document of 1..15 commands; resolves with the answers in command order. */
  send(commands: OciRequest[]): Promise<Outcome<OciResponse[]>>;
  /** Documents sent and not yet answered (abandoned ones included). */
  readonly outstanding: number;
}

export function createOciExchange(options: OciExchangeOptions): OciExchange {
  const { stream, sessionId } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  const queue: Pending[] = [];
  const overTls = stream.socket.info.tls !== null;

  const settleFront = (outcome: Outcome<OciResponse[]>): void => {
    const front = queue.shift();
    if (front === undefined) return;
    front.timer?.unsubscribe();
    if (!front.abandoned) front.resolve(outcome);
  };

  const onDocument = (event: BroadsoftInbound): void => {
    if (event.type === 'bad-document') {
      options.onProtocolError(event.error.code, `unreadable document from the OCI server: ${event.error.message}`);
      // Only a document that says it is OCI took an answer's place; anything else may be noise.
      if (event.protocol === 'OCI' && queue.length > 0) {
        settleFront(failWith({ kind: 'protocol', code: event.error.code, message: `the OCI server's answer could not be read: ${event.error.message}` }));
      }
      return;
    }
    if (event.protocol !== 'OCI') return;
    const envelope = decodeOciEnvelope(event.root);
    if (!envelope.ok) {
      options.onProtocolError(envelope.error.code, `malformed OCI document: ${envelope.error.message}`);
      if (queue.length > 0) settleFront(failWith({ kind: 'protocol', code: envelope.error.code, message: `malformed OCI answer: ${envelope.error.message}` }));
      return;
    }
    const decoded: OciResponse[] = [];
    const notes: string[] = [];
    let bad: { code: CodecErrorCode; message: string } | null = null;
    for (const element of envelope.value.commands) {
      const command = decodeOciCommand(element, notes);
      if (!command.ok) {
        bad ??= { code: command.error.code, message: command.error.message };
        continue;
      }
      decoded.push(command.value as OciResponse);
    }
    for (const note of notes) options.onProtocolNote?.(`the OCI server's answer departs from the OCI-P schema: ${note}`);
    // oci-p.md §6: the OCS may push LogoutRequest; it answers nothing, it ends the session.
    const pushed = decoded.find((c) => c.type === 'LogoutRequest');
    if (pushed !== undefined && pushed.type === 'LogoutRequest') {
      options.onPushedLogout(pushed.reason ?? 'Open Client Server Forced Logout');
      return;
    }
    const front = queue[0];
    if (front === undefined) {
      options.onProtocolError('UNEXPECTED_RESPONSE', 'the OCI server sent an answer to no request');
      return;
    }
    if (bad !== null) {
      options.onProtocolError(bad.code, `unreadable OCI answer: ${bad.message}`);
      return settleFront(failWith({ kind: 'protocol', code: bad.code, message: `the OCI server's answer could not be read: ${bad.message}` }));
    }
    if (decoded.length !== front.count) {
      const message = `the OCI server answered ${decoded.length} commands to a document of ${front.count}`;
      options.onProtocolError('UNEXPECTED_RESPONSE', message);
      return settleFront(failWith({ kind: 'protocol', code: 'UNEXPECTED_RESPONSE', message }));
    }
    settleFront(succeed(decoded));
  };

  const onEnded = (): void => {
    const failure = unansweredAtEnd(stream.ended, 'OCI');
    while (queue.length > 0) settleFront(failWith(failure));
  };

  stream.inbound$.subscribe({ next: onDocument });
  stream.ended$.subscribe({ next: onEnded });

  return {
    get outstanding() {
      return queue.length;
    },
    send(commands) {
      return new Promise((resolve) => {
        if (stream.ended !== null) return resolve(failWith({ kind: 'closed', message: 'the OCI connection is closed' }));
        const bytes = encodeOciDocument({ sessionId, commands }, { overTls });
        if (!bytes.ok) return resolve(failWith({ kind: 'encode', code: bytes.error.code, message: bytes.error.message }));
        const pending: Pending = { count: commands.length, resolve, timer: null, abandoned: false };
        queue.push(pending);
        pending.timer = scheduler.schedule(() => {
          pending.timer = null;
          if (pending.abandoned) return;
          pending.abandoned = true;
          resolve(failWith({ kind: 'timeout', message: `the OCI server did not answer ${commands[0]?.type ?? 'the request'} within ${options.requestTimeoutMs} ms` }));
        }, options.requestTimeoutMs);
        stream.write(bytes.value);
      });
    },
  };
}
