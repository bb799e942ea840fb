export { LabTelephony } from './telephony.ts';
export type { TelephonyOptions, CallCenter } from './telephony.ts';
export { TelephonyError } from './types.ts';
export type {
  AgentState,
  Call,
  CallPersonality,
  CallState,
  LabServiceName,
  QueueEntry,
  QueueRemovalReason,
  RecordingState,
  RemoteParty,
  TelephonyErrorCode,
  TelephonyEvent,
  TelephonyUser,
  TelephonyUserInput,
} from './types.ts';
export { TypedEmitter } from './emitter.ts';
export type { Unsubscribe } from './emitter.ts';
export { createPrng, hashSeed } from './prng.ts';
export type { Prng } from './prng.ts';
export { startActivity } from './activity.ts';
export type { ActivityDriver, ActivityOptions, ActivityScheduler, InstantMessage } from './activity.ts';
export { startCallRate, checkCallRate, CallRateError, MAX_CALLS_PER_SECOND, DEFAULT_CALL_DURATION_MS, DEFAULT_RING_MS } from './call-rate.ts';
export type { CallRate, CallRateDriver, CallRateOptions } from './call-rate.ts';
