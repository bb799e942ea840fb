// A TCP proxy in front of the lab's OCI server that rewrites whole documents from the server on
// their way to the client (real sockets, real OCI framing by </BroadsoftDocument>), for answers
// the lab does not give by itself — e.g. a profile whose Integrated IM&P part is refused.
import * as net from 'node:net';

export interface RewritingProxy {
  port: number;
  /** Where to forward (set once the lab is up). */
  target(port: number): void;
  close(): Promise<void>;
}

const END = '</BroadsoftDocument>';

export async function startOciRewritingProxy(rewrite: (document: string) => string): Promise<RewritingProxy> {
  let targetPort = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (chunk) => upstream.write(chunk));
    client.on('end', () => upstream.end());
    let pending = '';
    upstream.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf(END); end !== -1; end = pending.indexOf(END)) {
        const document = pending.slice(0, end + END.length);
        pending = pending.slice(end + END.length);
        client.write(Buffer.from(rewrite(document), 'latin1'));
      }
    });
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    target: (port) => {
      targetPort = port;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
