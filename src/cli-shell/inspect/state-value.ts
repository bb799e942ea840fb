// A log state string back to an XState state value, for the Stately inspector:
// `messaging.(imp.connecting,xmpp.skipped)` → { messaging: { imp: 'connecting', xmpp: 'skipped' } }.
import { activeStates } from '../web/active-states.ts';

export type StateValue = string | { [key: string]: StateValue };

interface Tree {
  [key: string]: Tree;
}

export type ActorStatus = 'active' | 'done' | 'error' | 'stopped';

export function stateValueOf(text: string): { status: ActorStatus; value: StateValue } {
  const { status: word, paths } = activeStates(text);
  const status: ActorStatus = word === 'done' || word === 'error' || word === 'stopped' ? word : 'active';
  const root: Tree = {};
  for (const path of paths) {
    let node = root;
    for (const key of path.split('.')) node = node[key] ??= {};
  }
  return { status, value: valueOf(root) };
}

/** A node whose only child is a leaf is that leaf's key (`{ online: 'quiet' }`); else an object. */
function valueOf(node: Tree): StateValue {
  const keys = Object.keys(node);
  if (keys.length === 1 && Object.keys(node[keys[0]!]!).length === 0) return keys[0]!;
  const out: Record<string, StateValue> = {};
  for (const key of keys) out[key] = valueOf(node[key]!);
  return out;
}
