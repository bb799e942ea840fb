// A command and its result as logged domain events (issue 11 item 3: every command's result
// logged; DESIGN.md: what the user did is an event). The number of a dial or transfer and the text
// of an IM enter only concealed, and a result's message never repeats them (a server's error text
// may echo what it was sent).
import type { Conceal } from '../adapters/domain/conceal.ts';
import type { DomainEvent, UserCommandEvent } from '../machines/domain/contract.ts';
import type { ImService } from '../machines/domain/domain-state.ts';
import type { CommandResult, UnityCommand } from './client-commands.ts';

/**
 * @example
 * userCommandEvent({ type: 'dial', number: '2002' }, { commandId: 'k1', at: clock.now(), conceal });
 * // { type: 'USER.COMMAND', commandId: 'k1', command: 'dial', at: …, number: { digest: '…', length: 4 } }
 */
export function userCommandEvent(
  command: UnityCommand,
  ids: { commandId: string; messageId?: string; service?: ImService | null; at: number; conceal: Conceal },
): UserCommandEvent {
  const base = { type: 'USER.COMMAND' as const, commandId: ids.commandId, command: command.type, at: ids.at };
  switch (command.type) {
    case 'dial':
      return { ...base, number: ids.conceal(command.number) };
    case 'transfer':
      return { ...base, callId: command.callId, number: ids.conceal(command.number) };
    case 'record':
      return { ...base, callId: command.callId, action: command.action };
    case 'answer':
    case 'retrieve':
    case 'hold':
    case 'release':
      return { ...base, callId: command.callId };
    case 'sendIm':
      return {
        ...base,
        ...(ids.messageId !== undefined ? { messageId: ids.messageId } : {}),
        to: command.to,
        ...(ids.service ? { service: ids.service } : {}),
        body: ids.conceal(command.body),
      };
    case 'markRead':
      return { ...base, messageId: command.messageId };
    case 'setAgentState':
      return { ...base, action: command.state };
    case 'fetchVoicemail':
    case 'connect':
      return base;
  }
}

/** The command's own secrets (number, text) cut out of a message. */
function scrubbed(message: string, command: UnityCommand): string {
  const secrets = command.type === 'dial' || command.type === 'transfer' ? [command.number] : command.type === 'sendIm' ? [command.body] : [];
  let out = message;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('…');
  return out;
}

/**
 * @example
 * commandResultEvent({ type: 'markRead', messageId: 'v1' }, 'k2', { ok: true }); // { type: 'COMMAND.RESULT', commandId: 'k2', command: 'markRead', ok: true, messageId: 'v1' }
 */
export function commandResultEvent(command: UnityCommand, commandId: string, result: CommandResult, ids: { messageId?: string; service?: ImService | null } = {}): DomainEvent {
  const messageId = command.type === 'markRead' ? command.messageId : ids.messageId;
  return {
    type: 'COMMAND.RESULT',
    commandId,
    command: command.type,
    ok: result.ok,
    ...(result.ok ? {} : { code: result.code, message: scrubbed(result.message, command) }),
    ...(messageId !== undefined ? { messageId } : {}),
    ...(ids.service ? { service: ids.service } : {}),
  };
}
