// The IM&P token (kakapo.md §3.2, a PROJECT addition): issued in the license response, bound to
// (loginId, serverHost), valid for minutes. Self-verifying — an HMAC under a lab secret shared by
// the portal and the IM&P server — so the two servers need no shared table.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ImpTokenClaims {
  loginId: string;
  serverHost: string;
  expiresAtMs: number;
}

export type ImpTokenCheck =
  | { ok: true; claims: ImpTokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-user' };

export const DEFAULT_IMP_TOKEN_MINUTES = 10;

const sign = (secret: Uint8Array, payload: string): Buffer => createHmac('sha256', secret).update(payload).digest();

/**
 * @example
 * const token = issueImpToken(secret, { loginId: 'ann@lab.test', serverHost: 'ocs.lab.test' }, Date.now());
 */
export function issueImpToken(secret: Uint8Array, claims: Omit<ImpTokenClaims, 'expiresAtMs'>, nowMs: number, minutes = DEFAULT_IMP_TOKEN_MINUTES): string {
  const body = { l: claims.loginId.toLowerCase(), h: claims.serverHost.toLowerCase(), e: nowMs + minutes * 60_000, n: randomBytes(8).toString('hex') };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

/**
 * @example
 * checkImpToken(secret, token, 'ann@lab.test', Date.now()); // { ok: true } while the token lives
 */
export function checkImpToken(secret: Uint8Array, token: string, loginId: string, nowMs: number): ImpTokenCheck {
  const match = /^([A-Za-z0-9_-]{1,1024})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, payload, mac] = match as unknown as [string, string, string];
  const expected = sign(secret, payload);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  let body: { l?: unknown; h?: unknown; e?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof body.l !== 'string' || typeof body.h !== 'string' || typeof body.e !== 'number') return { ok: false, reason: 'malformed' };
  if (body.l !== loginId.toLowerCase()) return { ok: false, reason: 'wrong-user' };
  if (nowMs >= body.e) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { loginId: body.l, serverHost: body.h, expiresAtMs: body.e } };
}
