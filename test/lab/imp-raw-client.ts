// A raw KEMP client for conformance tests: a socket, the codecs' frame encoder/parser and cipher —
// not the project's IM&P adapter.
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { createEnvelopeCipher, DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../../src/codecs/kakapo/cipher.ts';
import { createKempFrameParser, encodeKempFrame, type KempFrame, type KempMethod } from '../../src/codecs/kakapo/kemp-frame.ts';

const cipher = createEnvelopeCipher(DEVELOPMENT_KEY_RING);

export class RawKemp {
  readonly frames: KempFrame[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<void>;
  private parser = createKempFrameParser();

  constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk) => {
      const r = this.parser.push(chunk);
      if (r.ok) this.frames.push(...r.value);
      this.wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', () => (this.wake(), resolve())));
    socket.on('error', () => undefined);
  }

  static connect(port: number): Promise<RawKemp> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(new RawKemp(s)));
      s.once('error', reject);
    });
  }

  static connectTls(port: number, ca: string, servername: string): Promise<RawKemp> {
    return new Promise((resolve, reject) => {
      const s = tls.connect({ port, host: '127.0.0.1', servername, ca: [ca] }, () => resolve(new RawKemp(s)));
      s.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Next frame (removed from the queue); rejects if the socket closes first. */
  async next(): Promise<KempFrame> {
    for (;;) {
      const f = this.frames.shift();
      if (f) return f;
      if (this.socket.destroyed || this.socket.readableEnded) throw new Error('closed before a frame');
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  request(method: KempMethod, seq: number, xml?: string, target = 'im.lab.test'): void {
    this.write({ kind: 'request', method, target, seq, body: new Uint8Array(0) }, xml, method);
  }

  respond(seq: number, status: number): void {
    this.write({ kind: 'response', seq, status, reason: 'OK', body: new Uint8Array(0) });
  }

  write(frame: KempFrame, xml?: string, aad?: string): void {
    let out = frame;
    if (xml !== undefined) {
      const nonce = new Uint8Array(randomBytes(12));
      const sealed = cipher.seal({ keyId: DEVELOPMENT_KEY_ID, nonce, aad: aad!, plaintext: new TextEncoder().encode(xml) });
      if (!sealed.ok) throw sealed.error;
      out = { ...frame, keyId: DEVELOPMENT_KEY_ID, nonce, body: sealed.value };
    }
    const bytes = encodeKempFrame(out);
    if (!bytes.ok) throw bytes.error;
    this.socket.write(bytes.value);
  }

  static open(frame: KempFrame, aad: string): string {
    const r = cipher.open({ keyId: frame.keyId!, nonce: frame.nonce!, aad, ciphertextWithTag: frame.body });
    if (!r.ok) throw r.error;
    return new TextDecoder().decode(r.value);
  }
}
