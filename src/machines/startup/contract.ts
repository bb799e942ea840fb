// The contract between the start-up machine (seed §1.1) and the outside world. Like the
// connection machine it does no I/O: it emits `effect.*` requests and learns results from events.
// Its connections are child connection machines (see ../connection/contract.ts) with the system
// ids 'oci', 'cap', 'cti', 'imp', 'xmpp'; drivers answer their effects by sending to those ids.
// The password never appears here: the machine only knows that the user typed credentials.
import type { ConnectionName, ConnectionNotification, ConnectionOutcome } from '../connection/contract.ts';
import type { BrandingConnectivity, Endpoint, TlsSetting } from '../protocol-selection/types.ts';

export type ClientType = 'Desktop' | 'Reception' | 'CallCenter' | 'Wallboard' | 'Dashboard';

export interface StartupInput {
  /** The server host the user typed: identifies the system provider and is the OCI host (seed §1.1). */
  serverHost: string;
  loginId: string;
  clientType: ClientType;
  clientVersion: string;
  /** Wallboard and Dashboard license by PC, not by user (seed §1.1); facts of this computer. */
  device?: { macAddress: string; computerName: string };
  /** An unanswered keepalive means a dead link after this long; default 30 s. */
  keepaliveTimeoutMs?: number;
  /** Default 15 s (seed §1). */
  reconnectDelayMs?: number;
  /**
   * This installation's own id (issue 10), from which the drivers make the identifiers the protocols
   * let several sessions of one user have (CTI channel set, XMPP resource). Data, never drawn here.
   */
  installationId?: string;
  /**
   * The Kakapo portal the client asks (its URL's host and port), for the advice when it cannot be
   * reached; default portal.unityclient.com:443 (seed §1).
   */
  portal?: { host: string; port: number };
}

/** The branding response (protocols/kakapo.md §2.1), the parts start-up uses. */
export interface Branding {
  level: 'User' | 'Group' | 'Reseller' | 'ServiceProvider' | 'SystemProvider';
  connectivity: BrandingConnectivity;
  /** Kakapo IM&P server; default im.unityclient.com:2208 (seed §1). */
  imp?: { host?: string; port?: number; tls?: TlsSetting };
  /** XSI base URL for ad hoc requests; default https://{ociHost} (kakapo.md §2.1). */
  xsiBaseUrl?: string;
  /** seed §4.1: keepalive every 300 s unless the portal says otherwise. */
  keepaliveSeconds?: number;
}

/** The user profile from BroadWorks after login (seed §1.1; protocols/oci-p.md §9). */
export interface UserProfile {
  userId: string;
  firstName: string;
  lastName: string;
  phoneNumber?: string;
  extension?: string;
  groupId: string;
  /** The service provider, or the enterprise when isEnterprise. */
  serviceProviderId: string;
  isEnterprise: boolean;
  /** The XMPP user ID (OCI `impId`), present when "Integrated IM&P" is assigned (seed §1.1). */
  xmppId?: string;
  /** Whether the Client Call Control service is assigned (seed §2.2: CAP needs it). */
  clientCallControl: boolean;
}

export type LicenseStatus = 'Licensed' | 'Trial' | 'Expired' | 'Unlicensed';

/** The license response (protocols/kakapo.md §2.2). */
export interface License {
  status: LicenseStatus;
  trialDaysLeft?: number;
  features: { imp: boolean; xmpp: boolean; callCenter: boolean; reception: boolean };
}

/** Why an HTTPS request to the portal failed. */
export interface PortalFailure {
  kind: 'refused' | 'timeout' | 'unreachable' | 'tls' | 'http' | 'bad-response';
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Effect requests (emitted by the start-up machine).

export type StartupEffect =
  /** Fetch branding (HTTPS, kakapo.md §2.1). Answer: BRANDING.LOADED, BRANDING.NOT_FOUND, BRANDING.FAILED. */
  | {
      type: 'effect.fetchBranding';
      by: 'loginId' | 'serverHost';
      loginId?: string; // only when by === 'loginId'
      serverHost: string;
      clientType: ClientType;
      clientVersion: string;
    }
  /** Over the logged-in OCI connection: the release and the user profile. Answer: PROFILE.LOADED or PROFILE.FAILED. */
  | { type: 'effect.fetchProfile'; connection: 'oci'; userId: string }
  /** License request (HTTPS, seed §1.1 lists the fields). Answer: LICENSE.LOADED or LICENSE.FAILED. */
  | ({ type: 'effect.requestLicense' } & LicenseRequest);

/** seed §1.1: the license request's fields; kakapo.md §2.2. */
export interface LicenseRequest {
  serverHost: string; // the FQDN of the OCI server Unity connected to
  loginId?: string; // or macAddress for Wallboard and Dashboard
  macAddress?: string;
  firstName?: string; // or computerName for Wallboard and Dashboard
  lastName?: string;
  computerName?: string;
  phoneNumber?: string; // not for Wallboard and Dashboard
  groupId: string;
  serviceProviderId?: string; // or enterpriseId
  enterpriseId?: string;
  clientType: ClientType;
  clientVersion: string;
}

// ---------------------------------------------------------------------------------------------
// Events the start-up machine accepts (sent to the root actor).

export type StartupEvent =
  | { type: 'BRANDING.LOADED'; branding: Branding }
  /** The portal knows neither this user (by loginId) nor, on the second ask, this server host. */
  | { type: 'BRANDING.NOT_FOUND'; message: string }
  | { type: 'BRANDING.FAILED'; failure: PortalFailure }
  | { type: 'PROFILE.LOADED'; release: string; profile: UserProfile }
  | { type: 'PROFILE.FAILED'; message: string }
  | { type: 'LICENSE.LOADED'; license: License }
  | { type: 'LICENSE.FAILED'; failure: PortalFailure }
  /** User: quit. Closes every connection; never reconnects. */
  | { type: 'CLOSE' }
  | ConnectionNotification;

// ---------------------------------------------------------------------------------------------
// How start-up ends: each final state is named, and carries a reason a person can act on.

export type StopCode =
  | 'portalUnreachable'
  | 'portalUnknownServer'
  | 'badCredentials'
  | 'ociUnreachable'
  | 'tlsOnlyServerOnPlainPort'
  | 'tlsHandshakeFailed'
  /** The server answered the login with "try again later" (a 5xx, an error that is no credential refusal). */
  | 'serverError'
  /** The server's reply could not be read: not well-formed, or no document of the protocol at all. */
  | 'garbledReply'
  /** The server's reply is over the client's size (or nesting) limit. */
  | 'replyTooLarge'
  /** The server's reply carries a DOCTYPE declaration, which the client refuses to read. */
  | 'doctypeReply'
  /** The server answered with a well-formed document of the wrong kind. */
  | 'unexpectedReply'
  | 'unsupportedRelease'
  | 'protocolPlanError'
  | 'profileUnavailable'
  | 'ctiUnreachable'
  | 'capServiceMissing'
  | 'licenseDenied'
  | 'closed';

export interface StartupStop {
  code: StopCode;
  /** What happened and what to change (firewall rule, portal setting, ...). */
  reason: string;
  connection?: ConnectionName;
  outcome?: ConnectionOutcome;
}

/** The start-up machine's output when it reaches a final state. */
export type StartupOutput = StartupStop;

/** What the start-up knows about each of its connections (for UIs and the connection log). */
export interface ConnectionStatus {
  state: 'connecting' | 'online' | 'reconnecting' | 'failed' | 'closed' | 'skipped';
  endpoint: Endpoint | null;
  outcome?: ConnectionOutcome;
  /** Why a connection is skipped (not licensed, no XMPP ID, ...). */
  note?: string;
}
