// THE domain reducer (DESIGN.md "pure reducers (immer) for the domain state"): the next domain
// state from the previous one and one logged event, with no I/O, clock or randomness. The same
// function runs live (the domain actor), in a replay and in any UI that folds a recorded log, so
// all of them see the same state. An event it does not know, or one that is malformed (a log is
// input like any other), leaves the state as it was: the very same object.
import { produce } from 'immer';
import { DOMAIN_BATCH_LIMIT, type DomainBatch, type DomainEvent } from './contract.ts';
import { isWellFormedDomainEvent } from './event-shape.ts';
import { INITIAL_DOMAIN_STATE, type DomainState } from './domain-state.ts';
import { reduceCallCenter } from './reduce-call-center.ts';
import { reduceCalls } from './reduce-calls.ts';
import { reduceCommands } from './reduce-commands.ts';
import { reduceMessages } from './reduce-messages.ts';
import { reduceVoicemail } from './reduce-voicemail.ts';

/** Any logged event: the reducer reads the domain events among them and ignores the rest. */
export interface AnyEvent {
  readonly type: string;
  readonly [key: string]: unknown;
}

function apply(draft: Parameters<typeof reduceCalls>[0], event: DomainEvent): void {
  switch (event.type) {
    case 'CALLS.LISTED':
    case 'CALL.CHANGED':
    case 'CALL.RELEASED':
    case 'HOOK.CHANGED':
    case 'LAMPS.MONITORED':
    case 'LAMPS.STATUS':
      return reduceCalls(draft, event);
    case 'IM.RECEIVED':
    case 'IM.DELIVERED':
    case 'IM.REJECTED':
      return reduceMessages(draft, event);
    case 'VOICEMAIL.SUMMARY':
    case 'VOICEMAIL.LISTED':
      return reduceVoicemail(draft, event);
    case 'AGENT.STATE':
    case 'QUEUE.STATS':
    case 'QUEUE.LISTED':
    case 'QUEUE.ENTRY_ADDED':
    case 'QUEUE.ENTRY_REMOVED':
      return reduceCallCenter(draft, event);
    case 'USER.COMMAND':
      reduceCommands(draft, event);
      return reduceMessages(draft, event);
    case 'COMMAND.RESULT':
      reduceCommands(draft, event);
      reduceMessages(draft, event);
      return reduceVoicemail(draft, event);
  }
}

/** A batch: its well-formed events applied in order in one draft (the others skipped, as alone). */
function reduceBatch(state: DomainState, events: unknown): DomainState {
  if (!Array.isArray(events) || events.length > DOMAIN_BATCH_LIMIT) return state;
  const wellFormed = events.filter((e): e is DomainEvent => typeof e === 'object' && e !== null && typeof (e as { type?: unknown }).type === 'string' && isWellFormedDomainEvent(e as { type: string }));
  if (wellFormed.length === 0) return state;
  try {
    return produce(state, (draft) => {
      for (const e of wellFormed) apply(draft, e);
    });
  } catch {
    return state;
  }
}

/**
 * The domain state after `event`.
 *
 * @example
 * let state = INITIAL_DOMAIN_STATE;
 * state = reduceDomain(state, { type: 'CALL.CHANGED', call: { callId: 'c1', state: 'alerting', direction: 'incoming', remote: {} } });
 * state.calls['c1']?.actions; // ['answer', 'release']
 */
export function reduceDomain(state: DomainState, event: DomainEvent | DomainBatch | AnyEvent): DomainState {
  if (event.type === 'DOMAIN.BATCH') return reduceBatch(state, (event as { events?: unknown }).events);
  if (!isWellFormedDomainEvent(event)) return state;
  try {
    return produce(state, (draft) => apply(draft, event));
  } catch {
    // A malformed event (a hand-edited or foreign log): immer leaves the base untouched.
    return state;
  }
}

/**
 * The domain state after every event of `events`, in order (a recorded log's entries fit).
 *
 * @example
 * const state = foldDomain(log.filter((e) => e.target === 'domain').map((e) => e.event));
 */
export function foldDomain(events: Iterable<DomainEvent | AnyEvent>, initial: DomainState = INITIAL_DOMAIN_STATE): DomainState {
  let state = initial;
  for (const event of events) state = reduceDomain(state, event);
  return state;
}
