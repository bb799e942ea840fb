// The user's commands and their results (issue 11 item 3: every command's result logged): pending
// from the logged command until its result, then among the recent outcomes.
import type { Draft } from 'immer';
import type { DomainEvent, UserCommandEvent } from './contract.ts';
import { DOMAIN_LIMITS, type CommandOutcome, type DomainState } from './domain-state.ts';

type CommandEvent = Extract<DomainEvent, { type: 'COMMAND.RESULT' }> | UserCommandEvent;

/**
 * Applies a command or its result to the draft.
 *
 * @example
 * produce(state, (draft) => reduceCommands(draft, { type: 'COMMAND.RESULT', commandId: 'k1', command: 'dial', ok: true }));
 */
export function reduceCommands(draft: Draft<DomainState>, event: CommandEvent): void {
  const { pending, recent } = draft.commands;
  if (event.type === 'USER.COMMAND') {
    pending[event.commandId] = { command: event.command, at: event.at };
    const keys = Object.keys(pending);
    for (let i = 0; i < keys.length - DOMAIN_LIMITS.pendingCommands; i++) delete pending[keys[i]!];
    return;
  }
  delete pending[event.commandId];
  const outcome: CommandOutcome = {
    commandId: event.commandId,
    command: event.command,
    ok: event.ok,
    ...(event.code !== undefined ? { code: event.code } : {}),
    ...(event.message !== undefined ? { message: event.message } : {}),
  };
  recent.push(outcome);
  if (recent.length > DOMAIN_LIMITS.recentCommands) recent.splice(0, recent.length - DOMAIN_LIMITS.recentCommands);
}
