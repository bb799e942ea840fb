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
  /** Value of SystemSoftwareVersionGetResponse/version, e.g. '22.0', '21sp1', '17sp4'. */
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
  /** Deterministic nonces and uids (default: random per start). */
  seed?: string;
  /** Called with internal errors of a connection (never includes passwords). */
  onError?: (error: unknown) => void;
}

/** The major number of a release string (`17sp4`, `20.sp1`, `R24`, `24.0.944.ip1`). */
export function releaseMajor(release: string): number {
  const match = /^\s*R?(\d+)/i.exec(release);
  if (!match) throw new Error(`unparseable release '${release}'`);
  return Number(match[1]);
}
