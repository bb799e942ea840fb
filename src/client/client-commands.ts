// What a UI can ask the running client to do (issue 5 "The client"), and the typed answer.
import type { ConnectionName } from '../machines/connection/contract.ts';
import type { AgentStateName } from '../machines/domain/domain-state.ts';

export type UnityCommand =
  | { type: 'dial'; number: string }
  | { type: 'answer'; callId: string }
  /** Takes a held call back (CTI TalkRequest; CAP Answer on a held call). */
  | { type: 'retrieve'; callId: string }
  | { type: 'hold'; callId: string }
  | { type: 'release'; callId: string }
  | { type: 'transfer'; callId: string; number: string }
  | { type: 'record'; action: 'start' | 'pause' | 'resume' | 'stop'; callId: string }
  | { type: 'sendIm'; to: string; body: string; via?: 'imp' | 'xmpp' }
  | { type: 'fetchVoicemail' }
  | { type: 'markRead'; messageId: string }
  /**
   * The user's own "connect again" for one connection that stopped trying: failed (e.g. another
   * login took its session over), or authFailed after the credentials were fixed (issue 10).
   */
  | { type: 'connect'; connection: ConnectionName }
  /** The user's call-center agent state (CTI SetAgentStateRequest, or XSI CallCenter). */
  | { type: 'setAgentState'; state: AgentStateName };

/** Why a command did not run: the typed code beside the human text. */
export type CommandFailureCode = 'not-available' | 'not-connected' | 'failed';

export type CommandResult =
  | { ok: true; value?: unknown }
  /** The link that carries this command is not built into this client, or not licensed. */
  | { ok: false; code: 'not-available'; message: string }
  /** The link exists but is not online (start-up not ready, reconnecting). */
  | { ok: false; code: 'not-connected'; message: string }
  | { ok: false; code: 'failed'; message: string };

export const notAvailable = (what: string): CommandResult => ({
  ok: false,
  code: 'not-available',
  message: `${what} is not available in this session`,
});

export const notConnected = (what: string): CommandResult => ({ ok: false, code: 'not-connected', message: `${what} is not online` });
