// send(command): routes a UI command to the link that carries it (seed §2: call control over CAP
// or CTI; IM over Kakapo IM&P or XMPP; voicemail over XSI). Never throws: every answer is typed.
import type { CtiLink } from '../adapters/cti/cti-link.ts';
import type { CapAction } from '../codecs/cap/types.ts';
import type { License } from '../machines/startup/contract.ts';
import { notAvailable, type CommandResult, type UnityCommand } from './client-commands.ts';
import type { SessionDrivers } from './session-drivers.ts';
import type { XsiRuntime } from './xsi-runtime.ts';

const notConnected = (what: string): CommandResult => ({ ok: false, code: 'not-connected', message: `${what} is not online` });

type Outcome = { ok: true; value?: unknown } | { ok: false; error: { message: string } };
const answer = (outcome: Outcome): CommandResult =>
  outcome.ok ? { ok: true, ...(outcome.value !== undefined ? { value: outcome.value } : {}) } : { ok: false, code: 'failed', message: outcome.error.message };

async function viaCti(command: UnityCommand, cti: CtiLink): Promise<CommandResult> {
  switch (command.type) {
    case 'dial':
      return answer(await cti.dial(command.number));
    case 'answer':
      return answer(await cti.answer(command.callId));
    case 'hold':
      return answer(await cti.hold(command.callId));
    case 'release':
      return answer(await cti.release(command.callId));
    case 'transfer':
      return answer(await cti.blindTransfer(command.callId, command.number));
    case 'record': {
      const run = { start: cti.record, pause: cti.pauseRecording, resume: cti.resumeRecording, stop: cti.stopRecording }[command.action];
      return answer(await run.call(cti, command.callId));
    }
    default:
      return notAvailable(command.type);
  }
}

function capAction(command: UnityCommand): CapAction | null {
  switch (command.type) {
    case 'dial':
      return { actionType: 'Dial', number: command.number };
    case 'answer':
      return { actionType: 'Answer', callId: command.callId };
    case 'hold':
      return { actionType: 'Hold', callId: command.callId };
    case 'release':
      return { actionType: 'Release', callId: command.callId };
    case 'transfer':
      return { actionType: 'Xfer', callId: command.callId, number: command.number };
    default:
      return null;
  }
}

/** What a command may reach: the session's drivers, its license (from the start-up machine), XSI. */
export interface CommandTargets {
  drivers: SessionDrivers;
  license: License | null;
  xsi: XsiRuntime;
}

/**
 * `messageId`: the id of an IM, drawn by the caller and logged as part of the user's command event
 * before it is used (DESIGN.md: ids arrive in events).
 *
 * @example
 * const result = await executeCommand({ drivers, license: facts.license, xsi }, { type: 'dial', number: '2002' }, randomUUID());
 */
export async function executeCommand(targets: CommandTargets, command: UnityCommand, messageId: string): Promise<CommandResult> {
  const { drivers, xsi } = targets;
  switch (command.type) {
    case 'dial':
    case 'answer':
    case 'hold':
    case 'release':
    case 'transfer':
    case 'record': {
      const cti = drivers.cti?.link ?? null;
      if (cti !== null) return viaCti(command, cti);
      const cap = drivers.cap.link;
      if (cap !== null) {
        const action = capAction(command);
        if (action !== null) return answer(cap.callAction(action));
        // CAP has no recording control: seed §1.1, recording is an XSI task.
        if (command.type === 'record') {
          const { action: what, callId } = command;
          return answer(
            await xsi.use((c) =>
              what === 'start' ? c.record(callId) : what === 'pause' ? c.pauseRecording(callId) : what === 'resume' ? c.resumeRecording(callId) : c.stopRecording(callId),
            ),
          );
        }
      }
      return notConnected('call control (CAP/CTI)');
    }
    case 'sendIm': {
      const license = targets.license?.features;
      const via = command.via ?? (license?.imp ? 'imp' : 'xmpp');
      if (via === 'imp') {
        const imp = drivers.imp;
        if (imp === null || license?.imp !== true) return notConnected('Kakapo IM&P');
        // kakapo.md §3.3: queued now, delivered exactly once, across reconnects.
        return { ok: true, value: { id: imp.send({ id: messageId, to: command.to, body: command.body }) } };
      }
      const xmpp = drivers.xmpp;
      if (xmpp === null || license?.xmpp !== true) return notConnected('XMPP');
      // Outbox semantics as for IM&P: kept across reconnects until the server acknowledged it.
      return { ok: true, value: { id: xmpp.send({ id: messageId, to: command.to, body: command.body }) } };
    }
    // seed §1.1: voicemail is an ad hoc XSI task.
    case 'fetchVoicemail':
      return answer(await xsi.use((c) => c.voicemail()));
    case 'markRead':
      return answer(await xsi.use((c) => c.markRead(command.messageId)));
  }
}
