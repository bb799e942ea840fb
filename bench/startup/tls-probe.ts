// The TLS version a server negotiates with a default Node client (the portal's HTTPS pins none),
// read with one verified handshake, so the bound counts the portal's handshake as it really is.
import { connect } from 'node:tls';

export function negotiatedTls(options: { address: string; port: number; servername: string; ca: string }): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: options.address, port: options.port, servername: options.servername, ca: [options.ca] }, () => {
      const version = socket.getProtocol();
      socket.destroy();
      resolve(version);
    });
    socket.once('error', reject);
  });
}
