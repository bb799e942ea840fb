import { describe, it, expect } from 'vitest';
import { LabTelephony, startActivity, type ActivityScheduler, type InstantMessage, type TelephonyEvent } from '../../src/lab/telephony/index.ts';
import { getScenario } from '../../src/lab/scenarios/index.ts';

/** A virtual scheduler: timers run only when the test fires them. */
function manualScheduler(): ActivityScheduler & { fireNext(): number | undefined; pending: number } {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  return {
    setTimeout(fn, ms) {
      timers.set(next, { fn, ms });
      return next++;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    fireNext() {
      const first = timers.entries().next();
      if (first.done) return undefined;
      const [id, timer] = first.value;
      timers.delete(id);
      timer.fn();
      return timer.ms;
    },
    get pending() {
      return timers.size;
    },
  };
}

function world(seed: string) {
  const scenario = getScenario('r22-cti');
  let clock = 0;
  const telephony = new LabTelephony({
    seed,
    now: () => (clock += 1000),
    users: scenario.users.map((u) => ({ userId: u.loginId, firstName: u.firstName, lastName: u.lastName, extension: u.extension, phoneNumber: u.phoneNumber, services: u.services, ...(u.callCenters ? { callCenters: u.callCenters } : {}) })),
    callCenters: scenario.callCenters,
  });
  const events: TelephonyEvent[] = [];
  telephony.on((e) => events.push(e));
  const messages: InstantMessage[] = [];
  const scheduler = manualScheduler();
  const driver = startActivity({ telephony, seed, scheduler, meanIntervalMs: 1000, onInstantMessage: (m) => messages.push(m) });
  return { telephony, events, messages, scheduler, driver };
}

describe('lab activity driver', () => {
  it('on its schedule rings, answers, queues, changes agents and sends IMs', () => {
    const w = world('demo');
    const waits: number[] = [];
    for (let k = 0; k < 300; k++) waits.push(w.scheduler.fireNext()!);
    expect(w.driver.steps).toBe(300);
    for (const ms of waits) expect(ms).toBeGreaterThanOrEqual(500), expect(ms).toBeLessThanOrEqual(1500);
    const kinds = new Set(w.events.map((e) => e.type));
    for (const kind of ['call-added', 'call-updated', 'call-released', 'queue-entry-added', 'agent-state-changed'] as const) expect(kinds).toContain(kind);
    expect(w.events.some((e) => e.type === 'call-updated' && e.call.state === 'Active')).toBe(true);
    expect(w.messages.length).toBeGreaterThan(0);
    expect(w.messages.every((m) => m.from !== m.to)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = world('same');
    const b = world('same');
    for (let k = 0; k < 100; k++) {
      a.scheduler.fireNext();
      b.scheduler.fireNext();
    }
    expect(a.events).toEqual(b.events);
    expect(a.messages).toEqual(b.messages);
  });

  it('stop cancels the schedule', () => {
    const w = world('stop');
    w.scheduler.fireNext();
    w.driver.stop();
    expect(w.scheduler.pending).toBe(0);
    expect(w.scheduler.fireNext()).toBeUndefined();
  });
});
