// Who may use the CTI/XSI servers: lab users and their passwords (cti-xsi.md §2.3, §4.1: the full
// user@domain and the web-portal password). Lookups never echo the password.
import { timingSafeEqual } from 'node:crypto';

export type Passwords = Readonly<Record<string, string>>;

/** The canonical user id when `userId:password` is right, else null. */
export function checkPassword(passwords: Passwords, userId: string, password: string): string | null {
  const match = Object.keys(passwords).find((id) => id.toLowerCase() === userId.toLowerCase());
  if (match === undefined) return null;
  const want = Buffer.from(passwords[match]!, 'utf8');
  const got = Buffer.from(password, 'utf8');
  return want.length === got.length && timingSafeEqual(want, got) ? match : null;
}
