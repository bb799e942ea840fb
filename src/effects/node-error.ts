// Reads the fields Node puts on socket and TLS errors without trusting their shape.

export interface NodeErrorFacts {
  code: string | undefined;
  message: string;
  /** OpenSSL's short reason, e.g. "wrong version number"; Node's altname reason for name errors. */
  reason: string | undefined;
}

export function nodeErrorFacts(error: unknown): NodeErrorFacts {
  if (typeof error !== 'object' || error === null) {
    return { code: undefined, message: String(error), reason: undefined };
  }
  const e = error as { code?: unknown; message?: unknown; reason?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    message: typeof e.message === 'string' ? e.message : String(error),
    reason: typeof e.reason === 'string' ? e.reason : undefined,
  };
}
