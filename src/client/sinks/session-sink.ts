// A sink is a UI that writes instead of showing (DESIGN.md "Events are the source of truth": the
// JSON Lines log and ConnectionLog.txt are renderings of the session's events). It is attached with
// attachUi like any UI, sees every event from the first, and finishes when the session's streams end.
import type { SessionUi } from '../attach/session-ui.ts';

export interface SessionSink extends SessionUi {
  /** Resolves once everything the sink was given is written (after the session's streams ended). */
  readonly done: Promise<void>;
  /** Why the sink could not write (a person can act on it), else null; never stops the session. */
  readonly error: string | null;
}
