// send(command): routes a UI command to the link that carries it (seed §2: call control over CAP
// or CTI; IM over Kakapo IM&P or XMPP; voicemail and recording over XSI).
import type { SessionRuntime } from '../../adapters/runtime/session-runtime.ts';
import { notAvailable, type CommandResult, type UnityCommand } from './client-commands.ts';

export async function executeCommand(runtime: SessionRuntime, command: UnityCommand): Promise<CommandResult> {
  const cap = runtime.cap.link;
  const viaCap = (run: () => { ok: boolean; error?: { message: string } }): CommandResult => {
    if (cap === null) return { ok: false, code: 'not-connected', message: 'call control (CAP) is not online' };
    const outcome = run();
    return outcome.ok ? { ok: true } : { ok: false, code: 'failed', message: outcome.error?.message ?? 'failed' };
  };
  switch (command.type) {
    case 'dial':
      if (cap !== null) return viaCap(() => cap.callAction({ actionType: 'Dial', number: command.number }));
      return notAvailable('dial over CTI');
    case 'answer':
      if (cap !== null) return viaCap(() => cap.callAction({ actionType: 'Answer', callId: command.callId }));
      return notAvailable('answer over CTI');
    case 'hold':
      if (cap !== null) return viaCap(() => cap.callAction({ actionType: 'Hold', callId: command.callId }));
      return notAvailable('hold over CTI');
    case 'release':
      if (cap !== null) return viaCap(() => cap.callAction({ actionType: 'Release', callId: command.callId }));
      return notAvailable('release over CTI');
    case 'transfer':
      if (cap !== null) return viaCap(() => cap.callAction({ actionType: 'Xfer', callId: command.callId, number: command.number }));
      return notAvailable('transfer over CTI');
    case 'record':
      return notAvailable('call recording');
    case 'sendIm':
      return notAvailable('instant messaging');
    case 'fetchVoicemail':
      return notAvailable('voicemail (XSI)');
    case 'markRead':
      return notAvailable('voicemail (XSI)');
  }
}
