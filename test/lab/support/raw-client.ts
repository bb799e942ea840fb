// A raw OCS client for conformance tests: bytes in, documents out, no project client code.
import * as net from 'node:net';
import * as tls from 'node:tls';

const END = Buffer.from('</BroadsoftDocument>');

export interface RawClient {
  socket: net.Socket;
  write(text: string | Buffer): void;
  /** Next complete document, bytes as latin1 text, including what follows the end tag up to "\n". */
  next(): Promise<string>;
  /** Resolves when the peer closed; with the bytes received and not consumed. */
  closed: Promise<string>;
  destroy(): void;
}

export function rawClient(socket: net.Socket): RawClient {
  let buffer = Buffer.alloc(0);
  const waiters: ((doc: string) => void)[] = [];
  const ready: string[] = [];
  const pump = (): void => {
    for (;;) {
      const at = buffer.indexOf(END);
      if (at < 0) return;
      let end = at + END.length;
      if (buffer[end] === 0x0a) end += 1;
      else if (end >= buffer.length) return; // wait to see whether "\n" follows
      const doc = buffer.subarray(0, end).toString('latin1');
      buffer = buffer.subarray(end);
      const w = waiters.shift();
      if (w) w(doc);
      else ready.push(doc);
    }
  };
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    pump();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(buffer.toString('latin1'))));
  return {
    socket,
    write: (text) => socket.write(text),
    next: () => {
      const doc = ready.shift();
      return doc !== undefined ? Promise.resolve(doc) : new Promise((resolve) => waiters.push(resolve));
    },
    closed,
    destroy: () => socket.destroy(),
  };
}

export function connectRaw(port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => resolve(rawClient(socket)));
    socket.once('error', reject);
  });
}

export function connectRawTls(port: number, ca: string, servername: string, options: tls.ConnectionOptions = {}): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca: [ca], servername, ...options });
    socket.once('secureConnect', () => resolve(rawClient(socket)));
    socket.once('error', reject);
  });
}

const HEAD = '<?xml version="1.0" encoding="ISO-8859-1"?>';
const ROOT = '<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">';

/** A request document in the common client form (one line). */
export function ociRequest(sessionId: string, ...commands: string[]): string {
  return `${HEAD}${ROOT}<sessionId xmlns="">${sessionId}</sessionId>${commands.join('')}</BroadsoftDocument>\n`;
}

export function command(type: string, body = '', echo?: string): string {
  return `<command${echo !== undefined ? ` echo="${echo}"` : ''} xsi:type="${type}" xmlns="">${body}</command>`;
}

/** The exact reply form (oci-p.md §2/§3): declaration + root + sessionId + commands, one line, "\n". */
export function ociReply(sessionId: string, commands: string, encoding = 'ISO-8859-1'): string {
  return `<?xml version="1.0" encoding="${encoding}"?>${ROOT}<sessionId xmlns="">${sessionId}</sessionId>${commands}</BroadsoftDocument>\n`;
}

export function capRequest(commandType: string, data: string, version = '14.0'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="CAP" version="${version}"><command commandType="${commandType}"><commandData>${data}</commandData></command></BroadsoftDocument>\r\n`;
}
