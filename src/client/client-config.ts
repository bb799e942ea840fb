// The configuration of createUnityClient. The password is not here: `password` is a provider the
// credential store calls when a driver logs in (DESIGN.md "Secrets never enter events").
import type { KeyRing } from '../codecs/kakapo/cipher.ts';
import type { Resolver } from '../effects/resolver.ts';
import type { TimeSource } from '../machines/clock/clock.ts';
import type { ClientType } from '../machines/startup/contract.ts';

export interface UnityClientConfig {
  /** The server host the user typed (the OCI FQDN; identifies the system provider, seed §1.1). */
  serverHost: string;
  loginId: string;
  /** Asked for the password at each login; never stored by the client. */
  password: () => Promise<string>;
  /** Kakapo portal base URL; default https://portal.unityclient.com (seed §1). */
  portalUrl?: string;
  clientType?: ClientType;
  clientVersion?: string;
  /** Wallboard/Dashboard: the PC's identity for the license (seed §1.1); default read from this computer. */
  device?: { macAddress: string; computerName: string };
  /** Extra trusted CA certificates (PEM), e.g. the lab CA. Verification is always on. */
  ca?: string[];
  /** FQDN → IP address, consulted before DNS (the lab's names). */
  hostMap?: Record<string, string>;
  /** `host:port` → port actually used, for simulators on ephemeral ports (the lab's XMPP server). */
  portMap?: Record<string, number>;
  /** Name resolution; default the host map, then the system resolver. */
  resolver?: Resolver;
  /** kakapo.md §1: the envelope key ring and the key that seals requests; default the development ring. */
  keyRing?: KeyRing;
  keyId?: string;
  /** Append the event log here as JSON Lines. */
  logFile?: string;
  /**
   * Where this installation keeps its small state (installation.json: its own id, so two desktops of
   * one user keep separate CTI channel sets and XMPP resources across restarts). Default: none, a
   * fresh id per client.
   */
  stateDirectory?: string;
  /**
   * Record IM texts and dialled and remote numbers in the event log as they are (a local log for
   * your own debugging). Default false: the log carries a keyed digest and the length instead, so
   * it can be handed to anyone; the live snapshot shows the texts either way.
   */
  recordContent?: boolean;
  /**
   * Busy lamps at reception scale: the BLF subscriptions (CTI) or monitoring requests (CAP) in
   * flight at most, a whole number from 1 to 1,000; default 100 (DEFAULT_MONITORING_WINDOW, chosen
   * by the reception benchmark). Monitoring begins once start-up is ready, so it never delays it.
   */
  monitoringWindow?: number;
  /** Log entries kept in memory beyond the first (default 500, DEFAULT_LOG_RETENTION); the log file keeps every entry. */
  logRetention?: number;
  /**
   * The session's one time source: the machines' timers and every effect and link timer run on it.
   * Default real time; tests pass a VirtualClock, which then drives the whole session.
   */
  clock?: TimeSource;
  /** Timeouts of the effects (on `clock`). */
  connectTimeoutMs?: number;
  tlsTimeoutMs?: number;
  /** seed §1: 15 s; the machines' default. */
  reconnectDelayMs?: number;
  keepaliveTimeoutMs?: number;
}

export const DEFAULT_PORTAL_URL = 'https://portal.unityclient.com';
export const DEFAULT_CLIENT_VERSION = '1.0.0';
