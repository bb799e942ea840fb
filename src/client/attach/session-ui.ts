// The UI-attachment API (issue 6 "The shell"): a UI is anything that subscribes to a session's
// snapshots and events and may send it commands. The terminal UI, the JSON output and the web
// pages attach the same way; a UnityClient is an AttachableSession.
import type { Observable } from 'rxjs';
import type { LogEntry } from '../../machines/log/log-entry.ts';
import type { ClientSnapshot } from '../client-snapshot.ts';
import type { CommandResult, UnityCommand } from '../client-commands.ts';

/** What a UI can be attached to. `log` (optional) lets a late attacher see the events it missed. */
export interface AttachableSession {
  /** Must replay the current snapshot to each new subscriber (a UnityClient's does). */
  readonly snapshot$: Observable<ClientSnapshot>;
  readonly events$: Observable<LogEntry>;
  send(command: UnityCommand): Promise<CommandResult>;
  readonly log?: { readonly entries: readonly LogEntry[] };
}

/**
 * The session as a UI sees it while attached: `snapshot$` starts with the current snapshot,
 * `events$` starts with every event logged before attaching (when the session keeps a log), and
 * both complete when the UI is detached.
 */
export interface SessionView {
  readonly snapshot$: Observable<ClientSnapshot>;
  readonly events$: Observable<LogEntry>;
  /** After detaching, answers `not-connected` without reaching the session. */
  send(command: UnityCommand): Promise<CommandResult>;
}

/** Undoes what attach did (timers, listeners, terminal modes). Called once. */
export type Detach = () => void;

export interface SessionUi {
  attach(session: SessionView): Detach | void;
}
