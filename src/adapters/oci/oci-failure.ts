// Typed failures of the OCI link. Every operation resolves to an Outcome; nothing throws.
// Messages are for a person and never carry a password (BRIEF "Passwords never enter … error messages").
import type { CodecErrorCode } from '../../codecs/errors.ts';
import type { OciErrorResponse } from '../../codecs/oci/types.ts';
import type { NetFailure } from '../../effects/net-failure.ts';

export type OciFailure =
  /** Wrong password or unknown user (oci-p.md §7: [Error 4962], [Error 4008]). */
  | { readonly kind: 'auth'; readonly code?: number; readonly summary: string; readonly message: string }
  /** Any other ErrorResponse. */
  | { readonly kind: 'server-error'; readonly code?: number; readonly summary: string; readonly message: string }
  /** No answer within the request timeout. */
  | { readonly kind: 'timeout'; readonly message: string }
  /** The connection ended before the answer (or before the request could be sent). */
  | { readonly kind: 'closed'; readonly message: string; readonly failure?: NetFailure }
  /** The server answered with something unreadable or of the wrong type. */
  | { readonly kind: 'protocol'; readonly code: CodecErrorCode | 'UNEXPECTED_RESPONSE'; readonly message: string }
  /** The operation needs a logged-in session (login first). */
  | { readonly kind: 'not-logged-in'; readonly message: string }
  /** The request could not be encoded (e.g. the codec refused a cleartext password on plain TCP). */
  | { readonly kind: 'encode'; readonly code: CodecErrorCode; readonly message: string };

export type Outcome<T, F = OciFailure> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: F };

export const succeed = <T>(value: T): Outcome<T, never> => ({ ok: true, value });
export const failWith = <F>(error: F): Outcome<never, F> => ({ ok: false, error });

/** Never let a server text quote the password back (belt and braces: the lab does not, a real one might). */
export function scrub(text: string, secret: string | undefined): string {
  return secret !== undefined && secret.length > 0 ? text.split(secret).join('***') : text;
}

/** oci-p.md §7: 4962 invalid password, 4008 user not found. */
const AUTH_CODES = new Set([4962, 4008]);

export function failureOfErrorResponse(response: OciErrorResponse, code: number | undefined, context: string, secret?: string): OciFailure {
  const summary = scrub(response.summary || response.summaryEnglish, secret);
  const kind = code !== undefined && AUTH_CODES.has(code) ? 'auth' : 'server-error';
  const message = `${context}: the OCI server answered ${summary}`;
  return code === undefined ? { kind, summary, message } : { kind, code, summary, message };
}
