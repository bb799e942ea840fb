// When each connection entered the state it is in, read entry by entry from the log as it grows (a
// live session) or as it is replayed: the time of the drop a reconnecting or failed connection
// reports, and the start of the wait before its next attempt. Kept as it goes, so it holds one
// number per connection and needs no entry the in-memory log may have let go.
import type { ConnectionName } from '../machines/connection/contract.ts';
import type { LogEntry } from '../machines/log/log-entry.ts';

export interface ConnectionSince {
  /** Takes the next entry of the log, in order. */
  observe(entry: LogEntry): void;
  /** Clock time of the entry at which `name` entered its current top-level state, if seen. */
  since(name: ConnectionName): number | undefined;
}

const NAMES: readonly ConnectionName[] = ['oci', 'cap', 'cti', 'imp', 'xmpp'];

/** `stopped:online.quiet` → `online`: the lifecycle state, whether or not start-up still runs. */
function lifecycleOf(state: string): string {
  return state.replace(/^stopped:/, '').split('.')[0] ?? state;
}

/**
 * A tracker of when each connection entered its current state.
 *
 * @example
 * const since = connectionSince();
 * for (const entry of entries) since.observe(entry);
 * since.since('cti'); // the time CTI went reconnecting, say
 */
export function connectionSince(): ConnectionSince {
  const states = new Map<ConnectionName, { state: string; since: number }>();
  return {
    observe(entry) {
      for (const name of NAMES) {
        const logged = entry.states[name];
        if (logged === undefined) continue;
        const state = lifecycleOf(logged);
        if (states.get(name)?.state !== state) states.set(name, { state, since: entry.t });
      }
    },
    since: (name) => states.get(name)?.since,
  };
}
