// What a UI can ask the running client to do (issue 5 "The client"), and the typed answer.
export type UnityCommand =
  | { type: 'dial'; number: string }
  | { type: 'answer'; callId: string }
  | { type: 'hold'; callId: string }
  | { type: 'release'; callId: string }
  | { type: 'transfer'; callId: string; number: string }
  | { type: 'record'; action: 'start' | 'pause' | 'resume' | 'stop'; callId: string }
  | { type: 'sendIm'; to: string; body: string; via?: 'imp' | 'xmpp' }
  | { type: 'fetchVoicemail' }
  | { type: 'markRead'; messageId: string };

export type CommandResult =
  | { ok: true; value?: unknown }
  /** The link that carries this command is not built into this client (yet). */
  | { ok: false; code: 'not-available'; message: string }
  /** The link exists but is not online (start-up not ready, reconnecting). */
  | { ok: false; code: 'not-connected'; message: string }
  | { ok: false; code: 'failed'; message: string };

export const notAvailable = (what: string): CommandResult => ({
  ok: false,
  code: 'not-available',
  message: `${what} is not available in this client yet`,
});
