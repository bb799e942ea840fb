// The calls of the user's line and the busy lamps of monitored users (cti-xsi.md §3.4–§3.5: call
// events per subscription target; cap.md §6–§9: callUpdate/sessionUpdate, tagged with the monitored
// user). A listing replaces the line's calls (no stale call survives a reconnect); a change merges
// into the call it names; a release removes it.
import { isDraft, original, type Draft } from 'immer';
import { callActions } from './call-actions.ts';
import type { DomainEvent } from './contract.ts';
import { DOMAIN_LIMITS, type CallFacts, type DomainCall, type DomainState, type Lamp, type LampState, type LampSubscription, type RemoteParty } from './domain-state.ts';

type CallEvent = Extract<DomainEvent, { type: 'CALLS.LISTED' | 'CALL.CHANGED' | 'CALL.RELEASED' | 'HOOK.CHANGED' | 'LAMPS.MONITORED' | 'LAMPS.STATUS' }>;

const hasParty = (remote: RemoteParty | undefined): boolean =>
  remote !== undefined && (remote.name !== undefined || remote.number !== undefined || remote.userId !== undefined || remote.privacy === true);

/** A later update keeps what it does not say (a CAP callUpdate may omit the remote number). */
function merged(previous: CallFacts | undefined, next: CallFacts): CallFacts {
  if (previous === undefined) return next;
  const remote = hasParty(next.remote) ? next.remote : previous.remote;
  const out: Record<string, unknown> = { ...previous };
  for (const [key, value] of Object.entries(next)) if (value !== undefined) out[key] = value;
  out['remote'] = remote;
  return out as unknown as CallFacts;
}

function ownCall(facts: CallFacts): DomainCall {
  const recording = facts.recording ?? 'off';
  return { ...facts, recording, actions: callActions({ ...facts, recording }) };
}

/** seed §1.1 BLF: ringing when a call rings at the monitored user, busy while any call is up. */
function lampOf(calls: Readonly<Record<string, CallFacts>>): LampState {
  const list = Object.values(calls);
  if (list.length === 0) return 'idle';
  return list.some((c) => c.state === 'alerting' && c.direction !== 'outgoing') ? 'ringing' : 'busy';
}

/** Keeps at most `limit` keys, dropping the oldest inserted first. */
function trimKeys(record: Record<string, unknown>, limit: number): void {
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length - limit; i++) delete record[keys[i]!];
}

function lampFor(draft: Draft<DomainState>, userId: string): Draft<Lamp> {
  const existing = draft.lamps[userId];
  if (existing !== undefined) return existing;
  draft.lamps[userId] = { userId, state: 'unknown', calls: {} };
  // Only a lamp beyond the list (news of a user not listed) can pass the bound: counted then only.
  if (!listedUsers(draft).has(userId)) trimKeys(draft.lamps, DOMAIN_LIMITS.monitoredUsers);
  return draft.lamps[userId]!;
}

/** The BLF list as a set, built once per list (state arrays are never changed in place). */
const listSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function listedUsers(draft: Draft<DomainState>): ReadonlySet<string> {
  const monitoring = draft.monitoring;
  if (monitoring === null) return EMPTY;
  const users = (isDraft(monitoring) ? original(monitoring)!.users : monitoring.users) as readonly string[];
  let set = listSets.get(users);
  if (set === undefined) listSets.set(users, (set = new Set(users)));
  return set;
}
const EMPTY: ReadonlySet<string> = new Set();

function listed(calls: readonly CallFacts[]): Record<string, CallFacts> {
  const out: Record<string, CallFacts> = {};
  for (const call of calls.slice(-DOMAIN_LIMITS.callsPerLine)) out[call.callId] = call;
  return out;
}

/** The BLF list: one lamp per listed user, none for anyone else. */
function monitor(draft: Draft<DomainState>, listed: readonly string[], note: string | null): void {
  const users = [...new Set(listed)].slice(0, DOMAIN_LIMITS.monitoredUsers);
  const set = new Set(users);
  listSets.set(users, set);
  draft.monitoring = { users, note };
  for (const id of Object.keys(draft.lamps)) if (!set.has(id)) delete draft.lamps[id];
  for (const id of users) if (draft.lamps[id] === undefined) draft.lamps[id] = { userId: id, state: 'unknown', calls: {} };
}

/**
 * Applies a call, hook or BLF event to the draft.
 *
 * @example
 * produce(state, (draft) => reduceCalls(draft, { type: 'CALL.RELEASED', callId: 'c1' }));
 */
export function reduceCalls(draft: Draft<DomainState>, event: CallEvent): void {
  const user = event.type === 'LAMPS.MONITORED' || event.type === 'LAMPS.STATUS' ? undefined : event.monitoredUser;
  switch (event.type) {
    case 'CALLS.LISTED': {
      const calls = listed(event.calls);
      if (user === undefined) {
        draft.calls = Object.fromEntries(Object.entries(calls).map(([id, c]) => [id, ownCall(c)])) as Draft<DomainState['calls']>;
        if (event.offHook !== undefined) draft.offHook = event.offHook;
        return;
      }
      const lamp = lampFor(draft, user);
      lamp.calls = calls as Draft<Lamp['calls']>;
      lamp.state = lampOf(calls);
      return;
    }
    case 'CALL.CHANGED': {
      const id = event.call.callId;
      if (user === undefined) {
        draft.calls[id] = ownCall(merged(draft.calls[id] as CallFacts | undefined, event.call)) as Draft<DomainCall>;
        trimKeys(draft.calls, DOMAIN_LIMITS.callsPerLine);
        return;
      }
      const lamp = lampFor(draft, user);
      lamp.calls[id] = merged(lamp.calls[id] as CallFacts | undefined, event.call) as Draft<CallFacts>;
      trimKeys(lamp.calls, DOMAIN_LIMITS.callsPerLine);
      lamp.state = lampOf(lamp.calls as Record<string, CallFacts>);
      return;
    }
    case 'CALL.RELEASED': {
      if (user === undefined) {
        delete draft.calls[event.callId];
        return;
      }
      const lamp = lampFor(draft, user);
      delete lamp.calls[event.callId];
      lamp.state = lampOf(lamp.calls as Record<string, CallFacts>);
      return;
    }
    case 'HOOK.CHANGED': {
      if (user === undefined) {
        draft.offHook = event.offHook;
        return;
      }
      // CAP's sessionUpdate for a monitored user: a lamp with no call known is busy off hook, else idle.
      const lamp = lampFor(draft, user);
      if (Object.keys(lamp.calls).length === 0) lamp.state = event.offHook ? 'busy' : 'idle';
      return;
    }
    case 'LAMPS.MONITORED':
      return monitor(draft, event.users, event.note);
    case 'LAMPS.STATUS': {
      if (event.list !== undefined) monitor(draft, event.list.users, event.list.note);
      const onList = listedUsers(draft);
      for (const { userId, draw: _draw, ...subscription } of event.lamps) {
        // A user no longer on the list keeps no lamp (a late status of one changes nothing).
        if (draft.monitoring !== null && !onList.has(userId)) continue;
        lampFor(draft, userId).subscription = subscription as Draft<LampSubscription>;
      }
      return;
    }
  }
}
