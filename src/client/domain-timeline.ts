// The domain state along a recorded log (issue 11 item 3: UIs work the same on a replay): each
// point is the state after an entry that changed it, folded with the same reducer the session's
// domain actor runs, over the entries sent to that actor while start-up was running (the system
// has no domain actor once start-up stopped).
import { DOMAIN_ACTOR_ID } from '../machines/domain/contract.ts';
import { INITIAL_DOMAIN_STATE, type DomainState } from '../machines/domain/domain-state.ts';
import { reduceDomain } from '../machines/domain/reduce-domain.ts';
import type { LogEntry } from '../machines/log/log-entry.ts';

export interface DomainPoint {
  /** The entry after which the domain state is `domain`. */
  readonly seq: number;
  readonly domain: DomainState;
}

/**
 * The domain state after each entry of `entries` that changed it, oldest first.
 *
 * @example
 * const points = domainTimeline(decodeLog(readFileSync('session.jsonl', 'utf8')));
 * const at = (seq: number) => [...points].reverse().find((p) => p.seq <= seq)?.domain ?? INITIAL_DOMAIN_STATE;
 */
export function domainTimeline(entries: readonly LogEntry[]): DomainPoint[] {
  const points: DomainPoint[] = [];
  let state: DomainState = INITIAL_DOMAIN_STATE;
  let running = true;
  for (const entry of entries) {
    if (running && entry.target === DOMAIN_ACTOR_ID) {
      const next = reduceDomain(state, entry.event);
      if (next !== state) points.push({ seq: entry.seq, domain: (state = next) });
    }
    const root = entry.states['startup'];
    if (root !== undefined && /^(done|stopped|error):/.test(root)) running = false;
  }
  return points;
}
