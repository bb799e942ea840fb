// What a UI renders: the start-up's phase and each connection's live state, host, port and TLS
// version, read from the recorded system's actors (the same state the log records).
import type { AnyActor } from 'xstate';
import type { ConnectionName } from '../machines/connection/contract.ts';
import { INITIAL_DOMAIN_STATE, type DomainState } from '../machines/domain/domain-state.ts';
import type { ConnectionContext } from '../machines/connection/connection-context.ts';
import { stateString } from '../machines/log/state-string.ts';
import type { StartupStop } from '../machines/startup/contract.ts';
import type { StartupContext } from '../machines/startup/startup-context.ts';

export interface ConnectionView {
  /** The connection machine's state (`online.quiet`, `reconnecting`, …), or the start-up's note (`skipped`). */
  state: string;
  /** The FQDN connected to. */
  host: string;
  port: number;
  /** Negotiated TLS version (`TLSv1.2`), null for plain. */
  tls: string | null;
  note?: string;
  /**
   * While reconnecting or failed: what ended the last attempt or the online link (issue 10: a
   * person reading a reconnecting connection sees why), e.g. `{ kind: 'peer-closed', message, at }`;
   * `at`: when, on the session's clock (ms), when the log shows it.
   */
  lastDrop?: { kind: string; message: string; at?: number };
  /** While reconnecting: when the next attempt starts, on the session's clock (ms). */
  nextAttemptAt?: number;
}

export interface ClientSnapshot {
  /** The log entry this snapshot follows (-1 before the session started). */
  seq: number;
  /** starting → ready, or stopped (a named stop, or closed by the user). */
  outcome: 'starting' | 'ready' | 'stopped';
  /** The start-up machine's state as text (`branding.byLoginId`, `cti`, `ready`, `ctiUnreachable`). */
  step: string;
  stop: StartupStop | null;
  release: string | null;
  callControl: 'CAP' | 'CTI' | null;
  connections: Partial<Record<ConnectionName, ConnectionView>>;
  /**
   * Calls, busy lamps, IM conversations, voicemail and call-center state (the domain actor's state,
   * issue 11). Live, concealed numbers and texts are shown (`{ text }`); a replay shows their digests.
   */
  domain: DomainState;
}

/** What readSnapshot needs beyond the root actor. */
export interface SnapshotSources {
  /** The states of the last log entry; after start-up stopped, the children's last states are read here. */
  loggedStates?: Record<string, string>;
  seq?: number;
  portOf?: (host: string, port: number) => number;
  /** Clock time at which `name` entered its current top-level state (from the log), if known. */
  since?: (name: ConnectionName) => number | undefined;
  /** The domain state to show (revealed live). */
  domain?: DomainState;
}

const NAMES: readonly ConnectionName[] = ['oci', 'cap', 'cti', 'imp', 'xmpp'];

/**
 * The snapshot of the session whose start-up actor is `root`.
 *
 * @example
 * const snapshot = readSnapshot(system.actor, { loggedStates: entry.states, seq: entry.seq });
 */
export function readSnapshot(root: AnyActor, sources: SnapshotSources = {}): ClientSnapshot {
  const loggedStates = sources.loggedStates ?? {};
  const portOf = sources.portOf ?? ((_h: string, p: number) => p);
  const sinceOf = sources.since ?? (() => undefined);
  const snapshot = root.getSnapshot() as { status: string; value: unknown; context: StartupContext; output?: StartupStop };
  const context = snapshot.context;
  const step = stateString(snapshot.value);
  const stopped = snapshot.status === 'done' || snapshot.status === 'stopped';
  const connections: ClientSnapshot['connections'] = {};
  for (const name of NAMES) {
    const status = context.connections[name];
    if (status === undefined) continue;
    if (status.state === 'skipped') continue; // never opened: not a connection of this session
    const child = root.system.get(name) as AnyActor | undefined;
    const childSnapshot = child?.getSnapshot() as { value: unknown; context: ConnectionContext } | undefined;
    const endpoint = childSnapshot?.context.endpoint ?? status.endpoint;
    if (endpoint === null) continue;
    const state = topLevel(childSnapshot ? stateString(childSnapshot.value) : (loggedStates[name]?.replace(/^stopped:/, '') ?? status.state));
    const outcome = childSnapshot?.context.lastOutcome ?? status.outcome ?? null;
    const since = sinceOf(name);
    const dropped = (state === 'reconnecting' || state === 'failed' || state === 'authFailed') && outcome !== null;
    connections[name] = {
      state,
      host: endpoint.host,
      port: portOf(endpoint.host, endpoint.port),
      tls: childSnapshot?.context.tlsVersion ?? null,
      ...(dropped ? { lastDrop: { kind: outcome.kind, message: outcome.message, ...(since !== undefined ? { at: since } : {}) } } : {}),
      ...(state === 'reconnecting' && since !== undefined && childSnapshot !== undefined ? { nextAttemptAt: since + childSnapshot.context.reconnectDelayMs } : {}),
    };
  }
  const plan = context.plan?.ok === true ? context.plan : null;
  return {
    seq: sources.seq ?? -1,
    outcome: stopped ? 'stopped' : step === 'ready' ? 'ready' : 'starting',
    step,
    stop: stopped ? (snapshot.output ?? context.stop) : null,
    release: context.release,
    callControl: plan?.callControl ?? null,
    connections,
    domain: sources.domain ?? INITIAL_DOMAIN_STATE,
  };
}

/** `online.quiet` → `online`: a UI shows the lifecycle state, not the keepalive sub-state. */
function topLevel(state: string): string {
  return state.split('.')[0] ?? state;
}
