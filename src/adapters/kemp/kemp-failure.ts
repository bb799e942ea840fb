// Typed failures of the KEMP link (kakapo.md §3). Every operation resolves to an Outcome; nothing
// throws; no message carries a token or a message body.
import type { CodecErrorCode } from '../../codecs/errors.ts';
import type { NetFailure } from '../../effects/net-failure.ts';

export type KempFailure =
  /** REGISTER refused: 401 (no or bad impToken), 403 (wrong group/enterprise, unknown user). */
  | { readonly kind: 'auth'; readonly status: 401 | 403; readonly message: string }
  /** Any other non-200 status (404 unknown recipient, 400 bad request). */
  | { readonly kind: 'rejected'; readonly status: number; readonly message: string }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'closed'; readonly message: string; readonly failure?: NetFailure }
  /** An answer that does not open, decode, or fit the request. */
  | { readonly kind: 'protocol'; readonly code: CodecErrorCode | 'UNEXPECTED_RESPONSE'; readonly message: string }
  | { readonly kind: 'encode'; readonly code: CodecErrorCode; readonly message: string }
  | { readonly kind: 'not-registered'; readonly message: string };
