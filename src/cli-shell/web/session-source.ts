// What the web UI attaches to: the three members of the shell's UI-attachment API (issue 6 "The
// shell": a UI subscribes to snapshots and events and may send commands). A UnityClient fits as is.
import type { Observable } from 'rxjs';
import type { CommandResult, UnityCommand } from '../client/client-commands.ts';
import type { ClientSnapshot } from '../client/client-snapshot.ts';
import type { LogEntry } from '../../machines/log/log-entry.ts';

export interface WebSession {
  readonly snapshot$: Observable<ClientSnapshot>;
  readonly events$: Observable<LogEntry>;
  send(command: UnityCommand): Promise<CommandResult>;
}
