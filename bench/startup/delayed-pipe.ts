// One direction of the delay proxy: chunks (and the end of the stream) are written to the
// destination `delayMs` after they arrived, never before `notBefore`, and always in arrival order
// (a later chunk is never due before an earlier one). One timer for the head of the queue.
import type { Socket } from 'node:net';

type Item = { due: number; chunk: Buffer } | { due: number; mark: 'end' | 'close' };

export class DelayedPipe {
  readonly #delayMs: number;
  #lastDue: number;
  #queue: Item[] = [];
  #dest: Socket | null = null;
  #timer: NodeJS.Timeout | null = null;
  #ended = false;

  /** `notBefore` is a performance.now() instant (0: no floor). */
  constructor(delayMs: number, notBefore: number) {
    this.#delayMs = delayMs;
    this.#lastDue = notBefore;
  }

  get pending(): boolean {
    return this.#queue.length > 0;
  }

  push(chunk: Buffer): void {
    this.#enqueue((due) => ({ due, chunk }));
  }

  /** The source half-closed: half-close the destination after the data before it. */
  end(): void {
    this.#enqueue((due) => ({ due, mark: 'end' }));
  }

  /** The source is gone: close the destination after the data before it. */
  close(): void {
    this.#enqueue((due) => ({ due, mark: 'close' }));
  }

  attach(dest: Socket): void {
    this.#dest = dest;
    this.#pump();
  }

  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#queue = [];
  }

  #enqueue(make: (due: number) => Item): void {
    const due = Math.max(performance.now() + this.#delayMs, this.#lastDue);
    this.#lastDue = due;
    this.#queue.push(make(due));
    this.#schedule();
  }

  #schedule(): void {
    const head = this.#queue[0];
    if (this.#timer !== null || this.#dest === null || head === undefined) return;
    // ceil: a timer never fires before its due instant, so the delay is a lower bound.
    const wait = Math.max(0, Math.ceil(head.due - performance.now()));
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#pump();
    }, wait);
  }

  #pump(): void {
    const dest = this.#dest;
    if (dest === null) return;
    const now = performance.now();
    while (this.#queue.length > 0 && this.#queue[0]!.due <= now) {
      this.#deliver(dest, this.#queue.shift()!);
    }
    this.#schedule();
  }

  #deliver(dest: Socket, item: Item): void {
    if (dest.destroyed || this.#ended) return;
    if ('chunk' in item) {
      dest.write(item.chunk);
    } else if (item.mark === 'end') {
      this.#ended = true;
      dest.end();
    } else {
      this.#ended = true;
      dest.end(() => dest.destroy());
    }
  }
}
