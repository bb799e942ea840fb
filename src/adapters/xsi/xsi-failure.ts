// Typed failures of the XSI-Actions client (cti-xsi.md §4.2). Nothing throws; no message carries
// the password or the Authorization header.
import type { CodecErrorCode } from '../../codecs/errors.ts';
import type { NetFailure } from '../../effects/net-failure.ts';

export type XsiFailure =
  /** 401: the user id (full user@domain) or web-portal password was refused (§4.1). */
  | { readonly kind: 'auth'; readonly status: 401; readonly message: string }
  /** Any other non-2xx answer; `summary`/`errorCode` from the ErrorInfo body when there is one. */
  | { readonly kind: 'server-error'; readonly status: number; readonly errorCode?: number; readonly summary: string; readonly message: string }
  /** The request never got an answer (DNS, refused, TLS, timeout, reset). */
  | { readonly kind: 'network'; readonly failure: NetFailure; readonly message: string }
  /** A 2xx answer whose body is unreadable or not the document asked for. */
  | { readonly kind: 'protocol'; readonly code: CodecErrorCode | 'UNEXPECTED_RESPONSE'; readonly message: string };
