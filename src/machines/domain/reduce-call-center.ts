// Call-center state (seed §4.1): the user's agent state (XSI AgentStateEvent / AgentSubscriptionEvent,
// or XSI-Actions CallCenter) and each queue's counters (CallCenterMonitoringEvent, the ACD events'
// entries, or the XSI statistics refresh).
import type { Draft } from 'immer';
import type { DomainEvent } from './contract.ts';
import { DOMAIN_LIMITS, type DomainState, type QueueStats } from './domain-state.ts';

type CallCenterEvent = Extract<DomainEvent, { type: 'AGENT.STATE' | 'QUEUE.STATS' | 'QUEUE.LISTED' | 'QUEUE.ENTRY_ADDED' | 'QUEUE.ENTRY_REMOVED' }>;

function queue(draft: Draft<DomainState>, callCenterId: string): Draft<QueueStats> {
  const queues = draft.callCenter.queues;
  const existing = queues[callCenterId];
  if (existing !== undefined) return existing;
  queues[callCenterId] = { callCenterId, waiting: null };
  const keys = Object.keys(queues);
  for (let i = 0; i < keys.length - DOMAIN_LIMITS.queues; i++) delete queues[keys[i]!];
  return queues[callCenterId]!;
}

/**
 * Applies an agent or queue event to the draft.
 *
 * @example
 * produce(state, (draft) => reduceCallCenter(draft, { type: 'AGENT.STATE', state: 'Available' }));
 */
export function reduceCallCenter(draft: Draft<DomainState>, event: CallCenterEvent): void {
  switch (event.type) {
    case 'AGENT.STATE':
      draft.callCenter.agent = {
        state: event.state,
        ...(event.since !== undefined ? { since: event.since } : {}),
        ...(event.unavailableCode !== undefined ? { unavailableCode: event.unavailableCode } : {}),
      };
      return;
    case 'QUEUE.STATS': {
      const { type: _type, callCenterId, ...counters } = event;
      const q = queue(draft, callCenterId);
      for (const [key, value] of Object.entries(counters)) if (value !== undefined) (q as Record<string, unknown>)[key] = value;
      return;
    }
    case 'QUEUE.LISTED': {
      const q = queue(draft, event.callCenterId);
      q.entries = [...new Set(event.entries)].slice(-DOMAIN_LIMITS.queueEntries);
      q.waiting = q.entries.length;
      return;
    }
    case 'QUEUE.ENTRY_ADDED': {
      const q = queue(draft, event.callCenterId);
      const entries = q.entries ?? [];
      if (!entries.includes(event.entryId)) entries.push(event.entryId);
      if (entries.length > DOMAIN_LIMITS.queueEntries) entries.splice(0, entries.length - DOMAIN_LIMITS.queueEntries);
      q.entries = entries;
      q.waiting = entries.length;
      return;
    }
    case 'QUEUE.ENTRY_REMOVED': {
      const q = queue(draft, event.callCenterId);
      const entries = (q.entries ?? []).filter((id) => id !== event.entryId);
      q.entries = entries;
      q.waiting = entries.length;
      return;
    }
  }
}
