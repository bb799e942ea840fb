// ConnectionLog.txt written as the session goes (issue 11 item 5): the sink keeps no entries, each
// entry's lines are on disk before the session ends, and the file says what renderConnectionLog
// says of the whole log (in fixed columns instead of measured ones).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { attachUi } from '../../src/client/attach/attach-ui.ts';
import { renderConnectionLog } from '../../src/client/connection-log/index.ts';
import { connectionLogFileSink } from '../../src/client/sinks/connection-log-file.ts';
import type { LogEntry } from '../../src/machines/log/log-entry.ts';
import { startScriptedSession } from '../machines/support/scripted-session.ts';

const words = (line: string): string => line.replace(/^\S+\s+/, '').replace(/\s+/g, ' ').trim();

describe('the connection log sink', () => {
  it('writes each entry as it comes, the same lines the whole log renders', async () => {
    const s = startScriptedSession();
    s.advance(2_000);
    s.send('cti', { type: 'TRANSPORT.DROPPED', attempt: 1, failure: { kind: 'reset', message: 'The connection to cti.example.test:8011 was reset.' } }, 'network');
    s.advance(15_000);
    s.send('startup', { type: 'CLOSE' }, 'user');
    const entries = s.system.entries;

    const dir = await mkdtemp(join(tmpdir(), 'uc-connlog-'));
    try {
      const path = join(dir, 'session.ConnectionLog.txt');
      const events = new Subject<LogEntry>();
      const sink = connectionLogFileSink(path);
      attachUi({ snapshot$: new Subject(), events$: events, send: async () => ({ ok: true }) }, sink);
      const half = Math.floor(entries.length / 2);
      for (const entry of entries.slice(0, half)) events.next(entry);
      // Before the session ended, the first half is on disk already.
      const expected = renderConnectionLog(entries).map(words);
      const early = renderConnectionLog(entries.slice(0, half)).map(words);
      await expect.poll(async () => (await readFile(path, 'utf8').catch(() => '')).trim().split('\n').map(words)).toEqual(early);
      for (const entry of entries.slice(half)) events.next(entry);
      events.complete();
      await sink.done;
      expect(sink.error).toBeNull();
      const written = (await readFile(path, 'utf8')).trim().split('\n');
      expect(written.map(words)).toEqual(expected);
      // ISO times from the first entry's clock time, columns at fixed places.
      expect(written[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  portal  -\s{27}  https  {3}fetching branding/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
