// CAP's server updates (cap.md §6–§7, §9) as domain events: a callUpdate is a call of the user's
// line, or of a monitored user when it carries monitoredUserId (BLF); a sessionUpdate says whether
// that line is off hook. CAP states by code (cap.md §6): 0 idle, 1 alerting, 2 active, 3 held by
// this user, 4 held by the remote party, 5 released. CAP carries no recording state: recording is
// an XSI task with CAP (seed §1.1).
import type { CapCall, CapCallUpdate, CapSessionUpdate } from '../../codecs/cap/types.ts';
import type { DomainEvent } from '../../machines/domain/contract.ts';
import type { CallDirection, CallFacts, CallState } from '../../machines/domain/domain-state.ts';
import type { Conceal } from './conceal.ts';

/** cap.md §6 state codes; 0 and 5 end the call. */
const STATES: Record<number, CallState | null> = { 0: null, 1: 'alerting', 2: 'active', 3: 'held', 4: 'remoteHeld', 5: null };
/** cap.md §12: personality codes are unverified; these are the lab's documented mapping. */
const DIRECTIONS: Record<number, CallDirection> = { 1: 'outgoing', 2: 'incoming', 3: 'clickToDial' };

/**
 * A CAP call as call facts; null when its state ends it, undefined when it names no state.
 *
 * @example
 * callFactsOfCap({ callId: 'c-41', state: 1, remoteNumber: '2005' }, conceal); // { callId: 'c-41', state: 'alerting', remote: { number: … } }
 */
export function callFactsOfCap(call: CapCall, conceal: Conceal): CallFacts | null | undefined {
  if (call.state === undefined) return undefined;
  const state = STATES[call.state];
  if (state === undefined) return undefined;
  if (state === null) return null;
  const number = call.remoteNumber;
  return {
    callId: call.callId,
    state,
    ...(call.personality !== undefined && DIRECTIONS[call.personality] !== undefined ? { direction: DIRECTIONS[call.personality] } : {}),
    remote: {
      ...(call.remoteName !== undefined ? { name: conceal(call.remoteName) } : {}),
      ...(number !== undefined ? { number: conceal(call.remoteCountryCode !== undefined ? `+${call.remoteCountryCode}${number}` : number) } : {}),
    },
  };
}

/**
 * The domain events of one CAP update (none for what the client does not show).
 *
 * @example
 * domainEventsOfCap({ type: 'sessionUpdate', offHook: true, numCalls: 1 }, conceal); // [{ type: 'HOOK.CHANGED', offHook: true }]
 */
export function domainEventsOfCap(update: CapCallUpdate | CapSessionUpdate, conceal: Conceal): DomainEvent[] {
  const line = update.monitoredUserId !== undefined ? { monitoredUser: update.monitoredUserId } : {};
  if (update.type === 'sessionUpdate') return [{ type: 'HOOK.CHANGED', offHook: update.offHook, ...line }];
  const facts = callFactsOfCap(update.call, conceal);
  if (facts === undefined) return [];
  return facts === null ? [{ type: 'CALL.RELEASED', callId: update.call.callId, ...line }] : [{ type: 'CALL.CHANGED', call: facts, ...line }];
}
