// The start-up as a task list, one task per step of seed §1.1 (branding, OCI login, release and
// profile, CTI or CAP, license, IM&P, XMPP), derived from the event log: each entry carries the
// start-up's state after it and the time it was processed, so a task starts at the entry that
// enters its step and ends at the entry that leaves it. Pure: the same log gives the same tasks.
import type { ConnectionName, LogEntry, StartupStop, StopCode, ClientSnapshot } from '../../client/index.ts';

export type TaskId = 'branding' | 'oci' | 'profile' | 'callControl' | 'license' | 'imp' | 'xmpp';
export type TaskStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface StartupTask {
  id: TaskId;
  label: string;
  status: TaskStatus;
  /** Log time (ms) of the entry that started it; null while pending or when skipped. */
  startedAt: number | null;
  endedAt: number | null;
  /** On failure: what happened and what to change (the start-up's stop reason, seed §5). */
  reason: string | null;
}

const ORDER: readonly TaskId[] = ['branding', 'oci', 'profile', 'callControl', 'license', 'imp', 'xmpp'];

const LABELS: Record<TaskId, string> = {
  branding: 'Branding',
  oci: 'OCI login',
  profile: 'Release & profile',
  callControl: 'CTI or CAP',
  license: 'License',
  imp: 'Kakapo IM&P',
  xmpp: 'XMPP',
};

// Which step a named stop belongs to when it names no connection (machines/startup/*-stop.ts).
const STOP_TASK: Partial<Record<StopCode, TaskId>> = {
  portalUnreachable: 'branding',
  portalUnknownServer: 'branding',
  profileUnavailable: 'profile',
  unsupportedRelease: 'callControl',
  protocolPlanError: 'callControl',
  capServiceMissing: 'callControl',
  ctiUnreachable: 'callControl',
  licenseDenied: 'license',
};

const CONNECTION_TASK: Record<ConnectionName, TaskId> = { oci: 'oci', cap: 'callControl', cti: 'callControl', imp: 'imp', xmpp: 'xmpp' };

/** The start-up state (`branding.byLoginId`, `cti`, `messaging.(imp.connecting,xmpp.skipped)`, `done:ctiUnreachable`) → its step. */
function stepOf(state: string): TaskId | 'messaging' | 'ready' | 'stopped' | null {
  const top = state.split(/[.:(]/)[0];
  switch (top) {
    case 'branding':
    case 'oci':
    case 'profile':
    case 'license':
      return top;
    case 'callControl': // transient: chooses CTI or CAP (seed §3)
      return 'profile';
    case 'cti':
    case 'cap':
      return 'callControl';
    case 'messaging':
    case 'ready':
      return top;
    case 'done':
    case 'stopping':
      return 'stopped';
    default:
      return null;
  }
}

function taskForStop(stop: StartupStop | null): TaskId | null {
  if (stop === null) return null;
  if (stop.connection !== undefined) return CONNECTION_TASK[stop.connection];
  return STOP_TASK[stop.code] ?? null;
}

/** Why a connection did not come online, from the last failure its driver reported. */
function failureMessage(entry: LogEntry): string | null {
  const e = entry.event as { type: string; failure?: { message?: string }; message?: string; reason?: string };
  switch (e.type) {
    case 'TRANSPORT.FAILED':
    case 'TRANSPORT.DROPPED':
    case 'TLS.FAILED':
      return e.failure?.message ?? e.type;
    case 'AUTH.FAILED':
      return e.message ?? e.type;
    case 'SESSION.ENDED':
      return e.reason ?? e.type;
    default:
      return null;
  }
}

export function tasksFromSession(entries: readonly LogEntry[], snapshot: ClientSnapshot | null = null): StartupTask[] {
  const tasks = new Map<TaskId, StartupTask>(
    ORDER.map((id) => [id, { id, label: LABELS[id], status: 'pending', startedAt: null, endedAt: null, reason: null }]),
  );
  const task = (id: TaskId): StartupTask => tasks.get(id)!;
  const begin = (id: TaskId, t: number): void => {
    const k = task(id);
    if (k.status === 'pending') Object.assign(k, { status: 'running', startedAt: t });
  };
  const end = (id: TaskId, t: number, status: 'done' | 'failed', reason: string | null = null): void => {
    const k = task(id);
    if (k.status === 'pending' || k.status === 'running') Object.assign(k, { status, startedAt: k.startedAt ?? t, endedAt: t, reason });
  };
  const lastFailure = new Map<string, string>();

  for (const entry of entries) {
    const failure = failureMessage(entry);
    if (failure !== null) lastFailure.set(entry.target, failure);
    const state = entry.states['startup'];
    if (state === undefined) continue;
    const step = stepOf(state);
    if (step === null) continue;
    if (state.startsWith('cap')) task('callControl').label = 'CAP';
    if (state.startsWith('cti')) task('callControl').label = 'CTI';

    if (step === 'stopped') {
      const stop = snapshot?.stop ?? null;
      const code = state.split(':')[1] ?? stop?.code ?? 'closed';
      const reason = stop?.reason ?? `Start-up stopped (${code}).`;
      const failed = taskForStop(stop !== null && stop.code === code ? stop : { code: code as StopCode, reason });
      for (const id of ORDER) {
        if (task(id).status !== 'running' && id !== failed) continue;
        // The step that stopped start-up fails; a step still running before it had succeeded.
        if (failed !== null && id !== failed) end(id, entry.t, ORDER.indexOf(id) < ORDER.indexOf(failed) ? 'done' : 'failed', reason);
        else end(id, entry.t, 'failed', reason);
      }
      break;
    }

    const index = step === 'messaging' ? ORDER.indexOf('imp') : step === 'ready' ? ORDER.length : ORDER.indexOf(step);
    for (const id of ORDER.slice(0, Math.min(index, ORDER.indexOf('imp')))) {
      begin(id, entry.t);
      end(id, entry.t, 'done');
    }
    if (step !== 'messaging' && step !== 'ready') begin(step, entry.t);
    if (step === 'messaging' || step === 'ready') {
      for (const name of ['imp', 'xmpp'] as const) {
        const sub = step === 'ready' ? 'settled' : (new RegExp(`${name}\\.(\\w+)`).exec(state)?.[1] ?? 'decide');
        const k = task(name);
        if (sub === 'skipped') {
          if (k.status === 'pending') k.status = 'skipped';
        } else if (sub === 'connecting') {
          begin(name, entry.t);
        } else if (sub === 'settled' && k.status === 'running') {
          // seed §1: a messaging connection that is not online keeps retrying; start-up goes on.
          const online = (entry.states[name] ?? '').startsWith('online');
          end(name, entry.t, online ? 'done' : 'failed', online ? null : (lastFailure.get(name) ?? 'not online'));
        }
      }
    }
    if (step === 'ready') {
      for (const k of tasks.values()) if (k.status === 'pending') k.status = 'skipped';
    }
  }
  if (snapshot?.callControl) task('callControl').label = snapshot.callControl;
  return [...tasks.values()];
}
