// Typed failures of the CTI link. Every operation resolves to an Outcome and never throws.
// Messages are for a person and never carry the password (BRIEF: passwords never enter messages).
import type { CodecErrorCode } from '../../codecs/errors.ts';
import type { NetFailure } from '../../effects/net-failure.ts';

export type CtiFailure =
  /** statusCode 401: the credentials were refused (cti-xsi.md §2.3, PROPOSED per-request check). */
  | { readonly kind: 'auth'; readonly statusCode: number; readonly message: string }
  /** Any other non-2xx statusCode, with the ErrorInfo summary when the server sent one. */
  | { readonly kind: 'server-error'; readonly statusCode: number; readonly errorCode?: number; readonly summary: string; readonly message: string }
  /** No answer within the request timeout. */
  | { readonly kind: 'timeout'; readonly message: string }
  /** The connection ended before the answer (or before the request could be sent). */
  | { readonly kind: 'closed'; readonly message: string; readonly failure?: NetFailure }
  /** The answer was unreadable or not what the request calls for. */
  | { readonly kind: 'protocol'; readonly code: CodecErrorCode | 'UNEXPECTED_RESPONSE'; readonly message: string }
  /** The request could not be encoded. */
  | { readonly kind: 'encode'; readonly code: CodecErrorCode; readonly message: string }
  /** The operation needs authenticate() first. */
  | { readonly kind: 'not-authenticated'; readonly message: string };

/** A server text must never quote the password back (belt and braces). */
export function scrubSecret(text: string, secret: string | undefined): string {
  return secret !== undefined && secret.length > 0 ? text.split(secret).join('***') : text;
}
