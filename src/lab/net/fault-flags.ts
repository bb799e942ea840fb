// The fault flags a lab listener keeps (faults.ts) and reads while it handles connections. Setting
// and clearing them is the same for the TCP and the HTTPS lab servers; what is left for the server
// is the one action on its listeners or connections.
import type { LabFault } from './faults.ts';

export interface FaultFlags {
  halfOpen: boolean;
  delayMs: number;
  refuseNew: boolean;
  closeMidTls: boolean;
  closeMidLogin: boolean;
}

/** What the server must do itself after the flags were updated. */
export type FaultAction = 'drop-all' | 'stop-listening' | 'listen-again' | 'none';

/** The server's own part of a fault: its connections and its listeners. */
export interface FaultHandlers {
  dropAll(): void;
  stopListening(): void | Promise<void>;
  listenAgain(): Promise<void>;
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
    case 'clear': {
      Object.assign(flags, { halfOpen: false, delayMs: 0, closeMidTls: false, closeMidLogin: false });
      // faults.ts: clear listens again after refuse-new.
      const wasRefusing = flags.refuseNew;
      flags.refuseNew = false;
      return wasRefusing ? 'listen-again' : 'none';
    }
  }
}
