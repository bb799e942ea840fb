// The public surface of the machine core (re-exported by src/machines/index.ts).

// Clocks
export { VirtualClock } from './clock/virtual-clock.ts';
export type { Clock, TimeSource, TimerId } from './clock/clock.ts';

// The generic connection lifecycle and its contract
export { connectionMachine, type ConnectionMachine } from './connection/connection-machine.ts';
export { RECONNECT_DELAY_MS } from './connection/contract.ts';
export type {
  CloseReason,
  ConnectionEffect,
  ConnectionEffectType,
  ConnectionEvent,
  ConnectionInput,
  ConnectionName,
  ConnectionNotification,
  ConnectionOutcome,
  ConnectionPhase,
  ConnectionStateName,
  TlsFailure,
  TlsFailureCause,
  TransportFailure,
  TransportFailureKind,
} from './connection/contract.ts';
export type { ConnectionContext } from './connection/connection-context.ts';

// Start-up (seed §1.1) and its contract
export { startupMachine, STOP_CODES, type StartupMachine } from './startup/startup-machine.ts';
export type {
  Branding,
  ClientType,
  ConnectionStatus,
  License,
  LicenseRequest,
  LicenseStatus,
  PortalFailure,
  StartupEffect,
  StartupEvent,
  StartupInput,
  StartupOutput,
  StartupStop,
  StopCode,
  UserProfile,
} from './startup/contract.ts';
export type { StartupContext } from './startup/startup-context.ts';

// The domain state: calls, lamps, conversations, voicemail, call center (issue 11)
export * from './domain/index.ts';

// Event log and replay
export { createRecordedSystem, type RecordedSystem, type RecordedSystemOptions } from './log/recorded-system.ts';
export { RecordingClock, type TimerFireHandler } from './log/recording-clock.ts';
export {
  EVENT_SOURCES,
  LOG_VERSION,
  START_EVENT_TYPE,
  type EventSource,
  type LogEntry,
  type LoggedEffect,
  type LoggedEvent,
} from './log/log-entry.ts';
export {
  LogDecodeError,
  MAX_LINE_LENGTH,
  decodeLog,
  decodeLogEntry,
  encodeLog,
  encodeLogEntry,
  type LogDecodeErrorCode,
} from './log/jsonl.ts';
export { canonicalJson, digestOf } from './log/digest.ts';
export { stateString } from './log/state-string.ts';
export { replay, type ReplayOptions, type ReplayResult } from './replay/replay.ts';
export { ReplayClock } from './replay/replay-clock.ts';
