// Typed failures of the CAP link. Never thrown; never carry the password.
import type { CodecErrorCode } from '../../codecs/errors.ts';

export type CapFailure =
  /** seed §2.2: CAP needs the Client Call Control service; "Unity will alert the user and not proceed". */
  | { readonly kind: 'service-missing'; readonly cause: string; readonly message: string }
  /** Wrong password or unknown user. */
  | { readonly kind: 'auth'; readonly cause: string; readonly message: string }
  /** Refused for another reason (cap.md §12: failureCause values are UNVERIFIED). */
  | { readonly kind: 'refused'; readonly cause?: string; readonly message: string }
  | { readonly kind: 'not-registered'; readonly message: string }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'closed'; readonly message: string }
  | { readonly kind: 'protocol'; readonly code: CodecErrorCode | 'UNEXPECTED_RESPONSE'; readonly message: string }
  | { readonly kind: 'encode'; readonly code: CodecErrorCode; readonly message: string };

/**
 * Classifies a registerResponse failureCause. The real texts are UNVERIFIED (cap.md §12); these
 * patterns cover the lab's CAP_FAILURE texts and the obvious wording of a real server.
 */
export function failureOfCause(userId: string, cause: string | undefined): CapFailure {
  const text = cause ?? '';
  if (/call\s*control/i.test(text)) {
    return {
      kind: 'service-missing',
      cause: text,
      message: `CAP registration of ${userId} refused: the Client Call Control service is not assigned to this user in BroadWorks; ask the BroadWorks administrator to assign it`,
    };
  }
  if (/password|not\s*found|unknown\s*user|authenticat/i.test(text)) {
    return { kind: 'auth', cause: text, message: `CAP registration of ${userId} refused: ${text}` };
  }
  const base = `CAP registration of ${userId} refused by the server`;
  return cause === undefined ? { kind: 'refused', message: base } : { kind: 'refused', cause, message: `${base}: ${cause}` };
}
