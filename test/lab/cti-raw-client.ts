// A raw CTI client for conformance tests: a socket and the codecs' CTI message encoder/decoder —
// not the project's CTI adapter.
import * as net from 'node:net';
import * as tls from 'node:tls';
import { basicCredentials } from '../../src/codecs/cti/credentials.ts';
import type { CtiCommand, CtiMessage } from '../../src/codecs/cti/messages.ts';
import { createCtiStreamDecoder, encodeCtiMessage } from '../../src/codecs/cti/stream.ts';

export class RawCti {
  readonly messages: CtiMessage[] = [];
  readonly raw: Buffer[] = [];
  private waiters: Array<() => void> = [];
  private decoder = createCtiStreamDecoder();
  private nextId = 1;
  readonly closed: Promise<void>;

  constructor(readonly socket: net.Socket, private readonly userId: string, private readonly password: string) {
    socket.on('data', (chunk: Buffer) => {
      this.raw.push(chunk);
      const r = this.decoder.push(chunk);
      if (r.ok) for (const m of r.value) if (m.ok) this.messages.push(m.value);
      this.wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.on('close', () => (this.wake(), resolve())));
  }

  static connect(port: number, userId: string, password: string): Promise<RawCti> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(new RawCti(s, userId, password)));
      s.once('error', reject);
    });
  }

  static connectTls(port: number, ca: string, userId: string, password: string): Promise<RawCti> {
    return new Promise((resolve, reject) => {
      const s = tls.connect({ port, host: '127.0.0.1', servername: 'cti.lab.test', ca: [ca] }, () => resolve(new RawCti(s, userId, password)));
      s.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits for the first queued message matching `pred` and removes it. */
  async take<K extends CtiMessage['kind']>(kind: K, pred: (m: Extract<CtiMessage, { kind: K }>) => boolean = () => true): Promise<Extract<CtiMessage, { kind: K }>> {
    for (;;) {
      const i = this.messages.findIndex((m) => m.kind === kind && pred(m as Extract<CtiMessage, { kind: K }>));
      if (i >= 0) return this.messages.splice(i, 1)[0] as Extract<CtiMessage, { kind: K }>;
      if (this.socket.destroyed) throw new Error(`closed while waiting for ${kind}`);
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  send(message: CtiMessage): void {
    const bytes = encodeCtiMessage(message);
    if (!bytes.ok) throw bytes.error;
    this.socket.write(bytes.value);
  }

  /** Sends a request with this client's credentials; returns its requestId. */
  request(command: CtiCommand, password = this.password): string {
    const requestId = String(this.nextId++);
    this.send({ kind: 'request', requestId, sessionId: 'uc-1', auth: { credentials: basicCredentials(this.userId, password) }, command });
    return requestId;
  }

  async call(command: CtiCommand) {
    const id = this.request(command);
    return this.take('response', (r) => r.requestId === id);
  }

  async event(type: string) {
    const ev = await this.take('event', (e) => e.event.type === 'SubscriptionEvent' && e.event.eventData.type === type);
    return ev;
  }
}
