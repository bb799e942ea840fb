// Who may use the CTI/XSI servers: lab users and their passwords (cti-xsi.md §2.3, §4.1: the full
// user@domain and the web-portal password). Lookups never echo the password.
import { timingSafeEqual } from 'node:crypto';

export type Passwords = Readonly<Record<string, string>>;

/**
 * The passwords indexed by lower-case user id, built once per server: a check costs the same with 4
 * users or 20,000. When two ids differ only in case, the first one counts.
 */
export type PasswordIndex = ReadonlyMap<string, { readonly userId: string; readonly password: string }>;

export function passwordIndex(passwords: Passwords): PasswordIndex {
  const index = new Map<string, { userId: string; password: string }>();
  for (const [userId, password] of Object.entries(passwords)) {
    const key = userId.toLowerCase();
    if (!index.has(key)) index.set(key, { userId, password });
  }
  return index;
}

/** The canonical user id when `userId:password` is right, else null. */
export function checkPassword(index: PasswordIndex, userId: string, password: string): string | null {
  const match = index.get(userId.toLowerCase());
  if (match === undefined) return null;
  const want = Buffer.from(match.password, 'utf8');
  const got = Buffer.from(password, 'utf8');
  return want.length === got.length && timingSafeEqual(want, got) ? match.userId : null;
}
