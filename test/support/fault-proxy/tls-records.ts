// Reading TLS record headers (RFC 8446 §5.1, RFC 5246 §6.2: type 1 byte, version 2, length 2) off
// one direction of a proxied connection, so the fault proxy can tell where the handshake starts
// and which record is the client's first application data. The payload stays opaque: the proxy
// never decrypts, so the client still verifies the real server's certificate.

/** TLS ContentType values (RFC 8446 §5.1). */
export const TLS_CHANGE_CIPHER_SPEC = 0x14;
export const TLS_ALERT = 0x15;
export const TLS_HANDSHAKE = 0x16;
export const TLS_APPLICATION_DATA = 0x17;

const HEADER_BYTES = 5;

/** True when `chunk` opens with a TLS handshake record header (type 22, version 3.x). */
export function startsTlsHandshake(chunk: Uint8Array): boolean {
  return chunk.length >= 2 && chunk[0] === TLS_HANDSHAKE && chunk[1] === 0x03;
}

/**
 * Follows the record boundaries of one direction. `push` returns the content types of the records
 * whose header completed within `chunk`, in order (a header split across chunks is reported with
 * the chunk that completes it).
 */
export class TlsRecordScanner {
  #header: number[] = [];
  #bodyLeft = 0;

  push(chunk: Uint8Array): number[] {
    const types: number[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.#bodyLeft > 0) {
        const take = Math.min(this.#bodyLeft, chunk.length - i);
        this.#bodyLeft -= take;
        i += take;
        continue;
      }
      this.#header.push(chunk[i]!);
      i += 1;
      if (this.#header.length === HEADER_BYTES) {
        const [type, , , high, low] = this.#header as [number, number, number, number, number];
        types.push(type);
        this.#bodyLeft = (high << 8) | low;
        this.#header = [];
      }
    }
    return types;
  }
}

/**
 * Where the client's first request is in a TLS connection. TLS 1.2 (RFC 5246 §7.3): the client's
 * Finished travels as an encrypted handshake record, so its first application_data record is the
 * request. TLS 1.3 (RFC 8446 §2, §5): every record after the ServerHello is application_data on
 * the wire, and the server's first flight already carries such records (or a compatibility
 * ChangeCipherSpec, Appendix D.4) before the client sends any: then the client's first
 * application_data record is its Finished, and the second is the request.
 */
export class TlsRequestDetector {
  readonly #up = new TlsRecordScanner();
  readonly #down = new TlsRecordScanner();
  #clientSentEncrypted = false;
  #tls13: boolean | null = null;
  #clientAppRecords = 0;

  /** Server → client bytes. */
  fromServer(chunk: Uint8Array): void {
    for (const type of this.#down.push(chunk)) {
      if (this.#tls13 === null && !this.#clientSentEncrypted && (type === TLS_APPLICATION_DATA || type === TLS_CHANGE_CIPHER_SPEC)) this.#tls13 = true;
    }
  }

  /** Client → server bytes; true when this chunk carries the client's first request. */
  fromClient(chunk: Uint8Array): boolean {
    let request = false;
    for (const type of this.#up.push(chunk)) {
      if (type === TLS_CHANGE_CIPHER_SPEC || type === TLS_APPLICATION_DATA) {
        if (this.#tls13 === null) this.#tls13 = false;
        this.#clientSentEncrypted = true;
      }
      if (type !== TLS_APPLICATION_DATA) continue;
      this.#clientAppRecords += 1;
      if (this.#clientAppRecords === (this.#tls13 === true ? 2 : 1)) request = true;
    }
    return request;
  }
}
