// What the page needs to draw the session: one picture per machine definition, which machine each
// actor of the log runs (system id → chart name), and for a recorded log where and why its start-up
// stopped. The start-up machine is the root; every child it invokes is a connection machine named by
// its connection (seed §1.1: oci, cap, cti, imp, xmpp).
import type { LogEntry } from '../../client/index.ts';
import { chartPictures, type ChartPicture } from './chart-pictures.ts';
import { stopOfLog, type StopView } from './log-stop.ts';

export interface InspectorModel {
  mode: 'live' | 'replay';
  /** A title for the page: the scenario or the log file. */
  title: string;
  charts: ChartPicture[];
  /** System id → chart name, in display order. */
  actors: Record<string, string>;
  /** Replay: the stop of the recorded start-up (null when it did not stop); live: null (the snapshot has it). */
  stop: StopView | null;
}

export const ACTOR_MACHINES: Readonly<Record<string, string>> = {
  startup: 'startup',
  oci: 'connection',
  cap: 'connection',
  cti: 'connection',
  imp: 'connection',
  xmpp: 'connection',
};

/**
 * @example
 * const model = await inspectorModel('replay', 'session.jsonl', entries); // model.stop?.reason
 */
export async function inspectorModel(mode: InspectorModel['mode'], title: string, entries: readonly LogEntry[] = []): Promise<InspectorModel> {
  return {
    mode,
    title,
    charts: await chartPictures(),
    actors: { ...ACTOR_MACHINES },
    stop: mode === 'replay' ? stopOfLog(entries) : null,
  };
}
