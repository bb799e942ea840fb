// What the log records after each event: every registered actor's state, and a digest of all
// snapshots (state value and context). Actors are named by system id, never by session id, which
// differs between a run and its replay.
import type { AnyActorRef } from 'xstate';
import { digestOf } from './digest.ts';
import { stateString } from './state-string.ts';


interface MachineLikeSnapshot {
  status?: string;
  value?: unknown;
  context?: unknown;
  output?: unknown;
}

export function systemStates(all: Record<string, AnyActorRef | undefined>): { states: Record<string, string>; digest: string } {
  const ids = Object.keys(all).sort();
  const states: Record<string, string> = {};
  const material: Record<string, unknown> = {};
  for (const id of ids) {
    const snapshot = all[id]?.getSnapshot() as MachineLikeSnapshot | undefined;
    if (snapshot === undefined) continue;
    states[id] = snapshot.status === 'active' || snapshot.status === undefined
      ? stateString(snapshot.value)
      : `${snapshot.status}:${stateString(snapshot.value)}`;
    material[id] = { status: snapshot.status, value: snapshot.value, context: snapshot.context, output: snapshot.output };
  }
  return { states, digest: digestOf(material) };
}
