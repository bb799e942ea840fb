// What the log records after each event: every registered actor's state, and a digest of all
// snapshots (state value and context). Actors are named by system id, never by session id, which
// differs between a run and its replay.
import type { AnyActorRef } from 'xstate';
import { canonicalJson, digestOfCanonical } from './digest.ts';
import { stateString } from './state-string.ts';

interface MachineLikeSnapshot {
  status?: string;
  value?: unknown;
  context?: unknown;
  output?: unknown;
}

/**
 * An actor's snapshot as canonical JSON, computed once per snapshot object: snapshots are immutable,
 * and most events change one actor, so the digest of a long session (a large domain state, many
 * keepalives) costs what changed, not the whole system.
 */
const canonicalOf = new WeakMap<object, string>();

function snapshotJson(snapshot: MachineLikeSnapshot): string {
  const known = canonicalOf.get(snapshot);
  if (known !== undefined) return known;
  const json = canonicalJson({ status: snapshot.status, value: snapshot.value, context: snapshot.context, output: snapshot.output });
  canonicalOf.set(snapshot, json);
  return json;
}

export function systemStates(all: Record<string, AnyActorRef | undefined>): { states: Record<string, string>; digest: string } {
  const ids = Object.keys(all).sort();
  const states: Record<string, string> = {};
  const parts: string[] = [];
  for (const id of ids) {
    const snapshot = all[id]?.getSnapshot() as MachineLikeSnapshot | undefined;
    if (snapshot === undefined) continue;
    // An actor without states (the domain reducer's) is shown by its status alone.
    states[id] =
      snapshot.value === undefined
        ? (snapshot.status ?? 'active')
        : snapshot.status === 'active' || snapshot.status === undefined
          ? stateString(snapshot.value)
          : `${snapshot.status}:${stateString(snapshot.value)}`;
    parts.push(`${JSON.stringify(id)}:${snapshotJson(snapshot)}`);
  }
  // The same text canonicalJson gives for { [id]: { status, value, context, output } }.
  return { states, digest: digestOfCanonical(`{${parts.join(',')}}`) };
}
