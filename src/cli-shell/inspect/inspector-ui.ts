// --inspect (issue 6 "Inspector"): the session's actors streamed to a Stately inspector
// (@statelyai/inspect, XState v5's). A UI like any other: it reads the shell's events$ (the event
// log), so it works the same for a live session and a recorded log. Each actor is announced once
// with its machine definition, then every logged event and each changed state is sent.
import type { createInspector } from '@statelyai/inspect';
import type { AnyStateMachine } from 'xstate';
import { connectionMachine, type LogEntry, startupMachine, type SessionUi, type SessionView } from '../../client/index.ts';
import { ACTOR_MACHINES } from '../web/inspector-model.ts';
import { stateValueOf } from './state-value.ts';

const DEFINITIONS: Record<string, AnyStateMachine> = { startup: startupMachine, connection: connectionMachine };

/** What the bridge needs of an inspector: its manual reporting methods. */
export type InspectorSink = Pick<ReturnType<typeof createInspector>, 'actor' | 'event' | 'snapshot'>;

/** An actor reference as the inspector reads it: session id, definition (logic.config), parent. */
interface ActorRefShape {
  sessionId: string;
  id: string;
  logic?: { config: unknown };
  _parent?: ActorRefShape;
  send(): void;
  getSnapshot(): unknown;
}

export function inspectorUi(inspector: InspectorSink, rootId = 'startup'): SessionUi {
  return {
    attach(view: SessionView) {
      const refs = new Map<string, ActorRefShape>();
      const last = new Map<string, string>();
      const refOf = (systemId: string): ActorRefShape => {
        let ref = refs.get(systemId);
        if (ref === undefined) {
          const machine = DEFINITIONS[ACTOR_MACHINES[systemId] ?? ''];
          const parent = systemId === rootId ? undefined : refOf(rootId);
          ref = {
            sessionId: systemId,
            id: systemId,
            ...(machine ? { logic: { config: machine.config } } : {}),
            ...(parent ? { _parent: parent } : {}),
            send: () => undefined,
            getSnapshot: () => undefined,
          };
          refs.set(systemId, ref);
        }
        return ref;
      };
      const onEntry = (entry: LogEntry): void => {
        // Actors first seen in this entry are announced before the event that created them is shown.
        const order = [rootId, ...Object.keys(entry.states).filter((id) => id !== rootId)];
        for (const systemId of order) {
          const state = entry.states[systemId];
          if (state === undefined || refs.has(systemId)) continue;
          const ref = refOf(systemId);
          // Parent and root come from the reference's _parent chain (the package reads them from there).
          inspector.actor(ref, stateValueOf(state));
        }
        inspector.event(refOf(entry.target), entry.event);
        for (const systemId of order) {
          const state = entry.states[systemId];
          if (state === undefined || last.get(systemId) === state) continue;
          last.set(systemId, state);
          inspector.snapshot(refOf(systemId), stateValueOf(state), { event: entry.event });
        }
      };
      const subscription = view.events$.subscribe(onEntry);
      return () => subscription.unsubscribe();
    },
  };
}
