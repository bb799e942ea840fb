// The terminal's activity block: the domain state's calls, lamps, messages, voicemail and agent
// state as counts in words, one line each, only for what the session has; no number, name or
// message text on screen; and the block in the ready screen, above the connections.
import { describe, expect, it } from 'vitest';
import type { ClientSnapshot } from '../../src/client/client-snapshot.ts';
import { renderActivity } from '../../src/cli-shell/terminal/render-activity.ts';
import { NO_STYLE } from '../../src/cli-shell/terminal/style.ts';
import { terminalScreen } from '../../src/cli-shell/terminal/terminal-screen.ts';
import { INITIAL_DOMAIN_STATE, type DomainCall, type DomainState, type Lamp } from '../../src/machines/domain/domain-state.ts';

const call = (callId: string, state: DomainCall['state']): DomainCall => ({
  callId,
  state,
  direction: 'incoming',
  remote: { name: { text: 'Secret Caller' }, number: { text: '+15550001234' } },
  recording: 'off',
  actions: [],
});
const lamp = (userId: string, state: Lamp['state'], subscription: Lamp['subscription']): Lamp => ({ userId, state, calls: {}, ...(subscription ? { subscription } : {}) });

const busy: DomainState = {
  ...INITIAL_DOMAIN_STATE,
  calls: { a: call('a', 'alerting'), b: call('b', 'held'), c: call('c', 'alerting') },
  monitoring: { users: ['u1', 'u2', 'u3', 'u4', 'u5'], note: null },
  lamps: {
    u1: lamp('u1', 'busy', { state: 'subscribed' }),
    u2: lamp('u2', 'idle', { state: 'subscribed' }),
    u3: lamp('u3', 'idle', { state: 'subscribed' }),
    u4: lamp('u4', 'unknown', { state: 'subscribing', attempt: 1 }),
    u5: lamp('u5', 'unknown', { state: 'retrying', cause: 'refused', reason: 'the server answered 403', attempt: 2, retryAt: 5_000 }),
  },
  conversations: {
    'imp:bob@lab.test': {
      service: 'imp',
      peer: 'bob@lab.test',
      lastAt: 3,
      messages: [
        { id: 'm1', direction: 'in', body: { text: 'the launch code is 0000' }, at: 1, delivery: 'received' },
        { id: 'm2', direction: 'out', body: { text: 'thanks' }, at: 2, delivery: 'delivered' },
        { id: 'm3', direction: 'out', body: { text: 'one more' }, at: 3, delivery: 'queued' },
      ],
    },
  },
  voicemail: { summary: { newMessages: 2, oldMessages: 5, newUrgentMessages: 1, oldUrgentMessages: 0 }, messages: null },
  callCenter: { agent: { state: 'Available' }, queues: {} },
};

describe('terminal activity', () => {
  it('says each part in counted words, in a fixed order, leaving out zeros', () => {
    expect(renderActivity(busy, { width: 79, style: NO_STYLE })).toEqual([
      'Activity',
      '  Calls: 2 ringing, 1 on hold',
      '  Lamps (5): 1 on a call, 2 free, 2 not known yet, 1 being set up, 1 to',
      '    monitor again',
      '  Messages: 3 messages in 1 conversation, 1 sending',
      '  Voicemail: 2 new (1 urgent), 5 old',
      '  Agent: Available',
    ]);
  });

  it('says the counts in the same order whatever order the calls and lamps came in', () => {
    const reversed: DomainState = {
      ...busy,
      calls: Object.fromEntries(Object.entries(busy.calls).reverse()),
      lamps: Object.fromEntries(Object.entries(busy.lamps).reverse()),
    };
    expect(renderActivity(reversed, { width: 200, style: NO_STYLE })).toEqual(renderActivity(busy, { width: 200, style: NO_STYLE }));
  });

  it('shows only the calls line for a session with nothing else, and the reason when there is no BLF list', () => {
    expect(renderActivity(INITIAL_DOMAIN_STATE, { width: 79, style: NO_STYLE })).toEqual(['Activity', '  Calls: none']);
    const noList = { ...INITIAL_DOMAIN_STATE, monitoring: { users: [], note: 'Busy Lamp Field is not assigned to this user' } };
    expect(renderActivity(noList, { width: 79, style: NO_STYLE })).toEqual(['Activity', '  Calls: none', '  Lamps: Busy Lamp Field is not assigned to this user']);
  });

  it('never shows a number, a name or a message text, and wraps within the width without losing a count', () => {
    const lines = renderActivity(busy, { width: 40, style: NO_STYLE });
    const screen = lines.join('\n');
    expect(screen.replace(/\s+/g, ' ')).toContain('1 being set up, 1 to monitor again');
    expect(screen).not.toContain('…');
    for (const secret of ['Secret Caller', '+15550001234', 'launch code', 'thanks', 'bob@lab.test']) expect(screen).not.toContain(secret);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(40);
  });

  it('counts 20,000 lamps with thousands separators', () => {
    const lamps: Record<string, Lamp> = {};
    for (let i = 0; i < 20_000; i++) lamps[`u${i}`] = lamp(`u${i}`, i < 1_500 ? 'busy' : 'idle', { state: 'subscribed' });
    expect(renderActivity({ ...INITIAL_DOMAIN_STATE, lamps }, { width: 79, style: NO_STYLE })[2]).toBe('  Lamps (20,000): 1,500 on a call, 18,500 free');
  });

  it('comes in the ready screen, and not before ready', () => {
    const snapshot = { outcome: 'ready', release: '22.0', callControl: 'cti', connections: {}, domain: busy } as unknown as ClientSnapshot;
    const ready = terminalScreen({ snapshot, entries: [], keys: [], note: null }, { now: 0, width: 79, style: NO_STYLE });
    expect(ready).toContain('Activity');
    expect(ready).toContain('  Calls: 2 ringing, 1 on hold');
    const starting = terminalScreen({ snapshot: { ...snapshot, outcome: 'starting' } as ClientSnapshot, entries: [], keys: [], note: null }, { now: 0, width: 79, style: NO_STYLE });
    expect(starting).not.toContain('Activity');
  });
});
