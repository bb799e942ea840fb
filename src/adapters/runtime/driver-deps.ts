// What a protocol driver may use beyond its own protocol: the credential store, what start-up has
// learned (read when the driver needs it), the OCI driver (CAP and the profile ride on it), the
// network controls, ids and random bytes. The client assembles one of these per session.
import type { UserProfile } from '../../machines/startup/contract.ts';
import type { IdSource } from '../oci/oci-link.ts';
import type { NetControls } from './connection-runner.ts';
import type { Credentials } from './credentials.ts';
import type { OciDriver } from './oci-driver.ts';

/**
 * What start-up learned that a driver reads at login. The profile is read from the start-up
 * machine's state (never copied); the IM&P token is the portal's license answer, kept out of the
 * machines, events and logs (DESIGN.md "Secrets never enter events").
 */
export interface StartupFacts {
  /** The BroadWorks user profile once start-up has read it over OCI, else null. */
  readonly profile: UserProfile | null;
  /** The license's impToken (kakapo.md §3.2), undefined when the portal gave none. */
  readonly impToken: string | undefined;
}

export interface DriverDeps {
  credentials: Credentials;
  facts: StartupFacts;
  oci: OciDriver;
  net: NetControls;
  ids: IdSource;
  /** Fresh random bytes (nonces); never logged. */
  randomBytes: (size: number) => Uint8Array;
}
