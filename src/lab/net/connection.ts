// One accepted connection as a protocol server sees it. Faults sit between the socket and the
// protocol: half-open swallows input and output, delay holds each answer back.
import type { Duplex } from 'node:stream';
import { takeInjectedAnswer, type FaultFlags } from './fault-flags.ts';
import type { LabAnswerKind } from './faults.ts';

export interface LabConnection {
  readonly id: number;
  /** True when the bytes travel inside TLS. */
  readonly secure: boolean;
  /** Which endpoint accepted it. */
  readonly endpoint: 'plain' | 'tls';
  readonly closed: boolean;
  /** Writes an answer or a push, subject to the delay and half-open faults. */
  send(data: string | Uint8Array): void;
  /** Ends the connection after pending output. */
  close(): void;
  /** Tears the connection down at once. */
  destroy(): void;
  /**
   * Protocol hook for the close-mid-login fault: call it after reading the first login document.
   * Returns false when the fault closed the connection (then stop handling the document).
   */
  loginDocumentRead(): boolean;
  /**
   * Protocol hook for the `answer` fault: call it when about to answer the first login document.
   * A kind means: answer with that bad answer instead (and do not handle the request).
   */
  injectedLoginAnswer(): LabAnswerKind | null;
}

export interface LabProtocolSession {
  onData(chunk: Buffer): void;
  onClose?(): void;
}

export type LabConnectionHandler = (connection: LabConnection) => LabProtocolSession;

export type FaultState = Pick<FaultFlags, 'halfOpen' | 'delayMs' | 'closeMidLogin' | 'answer'>;

export class SocketConnection implements LabConnection {
  private outputTail: Promise<void> = Promise.resolve();
  private pendingOutput = 0;
  private ended = false;

  constructor(
    readonly id: number,
    readonly endpoint: 'plain' | 'tls',
    private readonly stream: Duplex,
    private readonly faults: FaultState,
  ) {}

  get secure(): boolean {
    return this.endpoint === 'tls';
  }

  get closed(): boolean {
    return this.ended || this.stream.destroyed;
  }

  send(data: string | Uint8Array): void {
    if (this.closed || this.faults.halfOpen) return;
    const delay = this.faults.delayMs;
    if (delay <= 0 && this.pendingOutput === 0) {
      this.stream.write(data);
      return;
    }
    // Keep answers in order: each waits until its own due time and after the one before it.
    const dueAt = Date.now() + Math.max(0, delay);
    this.pendingOutput += 1;
    this.outputTail = this.outputTail
      .then(() => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, dueAt - Date.now()))))
      .then(() => {
        this.pendingOutput -= 1;
        if (!this.closed && !this.faults.halfOpen) this.stream.write(data);
      });
  }

  close(): void {
    if (this.closed) return;
    this.ended = true;
    if (this.pendingOutput > 0) {
      void this.outputTail.then(() => this.stream.end());
    } else {
      this.stream.end();
    }
  }

  destroy(): void {
    this.ended = true;
    this.stream.destroy();
  }

  loginDocumentRead(): boolean {
    if (this.faults.closeMidLogin) {
      this.destroy();
      return false;
    }
    return !this.closed;
  }

  injectedLoginAnswer(): LabAnswerKind | null {
    return takeInjectedAnswer(this.faults);
  }
}
