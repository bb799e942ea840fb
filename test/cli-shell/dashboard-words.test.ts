// The rest of the dashboard's words (issue 13 item 2), without a browser: a stop split into what
// happened and what to change, the start-up in one line without its machine's state names, and the
// calls, lamps and messages of the domain state in words.
import { fc, test } from '@fast-check/vitest';
import type { AnyStateNode } from 'xstate';
import { describe, expect, it } from 'vitest';
import { callStateInWords, deliveryInWords, lampInWords, recordingInWords } from '../../src/cli-shell/web/page/domain-words.ts';
import { splitReason, stopInWords } from '../../src/cli-shell/web/page/stop-words.ts';
import { startupInWords } from '../../src/cli-shell/web/page/startup-words.ts';
import { machines } from '../../src/machines/index.ts';
import { STOP_CODES } from '../../src/machines/startup/startup-machine.ts';
import type { StopCode } from '../../src/machines/startup/contract.ts';

const CTI_REASON =
  'The server at cti.lab.test:34009 refused the connection: nothing accepts connections on that port. Start-up stops because BroadWorks is configured for CTI. ' +
  'Allow outbound TCP port 34009 to cti.lab.test on the customer firewall, and check the CTI server host and "CTI Port" in the Kakapo portal: when the host is blank Unity uses the OCI host, which usually fails.';

function paths(node: AnyStateNode, prefix: string[] = []): string[] {
  return Object.entries(node.states as Record<string, AnyStateNode>).flatMap(([key, child]) => [[...prefix, key].join('.'), ...paths(child, [...prefix, key])]);
}

describe('stop words', () => {
  it('a stop: its title, where, what happened and what to change', () => {
    expect(stopInWords({ seq: 5, code: 'ctiUnreachable', reason: CTI_REASON, connection: 'cti' })).toEqual({
      title: 'Start-up stopped: the CTI server cannot be reached',
      where: 'stop code ctiUnreachable · the CTI connection · at entry #5',
      happened: 'The server at cti.lab.test:34009 refused the connection: nothing accepts connections on that port. Start-up stops because BroadWorks is configured for CTI.',
      advice: expect.stringMatching(/^Allow outbound TCP port 34009 to cti\.lab\.test on the customer firewall, and check the CTI server host and "CTI Port" in the Kakapo portal/),
    });
    expect(stopInWords({ seq: 2, code: 'licenseDenied', reason: 'the license is expired' })).toMatchObject({ where: 'stop code licenseDenied · at entry #2', happened: 'The license is expired', advice: null });
    expect(stopInWords({ seq: 7, code: 'ctiUnreachable', reason: null })).toMatchObject({ happened: null, advice: null });
    expect(stopInWords({ seq: 9, code: 'closed', reason: 'closed by the user' })).toBeNull();
  });

  it('host names and figures do not end the first sentence', () => {
    expect(splitReason('The server at ocs.example.test:2208 did not answer within 2.5 s. Check the firewall.')).toEqual({
      happened: 'The server at ocs.example.test:2208 did not answer within 2.5 s.',
      advice: 'Check the firewall.',
    });
  });

  test.prop([fc.array(fc.constantFrom('The', 'server', 'at', 'cti.lab.test:8011', 'refused.', 'Allow', 'Start-up', 'stops.', '"CTI Port"', 'port', '2.5', 's.', 'Check'), { minLength: 1, maxLength: 30 })])(
    'what happened and what to change together are the whole reason',
    (words) => {
      const reason = words.join(' ');
      const { happened, advice } = splitReason(reason);
      const whole = reason.charAt(0).toUpperCase() + reason.slice(1);
      expect([happened, advice].filter((p) => p !== null).join(' ')).toBe(whole);
      expect(happened.length).toBeGreaterThan(0);
    },
  );
});

describe('start-up words', () => {
  const base = { stop: null, callControl: null, release: null } as const;
  it('says what the start-up does, that it is ready, or that it stopped', () => {
    expect(startupInWords(null)).toBe('not started yet');
    expect(startupInWords({ ...base, outcome: 'starting', step: 'branding.byLoginId' })).toBe('starting: reading the branding from the Kakapo portal');
    expect(startupInWords({ ...base, outcome: 'starting', step: 'messaging', release: '22.0' })).toBe('starting: connecting instant messaging · BroadWorks release 22.0');
    expect(startupInWords({ ...base, outcome: 'ready', step: 'ready', callControl: 'CTI', release: '24' })).toBe('ready · call control over CTI · BroadWorks release 24');
    expect(startupInWords({ ...base, outcome: 'stopped', step: 'ctiUnreachable', stop: { code: 'ctiUnreachable', reason: 'x' } })).toBe('stopped: the CTI server cannot be reached');
    expect(startupInWords({ ...base, outcome: 'stopped', step: 'closed', stop: { code: 'closed', reason: 'x' } })).toBe('closed by you');
  });

  it('never shows a state name of the start-up machine', () => {
    const names = paths(machines.startup.root).filter((s) => s.includes('.') || /[a-z][A-Z]/.test(s));
    const codes = STOP_CODES as readonly StopCode[];
    for (const step of paths(machines.startup.root)) {
      const stopped = (codes as readonly string[]).includes(step);
      const shown = startupInWords({ ...base, outcome: stopped ? 'stopped' : step === 'ready' ? 'ready' : 'starting', step, stop: stopped ? { code: step as StopCode, reason: 'r' } : null });
      expect(shown, step).not.toMatch(/\w\.\w/);
      for (const name of names) expect(shown).not.toContain(name);
    }
  });
});

describe('domain words', () => {
  it('calls, recording, lamps with their monitoring, and delivery in words', () => {
    expect(callStateInWords({ state: 'alerting', direction: 'incoming' })).toBe('ringing');
    expect(callStateInWords({ state: 'alerting', direction: 'outgoing' })).toBe('ringing at the other end');
    expect(callStateInWords({ state: 'active' })).toBe('connected');
    expect(callStateInWords({ state: 'held' })).toBe('on hold');
    expect(callStateInWords({ state: 'remoteHeld' })).toBe('held by the other party');
    expect(recordingInWords('on')).toBe('recording');
    expect(recordingInWords('off')).toBe('not recording');
    expect(lampInWords({ state: 'busy' }, 0)).toBe('on a call');
    expect(lampInWords({ state: 'idle', subscription: { state: 'subscribed' } }, 0)).toBe('free');
    expect(lampInWords({ state: 'unknown', subscription: { state: 'retrying', cause: 'server-error', reason: 'the server answered 503', attempt: 2, retryAt: 30_000 } }, 20_000)).toBe(
      'not known yet · monitoring again in 10 s: the server answered 503',
    );
    expect(lampInWords({ state: 'unknown', subscription: { state: 'retrying', cause: 'x', reason: 'r', attempt: 2, retryAt: 30_000 } }, 40_000)).toBe('not known yet · monitoring again now: r');
    expect(deliveryInWords({ delivery: 'queued' })).toBe('sending');
    expect(deliveryInWords({ delivery: 'delivered' })).toBe('delivered');
    expect(deliveryInWords({ delivery: 'failed', reason: 'no IM service' })).toBe('not sent: no IM service');
  });
});
