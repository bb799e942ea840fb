// What the page needs to draw the session: one chart per machine definition, and which machine each
// actor of the log runs (system id → chart name). The start-up machine is the root; every child it
// invokes is a connection machine named by its connection (seed §1.1: oci, cap, cti, imp, xmpp).
import { connectionMachine, startupMachine } from '../../client/index.ts';
import { chartOf, type Chart } from './chart-model.ts';

export interface InspectorModel {
  mode: 'live' | 'replay';
  /** A title for the page: the scenario or the log file. */
  title: string;
  charts: Chart[];
  /** System id → chart name, in display order. */
  actors: Record<string, string>;
}

export const ACTOR_MACHINES: Readonly<Record<string, string>> = {
  startup: 'startup',
  oci: 'connection',
  cap: 'connection',
  cti: 'connection',
  imp: 'connection',
  xmpp: 'connection',
};

export function inspectorModel(mode: InspectorModel['mode'], title: string): InspectorModel {
  return {
    mode,
    title,
    charts: [chartOf('startup', startupMachine), chartOf('connection', connectionMachine)],
    actors: { ...ACTOR_MACHINES },
  };
}
