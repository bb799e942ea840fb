// What the web UI attaches to: the three members of the shell's UI-attachment API (issue 6 "The
// shell": a UI subscribes to snapshots and events and may send commands). A UnityClient fits as is.
import type { Observable } from 'rxjs';
import type { CommandResult, UnityCommand, ClientSnapshot, LogEntry } from '../../client/index.ts';

export interface WebSession {
  readonly snapshot$: Observable<ClientSnapshot>;
  readonly events$: Observable<LogEntry>;
  send(command: UnityCommand): Promise<CommandResult>;
}
