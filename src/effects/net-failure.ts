// Typed network failures (issue 5, "Effects"): every effect reports a failure as a NetFailure value,
// never as an exception escaping to the machine. Messages say what a person should check.

export type NetFailureKind =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'reset'
  | 'closed'
  | 'tls-version'
  | 'tls-certificate-name'
  | 'tls-certificate-untrusted'
  | 'tls-certificate-expired'
  | 'tls-handshake-closed'
  | 'tls-alert'
  | 'tls-expected'
  | 'http';

export interface NetFailure {
  kind: NetFailureKind;
  /** Actionable, for a person; never contains secrets (only host, port, names, codes). */
  message: string;
  host: string;
  port: number;
  /** The underlying cause, e.g. a Node error code (`ECONNREFUSED`, `ERR_SSL_WRONG_VERSION_NUMBER`). */
  cause?: string;
}

export function isNetFailure(value: unknown): value is NetFailure {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.kind === 'string' &&
    typeof v.message === 'string' &&
    typeof v.host === 'string' &&
    typeof v.port === 'number'
  );
}

export function netFailure(
  kind: NetFailureKind,
  where: { host: string; port: number },
  message: string,
  cause?: string,
): NetFailure {
  return cause === undefined
    ? { kind, message, host: where.host, port: where.port }
    : { kind, message, host: where.host, port: where.port, cause };
}
