// Reads an XSI-Events streaming channel byte for byte over a raw TLS socket: writes the HTTP/1.1
// request by hand and splits the chunked transfer coding itself, so tests see the real chunks.
import * as tls from 'node:tls';

export class RawChunkedStream {
  readonly chunks: Buffer[] = [];
  status = 0;
  headers = '';
  ended = false;
  private buffer = Buffer.alloc(0);
  private headDone = false;
  private waiters: Array<() => void> = [];

  constructor(readonly socket: tls.TLSSocket) {
    socket.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      this.parse();
      this.wake();
    });
    socket.on('close', () => this.wake());
    socket.on('error', () => undefined);
  }

  static open(port: number, ca: string, path: string, authorization: string, body: string): Promise<RawChunkedStream> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port, servername: 'xsp.lab.test', ca: [ca] }, () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: xsp.lab.test\r\nAuthorization: ${authorization}\r\nContent-Type: application/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        resolve(new RawChunkedStream(socket));
      });
      socket.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private parse(): void {
    if (!this.headDone) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.headers = this.buffer.subarray(0, end).toString('latin1');
      this.status = Number(/^HTTP\/1\.1 (\d{3})/.exec(this.headers)?.[1] ?? 0);
      this.buffer = this.buffer.subarray(end + 4);
      this.headDone = true;
    }
    for (;;) {
      const line = this.buffer.indexOf('\r\n');
      if (line < 0) return;
      const size = parseInt(this.buffer.subarray(0, line).toString('latin1'), 16);
      if (this.buffer.length < line + 2 + size + 2) return;
      if (size === 0) {
        this.ended = true;
        this.buffer = this.buffer.subarray(line + 4);
        return;
      }
      this.chunks.push(Buffer.from(this.buffer.subarray(line + 2, line + 2 + size)));
      this.buffer = this.buffer.subarray(line + 2 + size + 2);
    }
  }

  /** The next unread chunk as text. */
  async next(): Promise<string> {
    for (;;) {
      const c = this.chunks.shift();
      if (c) return c.toString('utf8');
      if (this.socket.destroyed || this.ended) throw new Error('stream ended');
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  async waitEnd(): Promise<void> {
    while (!this.ended && !this.socket.destroyed) await new Promise<void>((r) => this.waiters.push(r));
  }
}
