// The start-up task list (seed §1.1's steps) derived from the event log, and drawn as lines.
import { INITIAL_DOMAIN_STATE } from '../../src/machines/domain/domain-state.ts';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/machines/log/log-entry.ts';
import type { ClientSnapshot } from '../../src/client/client-snapshot.ts';
import { tasksFromSession, type StartupTask } from '../../src/cli-shell/terminal/startup-tasks.ts';
import { renderTasks, SPINNER } from '../../src/cli-shell/terminal/render-tasks.ts';
import { NO_STYLE } from '../../src/cli-shell/terminal/style.ts';

let seq = 0;
function entry(t: number, target: string, event: Record<string, unknown> & { type: string }, states: Record<string, string>): LogEntry {
  return { v: 1, seq: seq++, t, source: 'network', target, event, states, digest: '' };
}

/** The log of an r22-cti start-up as the client records it (states after each event). */
function readyLog(): LogEntry[] {
  seq = 0;
  return [
    entry(1000, 'startup', { type: 'system.start' }, { startup: 'branding.byLoginId' }),
    entry(1140, 'startup', { type: 'BRANDING.LOADED' }, { startup: 'oci', oci: 'connecting' }),
    entry(1150, 'oci', { type: 'TRANSPORT.CONNECTED' }, { startup: 'oci', oci: 'authenticating' }),
    entry(1166, 'oci', { type: 'AUTH.OK' }, { startup: 'profile', oci: 'online.quiet' }),
    entry(1187, 'startup', { type: 'PROFILE.LOADED' }, { startup: 'cti', oci: 'online.quiet', cti: 'connecting' }),
    entry(1220, 'cti', { type: 'AUTH.OK' }, { startup: 'license', oci: 'online.quiet', cti: 'online.quiet' }),
    entry(1233, 'startup', { type: 'LICENSE.LOADED' }, { startup: 'messaging.(imp.connecting,xmpp.skipped)', imp: 'connecting' }),
    entry(1257, 'imp', { type: 'AUTH.OK' }, { startup: 'ready', imp: 'online.quiet' }),
  ];
}

const summary = (tasks: StartupTask[]) => tasks.map((t) => `${t.label}:${t.status}:${t.startedAt === null ? '-' : t.endedAt === null ? 'open' : t.endedAt - t.startedAt}`);

const snapshot = (over: Partial<ClientSnapshot>): ClientSnapshot => ({ seq: -1, outcome: 'starting', step: '', stop: null, release: null, callControl: null, connections: {}, domain: INITIAL_DOMAIN_STATE, ...over });

describe('tasksFromSession', () => {
  it('gives one task per step of seed §1.1, each timed from the entry that entered it to the one that left it', () => {
    expect(summary(tasksFromSession(readyLog()))).toEqual([
      'Branding:done:140',
      'OCI login:done:26',
      'Release & profile:done:21',
      'CTI:done:33',
      'License:done:13',
      'Kakapo IM&P:done:24',
      'XMPP:skipped:-',
    ]);
  });

  it('runs the current step and leaves later steps pending while starting', () => {
    const tasks = tasksFromSession(readyLog().slice(0, 5));
    expect(summary(tasks)).toEqual([
      'Branding:done:140',
      'OCI login:done:26',
      'Release & profile:done:21',
      'CTI:running:open',
      'License:pending:-',
      'Kakapo IM&P:pending:-',
      'XMPP:pending:-',
    ]);
  });

  it('names CAP when start-up chose CAP', () => {
    const log = readyLog().slice(0, 4);
    log.push(entry(1190, 'startup', { type: 'PROFILE.LOADED' }, { startup: 'cap', oci: 'online.quiet', cap: 'connecting' }));
    expect(tasksFromSession(log)[3]).toMatchObject({ label: 'CAP', status: 'running', startedAt: 1190 });
  });

  it('fails the step that stopped start-up with the stop’s reason, and leaves the rest pending', () => {
    const reason = 'the BroadWorks CTI server at cti.lab.test:8011 refused the connection; allow outbound TCP port 8011 (seed §5.1).';
    const log = readyLog().slice(0, 5);
    log.push(entry(1199, 'cti', { type: 'TRANSPORT.FAILED', failure: { kind: 'refused', message: 'refused' } }, { startup: 'done:ctiUnreachable', oci: 'stopped:closed', cti: 'stopped:failed' }));
    const tasks = tasksFromSession(log, snapshot({ outcome: 'stopped', step: 'ctiUnreachable', stop: { code: 'ctiUnreachable', reason, connection: 'cti' } }));
    expect(summary(tasks)).toEqual([
      'Branding:done:140',
      'OCI login:done:26',
      'Release & profile:done:21',
      'CTI:failed:12',
      'License:pending:-',
      'Kakapo IM&P:pending:-',
      'XMPP:pending:-',
    ]);
    expect(tasks[3]!.reason).toBe(reason);
  });

  it('fails the CTI or CAP step when the release has no usable protocol, though the profile loaded', () => {
    const log = readyLog().slice(0, 4);
    log.push(entry(1200, 'startup', { type: 'PROFILE.LOADED' }, { startup: 'done:unsupportedRelease' }));
    const tasks = tasksFromSession(log, snapshot({ outcome: 'stopped', stop: { code: 'unsupportedRelease', reason: 'R13 is not supported.' } }));
    expect(tasks.map((t) => t.status)).toEqual(['done', 'done', 'done', 'failed', 'pending', 'pending', 'pending']);
    expect(tasks[3]).toMatchObject({ reason: 'R13 is not supported.', startedAt: 1200, endedAt: 1200 });
  });

  it('marks a messaging connection that did not come online as failed with its driver’s message, and start-up goes on', () => {
    const log = readyLog().slice(0, 7);
    log.push(entry(1300, 'imp', { type: 'TRANSPORT.FAILED', failure: { kind: 'refused', message: 'im.lab.test:2208 refused the connection' } }, { startup: 'ready', imp: 'failed' }));
    const tasks = tasksFromSession(log);
    expect(tasks[5]).toMatchObject({ status: 'failed', reason: 'im.lab.test:2208 refused the connection', startedAt: 1233, endedAt: 1300 });
  });

  it('fails the running step when the user closes during start-up', () => {
    const log = readyLog().slice(0, 2);
    log.push(entry(1150, 'startup', { type: 'CLOSE' }, { startup: 'done:closed', oci: 'stopped:closed' }));
    const tasks = tasksFromSession(log, snapshot({ outcome: 'stopped', stop: { code: 'closed', reason: 'Closed by the user.' } }));
    expect(tasks.slice(0, 3).map((t) => [t.status, t.reason])).toEqual([['done', null], ['failed', 'Closed by the user.'], ['pending', null]]);
  });

  it('is all pending before the first event', () => {
    expect(tasksFromSession([]).every((t) => t.status === 'pending')).toBe(true);
  });
});

describe('renderTasks', () => {
  it('draws a spinner frame from the clock on the running step, ✓ with durations before it', () => {
    const tasks = tasksFromSession(readyLog().slice(0, 5));
    const at = (now: number) => renderTasks(tasks, { now, width: 80, style: NO_STYLE });
    expect(at(1200)).toEqual([
      '  ✓ Branding           140 ms',
      '  ✓ OCI login          26 ms',
      '  ✓ Release & profile  21 ms',
      `  ${SPINNER[2]} CTI                13 ms`,
      '  · License',
      '  · Kakapo IM&P',
      '  · XMPP',
    ]);
    expect(at(3387)[3]).toBe(`  ${SPINNER[3]} CTI                2.2 s`);
  });

  it('draws ✗ with the duration and the reason wrapped under it to the screen width', () => {
    const reason = 'the BroadWorks CTI server at cti.lab.test:8011 refused the connection; allow outbound TCP port 8011 to cti.lab.test on the customer firewall (seed §5.1).';
    const log = readyLog().slice(0, 5);
    log.push(entry(1199, 'cti', { type: 'TRANSPORT.FAILED' }, { startup: 'done:ctiUnreachable' }));
    const lines = renderTasks(tasksFromSession(log, snapshot({ outcome: 'stopped', stop: { code: 'ctiUnreachable', reason, connection: 'cti' } })), { now: 5000, width: 50, style: NO_STYLE });
    expect(lines.slice(3, 8)).toEqual([
      '  ✗ CTI                12 ms',
      '      the BroadWorks CTI server at',
      '      cti.lab.test:8011 refused the connection;',
      '      allow outbound TCP port 8011 to cti.lab.test',
      '      on the customer firewall (seed §5.1).',
    ]);
    expect(lines.every((l) => [...l].length <= 50)).toBe(true);
  });
});
