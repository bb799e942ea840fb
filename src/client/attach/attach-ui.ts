// attachUi (issue 6 "The shell"): attaching and detaching never disturbs the session. The UI gets
// a view whose streams end when it is detached, so a UI that forgets to unsubscribe leaks
// nothing; the session itself is only read (and sent the UI's own commands).
import { Observable, Subject, takeUntil } from 'rxjs';
import type { LogEntry } from '../../machines/log/log-entry.ts';
import type { AttachableSession, Detach, SessionUi, SessionView } from './session-ui.ts';

/**
 * @example
 * const detach = attachUi(client, { attach: (view) => void view.snapshot$.subscribe((s) => console.log(s.outcome)) });
 * detach(); // the session goes on
 */
export function attachUi(session: AttachableSession, ui: SessionUi): Detach {
  const detached = new Subject<void>();
  let attached = true;
  const view: SessionView = {
    snapshot$: session.snapshot$.pipe(takeUntil(detached)),
    events$: eventsWithHistory(session).pipe(takeUntil(detached)),
    send: (command) =>
      attached
        ? session.send(command)
        : Promise.resolve({ ok: false, code: 'not-connected', message: 'this UI is detached from the session' }),
  };
  const undo = ui.attach(view);
  return () => {
    if (!attached) return;
    attached = false;
    detached.next();
    detached.complete();
    if (typeof undo === 'function') undo();
  };
}

/**
 * The logged entries so far, then the live ones, each once and in order. Live entries are
 * subscribed to first and held back while the past is replayed, so an entry logged meanwhile (a
 * UI reacting to a past entry) is neither lost nor repeated.
 */
function eventsWithHistory(session: AttachableSession): Observable<LogEntry> {
  return new Observable<LogEntry>((subscriber) => {
    let lastSeq = -1;
    let replaying = true;
    let completed = false;
    const held: LogEntry[] = [];
    const emit = (entry: LogEntry): void => {
      if (entry.seq <= lastSeq) return;
      lastSeq = entry.seq;
      subscriber.next(entry);
    };
    const live = session.events$.subscribe({
      next: (entry) => (replaying ? held.push(entry) : emit(entry)),
      error: (error: unknown) => subscriber.error(error),
      complete: () => (replaying ? (completed = true) : subscriber.complete()),
    });
    for (const entry of session.log?.entries.slice() ?? []) emit(entry);
    replaying = false;
    for (const entry of held.splice(0)) emit(entry);
    if (completed) subscriber.complete();
    return live;
  });
}
