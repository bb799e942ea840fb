// How the lab's call model appears in CAP (cap.md §6, §7).
import type { CapCall } from '../../codecs/cap/types.ts';
import type { Call, CallPersonality, CallState } from '../telephony/types.ts';

/** cap.md §6 state codes (FACT, clients). */
export const CAP_STATE: Record<CallState, number> = {
  Alerting: 1,
  Active: 2,
  Held: 3,
  'Remote Held': 4,
  Released: 5,
};

/** cap.md §12: personality codes are UNVERIFIED — the lab's own documented mapping. */
export const CAP_PERSONALITY: Record<CallPersonality, number> = {
  Originator: 1,
  Terminator: 2,
  'Click-to-Dial': 3,
};

export function capCall(call: Call): CapCall {
  return {
    callId: call.callId,
    extTrackingId: call.extTrackingId,
    state: CAP_STATE[call.state],
    remoteNumber: call.remote.number,
    ...(call.remote.name !== undefined ? { remoteName: call.remote.name } : {}),
    ...(call.callCenterId !== null ? { callCenterUserId: call.callCenterId } : {}),
    personality: CAP_PERSONALITY[call.personality],
    ...(call.releaseCause !== null ? { releaseCause: call.releaseCause } : {}),
  };
}

/** sessionUpdate: off hook while any call is connected or being dialled out. */
export function sessionSummary(calls: Call[]): { offHook: boolean; numCalls: number } {
  const live = calls.filter((c) => c.state !== 'Released');
  const offHook = live.some((c) => c.state !== 'Alerting' || c.personality === 'Originator');
  return { offHook, numCalls: live.length };
}
