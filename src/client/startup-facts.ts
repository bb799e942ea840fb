// What start-up knows, read from the start-up machine's own state each time it is asked: the
// profile, the release, the license and the protocol plan are never copied anywhere else, so a
// driver, a command and a UI see exactly what the machines (and so the log) say.
import type { AnyActor } from 'xstate';
import type { StartupFacts } from '../adapters/runtime/driver-deps.ts';
import type { License, UserProfile } from '../machines/startup/contract.ts';
import type { StartupContext } from '../machines/startup/startup-context.ts';
import type { PortalAnswers } from './portal-answers.ts';

/** The start-up machine's context as it is now. */
export function startupContextOf(root: AnyActor): StartupContext {
  return (root.getSnapshot() as { context: StartupContext }).context;
}

export interface SessionFacts extends StartupFacts {
  readonly release: string | null;
  readonly license: License | null;
}

/** A live view: every read goes to the machine (or, for the token, to the portal's answer). */
export function sessionFactsOf(root: AnyActor, answers: Pick<PortalAnswers, 'impToken'>): SessionFacts {
  return {
    get profile(): UserProfile | null {
      return startupContextOf(root).profile;
    },
    get release(): string | null {
      return startupContextOf(root).release;
    },
    get license(): License | null {
      return startupContextOf(root).license;
    },
    get impToken(): string | undefined {
      return answers.impToken;
    },
  };
}
