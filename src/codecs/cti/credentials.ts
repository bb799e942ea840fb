// CTI `credentials` (cti-xsi.md §2.3, FACT): base64 of `user@domain:password`, exactly an HTTP
// Basic token. Neither function ever puts the user id or the password into an error message.
import { base64Decode, base64Encode } from '../kakapo/base64.ts';
import { err, ok, type Result } from '../result.ts';

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * @example
 * basicCredentials('ann@example.com', password); // base64 of user:password (HTTP Basic, RFC 7617)
 */
export function basicCredentials(userId: string, password: string): string {
  return base64Encode(utf8.encode(`${userId}:${password}`));
}

/**
 * Splits a token at the first ':' (a user id has none; a password may).
 *
 * @example
 * parseBasicCredentials(token); // { ok: true, value: { userId, password } }
 */
export function parseBasicCredentials(token: string): Result<{ userId: string; password: string }> {
  const bytes = base64Decode(token.trim());
  if (bytes === null) return err('INVALID_FIELD', 'credentials are not base64', { field: 'credentials' });
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return err('INVALID_FIELD', 'credentials are not UTF-8', { field: 'credentials' });
  }
  const colon = text.indexOf(':');
  if (colon <= 0) return err('INVALID_FIELD', 'credentials are not user:password', { field: 'credentials' });
  return ok({ userId: text.slice(0, colon), password: text.slice(colon + 1) });
}
