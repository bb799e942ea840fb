// What the log records after each event: every registered actor's state, and a digest of all
// snapshots (state value and context). Actors are named by system id, never by session id, which
// differs between a run and its replay.
import type { AnyActorRef } from 'xstate';
import { digestOfCanonical, structuralDigest } from './digest.ts';
import { stateString } from './state-string.ts';

interface MachineLikeSnapshot {
  status?: string;
  value?: unknown;
  context?: unknown;
  output?: unknown;
}

/**
 * An actor's snapshot digest, computed once per snapshot object: snapshots are immutable, and most
 * events change one actor, so the digest of a long session (many keepalives) costs what changed, not
 * the whole system. Within a snapshot, the structural digest reuses the digests of every object the
 * event did not change (a domain state of 20,000 lamps changed in one lamp costs that lamp's path).
 */
const digestOfSnapshot = new WeakMap<object, string>();

function snapshotDigest(snapshot: MachineLikeSnapshot): string {
  const known = digestOfSnapshot.get(snapshot);
  if (known !== undefined) return known;
  const status = JSON.stringify(snapshot.status ?? null);
  const digest = digestOfCanonical(`{"context":${partOf(snapshot.context)},"output":${partOf(snapshot.output)},"status":${status},"value":${partOf(snapshot.value)}}`);
  digestOfSnapshot.set(snapshot, digest);
  return digest;
}

const partOf = (value: unknown): string => (value === undefined ? 'null' : `"${structuralDigest(value)}"`);

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
    parts.push(`${JSON.stringify(id)}:"${snapshotDigest(snapshot)}"`);
  }
  return { states, digest: digestOfCanonical(`{${parts.join(',')}}`) };
}
