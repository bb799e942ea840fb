import type { ConnectionName } from '../connection/contract.ts';
import type { Endpoint, ProtocolPlan } from '../protocol-selection/types.ts';
import type { Branding, ConnectionStatus, License, StartupInput, StartupStop, UserProfile } from './contract.ts';

export interface StartupContext {
  input: StartupInput;
  branding: Branding | null;
  /** Where OCI goes, known from the branding before the release (seed §4.1). */
  ociEndpoint: Endpoint | null;
  release: string | null;
  profile: UserProfile | null;
  plan: ProtocolPlan | null;
  license: License | null;
  connections: Partial<Record<ConnectionName, ConnectionStatus>>;
  /** Why start-up stopped; set on the way into a final state. */
  stop: StartupStop | null;
}

export function initialStartupContext(input: StartupInput): StartupContext {
  return {
    input,
    branding: null,
    ociEndpoint: null,
    release: null,
    profile: null,
    plan: null,
    license: null,
    connections: {},
    stop: null,
  };
}

/** seed §4.1: keepalive every 300 s unless the portal says otherwise. */
export const DEFAULT_KEEPALIVE_SECONDS = 300;
export const DEFAULT_KEEPALIVE_TIMEOUT_MS = 30_000;
