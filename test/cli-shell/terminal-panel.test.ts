// The status panel once ready (state, host:port, TLS, last keepalive, reconnect countdown from the
// log time of the drop, seed §1's 15 s) and the live terminal UI redrawing it in place on a tick.
import { INITIAL_DOMAIN_STATE } from '../../src/machines/domain/domain-state.ts';
import { BehaviorSubject, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/machines/log/log-entry.ts';
import type { ClientSnapshot, ConnectionView } from '../../src/client/client-snapshot.ts';
import { attachUi } from '../../src/client/attach/attach-ui.ts';
import { connectionRowsFromSession } from '../../src/cli-shell/terminal/connection-rows.ts';
import { createLiveScreen } from '../../src/cli-shell/terminal/live-screen.ts';
import { renderPanel } from '../../src/cli-shell/terminal/render-panel.ts';
import { NO_STYLE } from '../../src/cli-shell/terminal/style.ts';
import { createTerminalUi } from '../../src/cli-shell/terminal/terminal-ui.ts';
import type { UiClock } from '../../src/cli-shell/terminal/ui-clock.ts';

let seq = 0;
function entry(t: number, target: string, event: Record<string, unknown> & { type: string }, states: Record<string, string>, source: LogEntry['source'] = 'network'): LogEntry {
  return { v: 1, seq: seq++, t, source, target, event, states, digest: '' };
}

const OCI: ConnectionView = { state: 'online', host: 'ocs.lab.test', port: 2208, tls: 'TLSv1.2' };
const CTI: ConnectionView = { state: 'online', host: 'cti.lab.test', port: 8011, tls: null };
const ready = (cti: Partial<ConnectionView> = {}): ClientSnapshot => ({
  seq: 10,
  domain: INITIAL_DOMAIN_STATE,
  outcome: 'ready',
  step: 'ready',
  stop: null,
  release: '22.0',
  callControl: 'CTI',
  connections: { oci: OCI, cti: { ...CTI, ...cti } },
});

function readyThenDrop(): LogEntry[] {
  seq = 0;
  return [
    entry(10_000, 'startup', { type: 'system.start' }, { startup: 'branding.byLoginId' }),
    entry(10_100, 'cti', { type: 'AUTH.OK' }, { startup: 'ready', oci: 'online.quiet', cti: 'online.quiet' }),
    entry(40_000, 'oci', { type: 'KEEPALIVE.ACK', seq: 1 }, { startup: 'ready', oci: 'online.quiet', cti: 'online.quiet' }),
    entry(50_000, 'cti', { type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'the CTI server closed the connection' } }, { startup: 'ready', oci: 'online.quiet', cti: 'reconnecting' }),
  ];
}

const panelAt = (snapshot: ClientSnapshot, entries: LogEntry[], now: number, width = 100) =>
  renderPanel(connectionRowsFromSession(snapshot, entries), { now, width, style: NO_STYLE });

describe('status panel', () => {
  it('shows each connection’s state, host:port, TLS version or plain, and the last keepalive', () => {
    const log = readyThenDrop().slice(0, 3);
    expect(panelAt(ready(), log, 45_000)).toEqual([
      '  ● OCI online ocs.lab.test:2208 TLSv1.2 keepalive 5.0 s ago',
      '  ● CTI online cti.lab.test:8011 plain   keepalive —',
    ]);
  });

  it('counts down the seconds left of the 15 s from the time of the drop, and says why it dropped', () => {
    const snapshot = ready({ state: 'reconnecting' });
    const log = readyThenDrop();
    const cti = (now: number) => panelAt(snapshot, log, now).slice(1);
    expect(cti(50_000)).toEqual([
      '  ◌ CTI reconnecting in 15 s cti.lab.test:8011 plain',
      '      the CTI server closed the connection',
    ]);
    expect(cti(53_200)[0]).toMatch(/CTI reconnecting in 12 s /);
    expect(cti(64_001)[0]).toMatch(/CTI reconnecting in 1 s /);
    expect(cti(65_000)[0]).toMatch(/CTI reconnecting now /);
  });

  it('takes the next attempt time and the drop reason from the snapshot when it has them', () => {
    const snapshot = ready({ state: 'reconnecting', nextAttemptAt: 60_000, lastDrop: { kind: 'peer-closed', message: 'closed by the CTI server (snapshot)' } });
    expect(panelAt(snapshot, readyThenDrop(), 53_200).slice(1)).toEqual([
      '  ◌ CTI reconnecting in 7 s cti.lab.test:8011 plain',
      '      closed by the CTI server (snapshot)',
    ]);
  });

  it('restarts the countdown when a retry fails, and drops it once online again', () => {
    const log = readyThenDrop();
    log.push(entry(65_000, 'cti', { type: 'reconnect' }, { startup: 'ready', oci: 'online.quiet', cti: 'connecting' }, 'timer'));
    log.push(entry(65_010, 'cti', { type: 'TRANSPORT.FAILED', failure: { kind: 'refused', message: 'refused' } }, { startup: 'ready', oci: 'online.quiet', cti: 'reconnecting' }));
    expect(panelAt(ready({ state: 'reconnecting' }), log, 67_000)[1]).toMatch(/reconnecting in 14 s /); // 13.01 s left
    expect(panelAt(ready({ state: 'reconnecting' }), log, 66_000)[2]).toBe('      refused');
    log.push(entry(80_020, 'cti', { type: 'AUTH.OK' }, { startup: 'ready', oci: 'online.quiet', cti: 'online.quiet' }));
    expect(panelAt(ready(), log, 81_000).slice(1)).toEqual(['  ● CTI online cti.lab.test:8011 plain   keepalive —']);
  });

  it('aligns the columns over every row', () => {
    const withImp: ClientSnapshot = { ...ready({ state: 'reconnecting' }), connections: { ...ready().connections, cti: { ...CTI, state: 'reconnecting' }, imp: { state: 'online', host: 'im.lab.test', port: 2208, tls: null } } };
    expect(panelAt(withImp, readyThenDrop(), 51_000, 119).filter((l) => !l.startsWith('      '))).toEqual([
      '  ● OCI         online               ocs.lab.test:2208 TLSv1.2 keepalive 11 s ago',
      '  ◌ CTI         reconnecting in 14 s cti.lab.test:8011 plain',
      '  ● Kakapo IM&P online               im.lab.test:2208  plain   keepalive —',
    ]);
  });

  it('on a narrow screen drops the decoration first (keepalive, TLS, host:port), never the state or the countdown', () => {
    const snapshot = ready({ state: 'reconnecting' });
    const log = readyThenDrop();
    const at = (width: number) => panelAt(snapshot, log, 53_200, width);
    for (const width of [100, 80, 59, 50, 40, 30]) {
      const lines = at(width);
      for (const line of lines) expect([...line].length, `${width}: ${line}`).toBeLessThanOrEqual(width);
      expect(lines[0], `${width}`).toMatch(/^ {2}● OCI +online/);
      expect(lines[1], `${width}`).toMatch(/^ {2}◌ CTI reconnecting in 12 s/);
    }
    expect(at(100)[0]).toMatch(/keepalive/);
    expect(at(50)[0]).not.toMatch(/keepalive|TLSv1\.2/);
    expect(at(50)[1]).toMatch(/cti\.lab\.test:8011$/);
    expect(at(30)[1]).toBe('  ◌ CTI reconnecting in 12 s');
    // The reason under it wraps to at most two lines.
    const long = readyThenDrop();
    (long[3]!.event as unknown as { failure: { message: string } }).failure.message = 'the CTI server closed the connection while the client was waiting for the answer to its heartbeat';
    const why = panelAt(snapshot, long, 53_200, 40).slice(2);
    expect(why).toHaveLength(2);
    for (const line of why) expect([...line].length).toBeLessThanOrEqual(40);
  });
});

describe('live screen', () => {
  it('redraws in place: back up over the lines drawn, rewrite them, clear below; nothing when unchanged', () => {
    const out: string[] = [];
    const screen = createLiveScreen((t) => out.push(t));
    screen.draw(['a', 'b']);
    screen.draw(['a', 'b']);
    screen.draw(['a', 'c', 'd']);
    screen.end();
    expect(out).toEqual(['\x1b[?25la\x1b[K\nb\x1b[K\n\x1b[J', '\x1b[2Fa\x1b[K\nc\x1b[K\nd\x1b[K\n\x1b[J', '\x1b[?25h']);
  });

  it('after a resize, clears the screen and draws from its top (the old block re-wrapped)', () => {
    const out: string[] = [];
    const screen = createLiveScreen((t) => out.push(t));
    screen.draw(['a', 'b']);
    screen.resized();
    screen.draw(['a', 'b']);
    expect(out[1]).toBe('\x1b[2J\x1b[Ha\x1b[K\nb\x1b[K\n\x1b[J');
  });
});

function manualClock(start: number) {
  let now = start;
  const tickers = new Map<number, { ms: number; tick: () => void }>();
  let next = 0;
  const clock: UiClock = {
    now: () => now,
    every(ms, tick) {
      const id = next++;
      tickers.set(id, { ms, tick });
      return () => void tickers.delete(id);
    },
  };
  return {
    clock,
    /** Moves time on and fires each ticker once (as a 1 s interval would). */
    advance(ms: number) {
      now += ms;
      for (const t of [...tickers.values()]) t.tick();
    },
    intervals: () => [...tickers.values()].map((t) => t.ms),
  };
}

describe('terminal UI attached through the shell', () => {
  it('redraws the countdown on the clock’s tick without any new event, then shows the connection back online', async () => {
    const entries = readyThenDrop();
    const snapshots = new BehaviorSubject<ClientSnapshot>(ready());
    const events = new Subject<LogEntry>();
    const log: LogEntry[] = entries.slice(0, 3);
    const time = manualClock(50_000);
    const out: string[] = [];
    const ui = createTerminalUi({ write: (t) => out.push(t), columns: () => 100, clock: time.clock, color: false });
    const detach = attachUi({ snapshot$: snapshots, events$: events, send: async () => ({ ok: true }), log: { entries: log } }, ui);
    expect(time.intervals()).toEqual([1000]);
    expect(out.join('')).toMatch(/● CTI +online/);

    log.push(entries[3]!);
    events.next(entries[3]!);
    snapshots.next(ready({ state: 'reconnecting' }));
    await Promise.resolve();
    expect(out.at(-1)).toMatch(/◌ CTI +reconnecting in 15 s +cti\.lab\.test:8011 +plain/);

    const writes = out.length;
    time.advance(3_000);
    expect(out.length).toBe(writes + 1);
    expect(out.at(-1)).toMatch(/reconnecting in 12 s/);
    expect(out.at(-1)).toMatch(/^\x1b\[\d+F/); // in place: cursor back up over the block

    const back = entry(65_100, 'cti', { type: 'AUTH.OK' }, { startup: 'ready', oci: 'online.quiet', cti: 'online.quiet' });
    log.push(back);
    events.next(back);
    snapshots.next(ready());
    await Promise.resolve();
    expect(out.at(-1)).toMatch(/● CTI +online/);
    expect(out.at(-1)).not.toMatch(/reconnecting/);
    detach();
    expect(time.intervals()).toEqual([]);
  });

  it('ticks every 100 ms for the spinner while starting and stops ticking once start-up stopped', () => {
    const snapshots = new BehaviorSubject<ClientSnapshot>({ ...ready(), outcome: 'starting', step: 'oci', connections: {} });
    const time = manualClock(0);
    const detach = attachUi({ snapshot$: snapshots, events$: new Subject<LogEntry>(), send: async () => ({ ok: true }) }, createTerminalUi({ write: () => undefined, clock: time.clock }));
    expect(time.intervals()).toEqual([100]);
    snapshots.next({ ...ready(), outcome: 'stopped', step: 'ctiUnreachable', stop: { code: 'ctiUnreachable', reason: 'x' } });
    expect(time.intervals()).toEqual([]);
    detach();
  });
});

/** A TTY-like key source a test types into. */
function fakeKeys() {
  const listeners = new Set<(data: Buffer | string) => void>();
  let raw = false;
  return {
    input: {
      isTTY: true,
      setRawMode: (on: boolean) => (raw = on),
      on: (_: 'data', l: (data: Buffer | string) => void) => listeners.add(l),
      off: (_: 'data', l: (data: Buffer | string) => void) => listeners.delete(l),
      resume: () => undefined,
      pause: () => undefined,
    },
    type: (text: string) => {
      for (const l of listeners) l(text);
    },
    raw: () => raw,
  };
}

describe('terminal UI keys and notices', () => {
  it('q quits like Ctrl-C, with or without other keys; both are in the footer', () => {
    const keys = fakeKeys();
    let interrupts = 0;
    const out: string[] = [];
    const ui = createTerminalUi({ write: (t) => out.push(t), columns: () => 60, clock: manualClock(50_000).clock, color: false, input: keys.input, onInterrupt: () => void interrupts++ });
    const detach = attachUi({ snapshot$: new BehaviorSubject<ClientSnapshot>(ready()), events$: new Subject<LogEntry>(), send: async () => ({ ok: true }) }, ui);
    expect(keys.raw()).toBe(true);
    keys.type('x');
    expect(interrupts).toBe(0);
    keys.type('q');
    expect(interrupts).toBe(1);
    keys.type('\x03');
    expect(interrupts).toBe(2);
    expect(out.join('')).toMatch(/q or Ctrl-C quit/);
    detach();
    expect(keys.raw()).toBe(false);
  });

  it('a lab key’s notice stays while its connection is away and clears once it is back online', async () => {
    const keys = fakeKeys();
    const snapshots = new BehaviorSubject<ClientSnapshot>(ready());
    const out: string[] = [];
    const drop = { key: 'd', label: 'drop CTI (lab)', connections: ['cti'], run: async () => 'the CTI server dropped every connection (lab fault drop-all); the client reconnects after 15 s.' };
    const ui = createTerminalUi({ write: (t) => out.push(t), columns: () => 120, clock: manualClock(50_000).clock, color: false, input: keys.input, keys: [drop], onInterrupt: () => undefined });
    const detach = attachUi({ snapshot$: snapshots, events$: new Subject<LogEntry>(), send: async () => ({ ok: true }) }, ui);
    keys.type('d');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(out.at(-1)).toMatch(/dropped every connection \(lab fault drop-all\)/);
    snapshots.next(ready()); // not away yet: the notice stays
    await Promise.resolve();
    expect(out.join('')).toMatch(/lab fault drop-all/);
    snapshots.next(ready({ state: 'reconnecting' }));
    await Promise.resolve();
    expect(out.at(-1)).toMatch(/lab fault drop-all/);
    snapshots.next(ready({ state: 'connecting' }));
    await Promise.resolve();
    const before = out.length;
    snapshots.next(ready());
    await Promise.resolve();
    expect(out.length).toBeGreaterThan(before);
    expect(out.at(-1)).not.toMatch(/lab fault/);
    expect(out.at(-1)).toMatch(/● CTI +online/);
    detach();
  });

  it('after a stop the screen says how to leave, when the command waits for it', () => {
    const stopped: ClientSnapshot = { ...ready(), outcome: 'stopped', step: 'ctiUnreachable', stop: { code: 'ctiUnreachable', reason: 'the CTI server refused the connection' } };
    const screenOf = (waitsAfterStop: boolean): string => {
      const out: string[] = [];
      const detach = attachUi(
        { snapshot$: new BehaviorSubject<ClientSnapshot>(stopped), events$: new Subject<LogEntry>(), send: async () => ({ ok: true }) },
        createTerminalUi({ write: (t) => out.push(t), columns: () => 60, clock: manualClock(0).clock, color: false, waitsAfterStop }),
      );
      detach();
      return out.join('').replace(/\x1b\[[?\d;]*[A-Za-z]/g, ''); // the text on screen, without cursor moves
    };
    expect(screenOf(true)).toMatch(/^Stopped: the CTI server cannot be reached$/m);
    expect(screenOf(true)).toMatch(/Start-up stopped; what to change is above\. q or Ctrl-C\s+leaves\./);
    expect(screenOf(false)).not.toMatch(/leaves/);
  });
});

describe('terminal UI on a short screen', () => {
  it('keeps the block within the screen height, so redrawing in place never scrolls', () => {
    const out: string[] = [];
    const snapshots = new BehaviorSubject<ClientSnapshot>(ready());
    const ui = createTerminalUi({ write: (t) => out.push(t), columns: () => 100, rows: () => 6, clock: manualClock(50_000).clock, color: false });
    const detach = attachUi({ snapshot$: snapshots, events$: new Subject<LogEntry>(), send: async () => ({ ok: true }), log: { entries: readyThenDrop().slice(0, 3) } }, ui);
    const drawn = out.join('').split('\n').length - 1;
    expect(drawn).toBe(5);
    expect(out.join('')).toMatch(/● CTI +online/);
    detach();
  });
});
