// send(command): routes a UI command by what the machines say now (issue 11 item 3) — which call
// control start-up chose (seed §2: CAP or CTI, by release and portal) and whether that connection
// is online; which IM service the license allows (seed §1.1: Kakapo IM&P or XMPP) and whether start-up
// opened it; voicemail and, with CAP, recording over XSI (seed §1.1: ad hoc XSI tasks). Never
// throws: every answer is typed.
import type { CtiLink } from '../adapters/cti/cti-link.ts';
import type { CapAction } from '../codecs/cap/types.ts';
import type { ConnectionName } from '../machines/connection/contract.ts';
import type { ImService } from '../machines/domain/domain-state.ts';
import type { License } from '../machines/startup/contract.ts';
import { notAvailable, notConnected, type CommandResult, type UnityCommand } from './client-commands.ts';
import type { SessionDrivers } from './session-drivers.ts';
import type { XsiRuntime } from './xsi-runtime.ts';

type Outcome = { ok: true; value?: unknown } | { ok: false; error: { message: string } };
const answer = (outcome: Outcome): CommandResult =>
  outcome.ok ? { ok: true, ...(outcome.value !== undefined ? { value: outcome.value } : {}) } : { ok: false, code: 'failed', message: outcome.error.message };

/** What the machines say now, read at each command (never a copy). */
export interface SessionState {
  /** The call control start-up selected, null before it decided. */
  readonly callControl: 'CAP' | 'CTI' | null;
  readonly license: License | null;
  /** Whether start-up opened the connection (not skipped, not yet to come). */
  opened(name: ConnectionName): boolean;
  online(name: ConnectionName): boolean;
}

/** What a command may reach: the session's drivers, the machines' state, XSI. */
export interface CommandTargets {
  drivers: SessionDrivers;
  state: SessionState;
  xsi: XsiRuntime;
}

type CallCommand = Extract<UnityCommand, { type: 'dial' | 'answer' | 'retrieve' | 'hold' | 'release' | 'transfer' | 'record' }>;

async function viaCti(command: CallCommand, cti: CtiLink): Promise<CommandResult> {
  switch (command.type) {
    case 'dial':
      return answer(await cti.dial(command.number));
    case 'answer':
      return answer(await cti.answer(command.callId));
    case 'retrieve':
      return answer(await cti.retrieve(command.callId));
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
  }
}

/** cap.md §5 action types; no retrieve action is known, so Answer on a held call retrieves (the lab's rule). */
function capAction(command: CallCommand): CapAction | null {
  switch (command.type) {
    case 'dial':
      return { actionType: 'Dial', number: command.number };
    case 'answer':
    case 'retrieve':
      return { actionType: 'Answer', callId: command.callId };
    case 'hold':
      return { actionType: 'Hold', callId: command.callId };
    case 'release':
      return { actionType: 'Release', callId: command.callId };
    case 'transfer':
      return { actionType: 'Xfer', callId: command.callId, number: command.number };
    case 'record':
      return null;
  }
}

async function recordOverXsi(xsi: XsiRuntime, command: Extract<UnityCommand, { type: 'record' }>): Promise<CommandResult> {
  const { action, callId } = command;
  return answer(
    await xsi.use((c) => (action === 'start' ? c.record(callId) : action === 'pause' ? c.pauseRecording(callId) : action === 'resume' ? c.resumeRecording(callId) : c.stopRecording(callId))),
  );
}

async function callControl(targets: CommandTargets, command: CallCommand): Promise<CommandResult> {
  const { drivers, state, xsi } = targets;
  switch (state.callControl) {
    case null:
      return notConnected('call control (start-up has not chosen CAP or CTI yet)');
    case 'CTI': {
      const link = drivers.cti?.link ?? null;
      if (!state.online('cti') || link === null) return notConnected('CTI');
      return viaCti(command, link);
    }
    case 'CAP': {
      // seed §1.1: CAP has no recording control; recording is an XSI task.
      if (command.type === 'record') return recordOverXsi(xsi, command);
      const link = drivers.cap.link;
      if (!state.online('cap') || link === null) return notConnected('CAP');
      return answer(link.callAction(capAction(command)!));
    }
  }
}

/**
 * The IM service a sendIm goes over: the one asked for, else Kakapo IM&P when licensed, else XMPP;
 * null when the license allows neither (or is not known yet).
 *
 * @example
 * imServiceFor({ type: 'sendIm', to: 'bob@example.com', body: 'hi' }, license); // 'imp'
 */
export function imServiceFor(command: Extract<UnityCommand, { type: 'sendIm' }>, license: License | null): ImService | null {
  if (license === null) return null;
  if (command.via !== undefined) return command.via;
  return license.features.imp ? 'imp' : license.features.xmpp ? 'xmpp' : null;
}

/**
 * `messageId`: the id of an IM, drawn by the caller and logged with the user's command before it
 * is used (DESIGN.md: ids arrive in events).
 *
 * @example
 * const result = await executeCommand({ drivers, state, xsi }, { type: 'dial', number: '2002' }, randomUUID());
 */
export async function executeCommand(targets: CommandTargets, command: UnityCommand, messageId: string): Promise<CommandResult> {
  const { drivers, state, xsi } = targets;
  switch (command.type) {
    case 'dial':
    case 'answer':
    case 'retrieve':
    case 'hold':
    case 'release':
    case 'transfer':
    case 'record':
      return callControl(targets, command);
    case 'sendIm': {
      if (state.license === null) return notConnected('instant messaging (the license is not loaded yet)');
      const service = imServiceFor(command, state.license);
      const name = service === 'xmpp' ? 'XMPP' : 'Kakapo IM&P';
      if (service === null || state.license.features[service] !== true) return notAvailable(command.via === 'xmpp' ? 'XMPP' : 'instant messaging (the license allows none)');
      const driver = drivers[service];
      if (driver === null || !state.opened(service)) return notAvailable(name);
      // kakapo.md §3.3 (XMPP alike): queued now, delivered exactly once, across reconnects.
      const id = driver.send({ id: messageId, to: command.to, body: command.body });
      return { ok: true, value: { id, queued: !state.online(service) } };
    }
    // seed §1.1: voicemail is an ad hoc XSI task.
    case 'fetchVoicemail':
      return answer(await xsi.use((c) => c.voicemail()));
    case 'markRead':
      return answer(await xsi.use((c) => c.markRead(command.messageId)));
    case 'setAgentState': {
      const link = drivers.cti?.link ?? null;
      if (state.callControl === 'CTI' && state.online('cti') && link !== null) return answer(await link.setAgentState(command.state));
      return answer(await xsi.use((c) => c.setAgentState(command.state)));
    }
    case 'connect':
      // Not a link's work: the client sends it to the connection machine (create-unity-client).
      return notAvailable('connect');
  }
}
