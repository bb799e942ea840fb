// Options and directory of the lab's BroadWorks OCI server (oci-p.md §12 "Lab checklist").
import type { LabTlsOptions } from '../net/tcp-server.ts';
import type { LabTelephony } from '../telephony/telephony.ts';

/** A user the OCS knows: profile fields (oci-p.md §9) and the password it checks. */
export interface OciDirectoryUser {
  loginId: string;
  password: string;
  firstName: string;
  lastName: string;
  extension: string;
  phoneNumber: string;
  serviceProviderId: string;
  groupId: string;
  isEnterprise: boolean;
  /** Integrated IM&P id; reported only when the user has the Integrated IM&P service. */
  impId?: string;
}

export interface OciServerOptions {
  /** FQDN the server answers as (default ocs.lab.test). */
  host?: string;
  /**
   * Value of SystemSoftwareVersionGetResponse/version in a real server's form, e.g. '22.0',
   * '21.sp1', '17.sp4', '24' or with the build, '21.sp1_1.551' (see releaseOf).
   */
  release: string;
  users: OciDirectoryUser[];
  /** The call model CAP reflects; user services (Client Call Control, Integrated IM&P) come from it. */
  telephony: LabTelephony;
  /** Listen in plain TCP (default true). A TLS-only server: `plain: false` with `tls`. */
  plain?: boolean;
  tls?: LabTlsOptions;
  /** oci-p.md §8: a user-level login may run SystemSoftwareVersionGetRequest (default true). */
  userMayReadRelease?: boolean;
  /** oci-p.md §5.2: accept cleartext logins only over TLS (default) or anywhere. */
  cleartextLogin?: 'tls-only' | 'anywhere';
  /** cap.md §10: answer serverStatusRequest (lab-defined) instead of staying silent (default false). */
  capServerStatusReply?: boolean;
  /**
   * oci-p.md §2: write a newline between the XML declaration and the root of every OCI answer
   * (both forms occur in real output; default false: declaration and root on one line).
   */
  declarationNewline?: boolean;
  /** How long the OCS waits before it closes a connection (see OciServerTimeouts). */
  timeouts?: OciServerTimeouts;
  /** Deterministic nonces and uids (default: random per start). */
  seed?: string;
  /** Called with internal errors of a connection (never includes passwords). */
  onError?: (error: unknown) => void;
}

/**
 * Connection timeouts of the lab OCS, in milliseconds (0 = never). No public source gives the
 * real OCS values (oci-p.md §10: "no idle timeout is documented"); the defaults are the lab's.
 */
export interface OciServerTimeouts {
  /** No bytes from the client for this long: a logged-in session is told LogoutRequest and closed. Default 30 min. */
  idleMs?: number;
  /** A document begun and not finished for this long: the connection is closed. Default 60 s. */
  unfinishedDocumentMs?: number;
  /** A TLS handshake not finished for this long: the socket is dropped. Default 10 s. */
  tlsHandshakeMs?: number;
}

export const DEFAULT_OCI_TIMEOUTS: Required<OciServerTimeouts> = { idleMs: 30 * 60_000, unfinishedDocumentMs: 60_000, tlsHandshakeMs: 10_000 };

/** Release number and service pack, as the OCS compares request versions with its own release. */
export interface LabRelease {
  readonly major: number;
  readonly sp: number;
}

/**
 * Reads a release string in the forms BroadWorks writes it: `17.sp4`, `20.sp1`, `21.sp1_1.551`,
 * `22.0`, `22.0_1.1123`, `24`, `Rel_21.sp1_1.551`, and the UserGet suffix form `21sp1`.
 *
 * @example
 *   releaseOf('21.sp1_1.551'); // { major: 21, sp: 1 }
 *   releaseOf('22.0');         // { major: 22, sp: 0 }
 */
export function releaseOf(release: string): LabRelease {
  const match = /^\s*(?:AS_)?(?:Rel_|R)?(\d+)(?:\.?sp(\d+))?/i.exec(release);
  if (!match) throw new Error(`unparseable release '${release}'`);
  return { major: Number(match[1]), sp: match[2] === undefined ? 0 : Number(match[2]) };
}

/**
 * The major number of a release string (see releaseOf).
 *
 * @example
 * releaseMajor('21.sp1'); // 21
 */
export function releaseMajor(release: string): number {
  return releaseOf(release).major;
}

/**
 * True when `release` is at least `major` with service pack `sp` (21.sp1 ≥ 21sp1 > 21.0).
 *
 * @example
 *   releaseAtLeast(releaseOf('21'), 21, 1); // false: R21.0 has no UserGetRequest21sp1
 */
export function releaseAtLeast(release: LabRelease, major: number, sp = 0): boolean {
  return release.major > major || (release.major === major && release.sp >= sp);
}
