// A Node Duplex over any ByteSocket, so a ByteSocket that is not a Node socket (a driver test's
// in-memory socket, a proxy) can still be secured: tls.connect accepts any Duplex as `socket`.
import { Duplex } from 'node:stream';
import type { Subscription } from 'rxjs';
import type { ByteSocket } from './byte-socket.ts';
import type { NetFailure } from './net-failure.ts';

export function duplexOf(socket: ByteSocket): Duplex {
  let subscription: Subscription | undefined;
  const duplex = new Duplex({
    read() {}, // bytes are pushed as data$ delivers them
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk);
      callback();
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      subscription?.unsubscribe();
      socket.destroy();
      callback(error);
    },
  });
  subscription = socket.data$.subscribe({
    next: (bytes) => duplex.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
    complete: () => duplex.push(null),
    // Keeps the failure's Node code so the handshake classifier reads it as from a Node socket.
    error: (failure: NetFailure) => duplex.destroy(Object.assign(new Error(failure.message), { code: failure.cause ?? 'ECONNRESET' })),
  });
  return duplex;
}
