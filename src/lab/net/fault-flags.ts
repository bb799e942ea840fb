// The fault flags a lab listener keeps (faults.ts) and reads while it handles connections. Setting
// and clearing them is the same for the TCP and the HTTPS lab servers; what is left for the server
// is the one action on its listeners or connections.
import { LabFaultError, type LabAnswerKind, type LabFault } from './faults.ts';

/** Bad answers still to inject (the `answer` fault), shared by the server's connections. */
export interface ArmedAnswer {
  kind: LabAnswerKind;
  left: number;
}

export interface FaultFlags {
  halfOpen: boolean;
  delayMs: number;
  refuseNew: boolean;
  closeMidTls: boolean;
  closeMidLogin: boolean;
  answer: ArmedAnswer | null;
}

export function initialFaultFlags(): FaultFlags {
  return { halfOpen: false, delayMs: 0, refuseNew: false, closeMidTls: false, closeMidLogin: false, answer: null };
}

/** Takes one injected answer, if one is armed (each login answer or request uses one). */
export function takeInjectedAnswer(flags: Pick<FaultFlags, 'answer'>): LabAnswerKind | null {
  const armed = flags.answer;
  if (armed === null) return null;
  armed.left -= 1;
  if (armed.left <= 0) flags.answer = null;
  return armed.kind;
}

/** What the server must do itself after the flags were updated. */
export type FaultAction = 'drop-all' | 'stop-listening' | 'listen-again' | 'expire-tokens' | 'duplicate-login' | 'none';

/** The server's own part of a fault: its connections and its listeners (and, where it has them, tokens and sessions). */
export interface FaultHandlers {
  /** The service name, for the message when a fault does not apply to it. */
  name?: string;
  dropAll(): void;
  stopListening(): void | Promise<void>;
  listenAgain(): Promise<void>;
  /** Only servers that check IM&P tokens. */
  expireTokens?(): void;
  /** Only servers with a notion of another login taking a session over. */
  duplicateLogin?(): void;
}

/** Updates the flags, then runs the server's part of the fault. */
export async function applyLabFault(flags: FaultFlags, fault: LabFault, server: FaultHandlers): Promise<void> {
  switch (applyFaultFlags(flags, fault)) {
    case 'drop-all':
      return server.dropAll();
    case 'stop-listening':
      return server.stopListening();
    case 'listen-again':
      return server.listenAgain();
    case 'expire-tokens':
      if (server.expireTokens === undefined) throw new LabFaultError(`the ${server.name ?? 'lab'} server has no tokens to expire`);
      return server.expireTokens();
    case 'duplicate-login':
      if (server.duplicateLogin === undefined) throw new LabFaultError(`the ${server.name ?? 'lab'} server cannot report a duplicate login`);
      return server.duplicateLogin();
    case 'none':
      return;
  }
}

export function applyFaultFlags(flags: FaultFlags, fault: LabFault): FaultAction {
  switch (fault.type) {
    case 'drop-all':
      return 'drop-all';
    case 'refuse-new':
      flags.refuseNew = true;
      return 'stop-listening';
    case 'half-open':
      flags.halfOpen = true;
      return 'none';
    case 'delay':
      flags.delayMs = fault.ms;
      return 'none';
    case 'close-mid-tls':
      flags.closeMidTls = true;
      return 'none';
    case 'close-mid-login':
      flags.closeMidLogin = true;
      return 'none';
    case 'answer':
      flags.answer = { kind: fault.answer, left: fault.count };
      return 'none';
    case 'expire-tokens':
      return 'expire-tokens';
    case 'duplicate-login':
      return 'duplicate-login';
    case 'clear': {
      Object.assign(flags, { halfOpen: false, delayMs: 0, closeMidTls: false, closeMidLogin: false, answer: null });
      // faults.ts: clear listens again after refuse-new.
      const wasRefusing = flags.refuseNew;
      flags.refuseNew = false;
      return wasRefusing ? 'listen-again' : 'none';
    }
  }
}
