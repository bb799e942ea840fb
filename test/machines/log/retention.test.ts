// Bounded memory (issue 11 item 5): with retainEntries the recorded system keeps entry 0 (the start
// and its input) and the newest entries, numbered on without a gap, trimmed in chunks; a listener
// attached from the start (the log file) still sees every entry.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import { createRecordedSystem } from '../../../src/machines/log/recorded-system.ts';
import type { LogEntry } from '../../../src/machines/log/log-entry.ts';
import { startupMachine } from '../../../src/machines/startup/startup-machine.ts';

const input = { serverHost: 'ocs.example.test', loginId: 'ann@example.test', clientType: 'Desktop' as const, clientVersion: '1.0.0' };

describe('log retention', () => {
  it('keeps entry 0 and about the last N entries; every entry reaches a listener', () => {
    const system = createRecordedSystem({ machine: startupMachine, input, clock: new VirtualClock(0), systemId: 'startup', retainEntries: 100 });
    const seen: LogEntry[] = [];
    system.onEntry((e) => seen.push(e));
    system.start();
    for (let i = 0; i < 1_000; i++) system.dispatch('domain', { type: 'IM.DELIVERED', service: 'imp', id: `m${i}` }, 'network');
    expect(seen.map((e) => e.seq)).toEqual([...Array(1_001).keys()]);
    const kept = system.entries;
    expect(kept[0]!.seq).toBe(0);
    expect(kept[0]!.event.type).toBe('system.start');
    expect(kept.length).toBeGreaterThanOrEqual(101);
    expect(kept.length).toBeLessThanOrEqual(1 + 100 + 25);
    // The tail is the newest entries, in order, without a gap.
    const tail = kept.slice(1).map((e) => e.seq);
    expect(tail.at(-1)).toBe(1_000);
    expect(tail).toEqual(tail.map((_, i) => tail[0]! + i));
    expect(system.dropped).toBe(1_000 - tail.length);
  });

  it('keeps everything without a retention', () => {
    const system = createRecordedSystem({ machine: startupMachine, input, clock: new VirtualClock(0), systemId: 'startup' });
    system.start();
    for (let i = 0; i < 300; i++) system.dispatch('domain', { type: 'IM.DELIVERED', service: 'imp', id: `m${i}` }, 'network');
    expect(system.entries).toHaveLength(301);
    expect(system.dropped).toBe(0);
  });
});
