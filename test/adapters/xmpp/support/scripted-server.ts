// A scripted XMPP server for the cases Prosody cannot be made to show (no STARTTLS offered, bad
// XML, a SCRAM server that fails mutual authentication). Each step waits for a pattern in what the
// client sent since the previous step, then answers; `tls` upgrades the connection server-side.
import * as net from 'node:net';
import * as tls from 'node:tls';

export interface ScriptIo {
  write(text: string): void;
  /** Server side of STARTTLS: wrap the socket in TLS with the given certificate. */
  upgrade(): void;
  /** The server's TLS socket once upgraded (for its channel bindings), else null. */
  tls(): tls.TLSSocket | null;
}

export interface ScriptStep {
  when: RegExp;
  reply: (match: RegExpExecArray, io: ScriptIo) => void;
}

export interface ScriptedServer {
  port: number;
  /** Everything each connection received (plain and TLS parts concatenated). */
  received(): string[];
  close(): Promise<void>;
}

export const SERVER_HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='scripted' from='xmpp.lab.test' version='1.0'>";

export async function startScriptedServer(
  steps: ScriptStep[],
  certificate?: { certPem: string; keyPem: string },
  tlsOptions: Pick<tls.TlsOptions, 'minVersion' | 'maxVersion'> = {},
): Promise<ScriptedServer> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const index = received.push('') - 1;
    let pending = '';
    let step = 0;
    let current: net.Socket | tls.TLSSocket = socket;
    let secured: tls.TLSSocket | null = null;
    const io: ScriptIo = {
      write: (text) => current.write(text),
      upgrade: () => {
        if (certificate === undefined) throw new Error('no certificate for the scripted server');
        socket.removeAllListeners('data');
        const upgraded = new tls.TLSSocket(socket, {
          isServer: true,
          secureContext: tls.createSecureContext({ cert: certificate.certPem, key: certificate.keyPem, ...tlsOptions }),
        });
        upgraded.on('error', () => undefined);
        upgraded.on('data', onData);
        current = upgraded;
        secured = upgraded;
      },
      tls: () => secured,
    };
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      received[index] += text;
      pending += text;
      for (;;) {
        const next = steps[step];
        if (next === undefined) return;
        const match = next.when.exec(pending);
        if (match === null) return;
        pending = pending.slice(match.index + match[0].length);
        step++;
        next.reply(match, io);
      }
    };
    socket.on('data', onData);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received: () => [...received],
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
