// Reads the fields Node puts on socket and TLS errors without trusting their shape.

export interface NodeErrorFacts {
  code: string | undefined;
  message: string;
  /** OpenSSL's short reason, e.g. "wrong version number"; Node's altname reason for name errors. */
  reason: string | undefined;
}

// "…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…"
const OPENSSL_REASON = /SSL routines:[^:]*:([^:]+):/;

export function nodeErrorFacts(error: unknown): NodeErrorFacts {
  if (typeof error !== 'object' || error === null) {
    return { code: undefined, message: String(error), reason: undefined };
  }
  const e = error as { code?: unknown; message?: unknown; reason?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  let code = typeof e.code === 'string' ? e.code : undefined;
  let reason = typeof e.reason === 'string' ? e.reason : undefined;
  // A TLS error met while writing (e.g. an HTTPS request queued during the handshake) arrives as a
  // plain EPROTO carrying OpenSSL's text; Node names SSL errors ERR_SSL_<REASON>, so recover that.
  const openssl = OPENSSL_REASON.exec(message);
  if (openssl?.[1] && (code === undefined || code === 'EPROTO')) {
    reason = openssl[1];
    code = `ERR_SSL_${openssl[1].toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
  }
  return { code, message, reason };
}
