// The lab's activity driver (issue 4: "so the demo shows life"): on a seeded schedule it rings
// users, answers, holds, hangs up, dials between users (BLF changes), feeds call-center queues,
// changes agent states and sends instant messages. Time comes from an injected scheduler.
import { createPrng, type Prng } from './prng.ts';
import type { LabTelephony } from './telephony.ts';
import { TelephonyError, type AgentState } from './types.ts';

export interface ActivityScheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface InstantMessage {
  from: string;
  to: string;
  body: string;
}

export interface ActivityOptions {
  telephony: LabTelephony;
  seed: string;
  /** Mean time between two steps (default 6 s); each wait is drawn in [0.5, 1.5] × mean. */
  meanIntervalMs?: number;
  scheduler?: ActivityScheduler;
  /** Where instant messages go (the lab wires the Kakapo IM&P server). */
  onInstantMessage?: (message: InstantMessage) => void;
  /** A failed scheduled step is reported here; the schedule goes on. */
  onError?: (error: unknown) => void;
}

export interface ActivityDriver {
  /** Runs one step now (tests, or a demo "more!" key). Returns what it did. */
  step(): string;
  readonly steps: number;
  stop(): void;
}

const CALLERS = [
  { number: '+442071234567', name: 'London Office' },
  { number: '+14155550123', name: 'Pat Customer' },
  { number: '+33142685300', name: 'Paris Partner' },
  { number: '+61290001111', name: 'Sydney Support' },
];
const MESSAGES = ['Can you take the next call?', 'Meeting moved to 3pm', 'Queue is busy, please sign in', 'Thanks!'];
const AGENT_STATES: AgentState[] = ['Available', 'Unavailable', 'Wrap-Up', 'Available'];

const pick = <T>(prng: Prng, items: readonly T[]): T | undefined => items[Math.floor(prng.next() * items.length)];

const realTimers: ActivityScheduler = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.(); // the demo's activity never keeps a process alive on its own
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * @example
 * const activity = startActivity({ telephony: lab.telephony, seed: 'demo' });
 * activity.step(); // 'incoming call +14155550123 → ann@lab.test'
 * activity.stop();
 */
export function startActivity(options: ActivityOptions): ActivityDriver {
  const t = options.telephony;
  const prng = createPrng(`activity:${options.seed}`);
  const scheduler = options.scheduler ?? realTimers;
  const mean = options.meanIntervalMs ?? 6_000;
  let steps = 0;
  let stopped = false;
  let pending: unknown;

  const actions: Record<string, () => string | null> = {
    incoming: () => {
      const user = pick(prng, t.users().filter((u) => t.callCount(u.userId) < 2));
      const caller = pick(prng, CALLERS);
      if (!user || !caller) return null;
      t.placeIncomingCall(user.userId, caller);
      return `incoming call ${caller.number} → ${user.userId}`;
    },
    answer: () => {
      const call = pick(prng, t.calls().filter((c) => c.state === 'Alerting' && c.personality === 'Terminator'));
      if (!call) return null;
      t.answer(call.userId, call.callId);
      return `${call.userId} answers ${call.callId}`;
    },
    remoteAnswer: () => {
      const call = pick(prng, t.calls().filter((c) => c.state === 'Alerting' && c.personality === 'Originator' && c.peerCallId === null));
      if (!call) return null;
      t.remoteAnswer(call.callId);
      return `far end answers ${call.callId}`;
    },
    hold: () => {
      const call = pick(prng, t.calls().filter((c) => c.state === 'Active' || c.state === 'Held'));
      if (!call) return null;
      if (call.state === 'Held') t.retrieve(call.userId, call.callId);
      else t.hold(call.userId, call.callId);
      return `${call.userId} ${call.state === 'Held' ? 'retrieves' : 'holds'} ${call.callId}`;
    },
    release: () => {
      const call = pick(prng, t.calls());
      if (!call) return null;
      t.release(call.userId, call.callId);
      return `${call.userId} hangs up ${call.callId}`;
    },
    internal: () => {
      const [a, b] = [pick(prng, t.users()), pick(prng, t.users())];
      if (!a || !b || a.userId === b.userId || t.callCount(a.userId) > 0) return null;
      t.dial(a.userId, b.extension);
      return `${a.userId} dials ${b.userId}`;
    },
    queue: () => {
      const center = pick(prng, t.callCenters());
      if (!center) return null;
      const waiting = t.queue(center.id);
      const agent = pick(prng, t.agentsOf(center.id).filter((u) => u.agentState === 'Available' && t.callCount(u.userId) === 0));
      if (waiting.length > 0 && agent) {
        t.distributeQueueEntry(center.id, waiting[0]!.entryId, agent.userId);
        return `${center.id} hands a caller to ${agent.userId}`;
      }
      if (waiting.length > 2) {
        t.removeQueueEntry(center.id, waiting[0]!.entryId, 'Abandoned');
        return `a caller abandons ${center.id}`;
      }
      const caller = pick(prng, CALLERS)!;
      t.addQueueEntry(center.id, caller);
      return `${caller.number} queues at ${center.id}`;
    },
    agent: () => {
      const user = pick(prng, t.users().filter((u) => u.callCenters.length > 0));
      const state = pick(prng, AGENT_STATES);
      if (!user || !state) return null;
      t.setAgentState(user.userId, state);
      return `${user.userId} is ${state}`;
    },
    message: () => {
      const [a, b] = [pick(prng, t.users()), pick(prng, t.users())];
      const body = pick(prng, MESSAGES);
      if (!options.onInstantMessage || !a || !b || !body || a.userId === b.userId) return null;
      options.onInstantMessage({ from: a.userId, to: b.userId, body });
      return `IM ${a.userId} → ${b.userId}`;
    },
  };
  const names = Object.keys(actions);

  const step = (): string => {
    steps += 1;
    // A few tries: the drawn action may not apply to the current state (no ringing call to answer).
    for (let attempt = 0; attempt < 4; attempt++) {
      const name = pick(prng, names)!;
      try {
        const did = actions[name]!();
        if (did !== null) return did;
      } catch (error) {
        if (!(error instanceof TelephonyError)) throw error;
      }
    }
    return 'idle';
  };

  const schedule = (): void => {
    if (stopped) return;
    const wait = Math.round(mean * (0.5 + prng.next()));
    pending = scheduler.setTimeout(() => {
      try {
        step();
      } catch (error) {
        options.onError?.(error); // a timer callback must never take the lab process down
      }
      schedule();
    }, wait);
  };
  schedule();

  return {
    step,
    get steps() {
      return steps;
    },
    stop() {
      stopped = true;
      if (pending !== undefined) scheduler.clearTimeout(pending);
    },
  };
}
