// The client layer's public API (DESIGN.md "The layers": src/client assembles machines, drivers and
// sinks into a session). The package root re-exports it, and src/cli-shell imports nothing else of
// the core: everything a UI, a sink or a command-line tool needs from the layers below is named here.

// The client: a session against real servers (or the lab).
export { createUnityClient, DEFAULT_LOG_RETENTION, type StartOptions, type UnityClient } from './create-unity-client.ts';
export { DEFAULT_CLIENT_VERSION, DEFAULT_PORTAL_URL, type UnityClientConfig } from './client-config.ts';
export type { ClientSnapshot, ConnectionView } from './client-snapshot.ts';
export type { CommandFailureCode, CommandResult, UnityCommand } from './client-commands.ts';
export { labClientConfig, type LabEndpoints } from './lab-client-config.ts';
export { APPLICATION_ID } from './session-drivers.ts';
export type { PortalAnswers } from './portal-answers.ts';
export { LAMP_NEWS_EVERY_MS, lampNewsIntervalMs } from './domain-feed.ts';
export { DEFAULT_MONITORING_WINDOW } from '../adapters/runtime/monitoring-options.ts';

// The domain state every UI shows (issue 11): its types, its typed events, and the pure reducer a
// UI may fold over a recorded log itself (the same the session's domain actor runs).
export * from '../machines/domain/index.ts';
export { domainTimeline, type DomainPoint } from './domain-timeline.ts';
// The rest of the snapshot along a recorded log (start-up, stop, each connection), for a replay.
export { sameStatus, statusOf, statusTimeline, type SessionStatus } from './status-timeline.ts';

// Attaching UIs and sinks (README "Writing a UI").
export { attachUi } from './attach/attach-ui.ts';
export type { AttachableSession, Detach, SessionUi, SessionView } from './attach/session-ui.ts';
export type { SessionSink } from './sinks/session-sink.ts';
export { eventLogFileSink } from './sinks/event-log-file.ts';
export { connectionLogFileSink, connectionLogPathOf } from './sinks/connection-log-file.ts';

// ConnectionLog.txt, rendered from an event log (seed §5.1).
export { renderConnectionLog, type ConnectionLogOptions } from './connection-log/index.ts';
export type { ConnectionLogLine, LoggedConnection } from './connection-log/index.ts';

// doctor: every outbound connection the client needs, checked (seed §5).
export * from './doctor/index.ts';

// From the layers below, what UIs and tools read: the event log and its replay, the statecharts
// (the inspector draws them), the names and stop codes in snapshots, the link types in ClientLinks.
export { LogDecodeError, decodeLog, encodeLogEntry } from '../machines/log/jsonl.ts';
export type { EventSource, LogEntry, LoggedEvent } from '../machines/log/log-entry.ts';
export { replay, type ReplayOptions, type ReplayResult } from '../machines/replay/replay.ts';
export { VirtualClock } from '../machines/clock/virtual-clock.ts';
export type { TimeSource } from '../machines/clock/clock.ts';
export { connectionMachine } from '../machines/connection/connection-machine.ts';
export { startupMachine } from '../machines/startup/startup-machine.ts';
export { machines } from '../machines/index.ts';
export { statechartPicture, type StatechartPicture } from '../machines/diagram/svg.ts';
export type { DiagramModel, DiagramState, DiagramTransition } from '../machines/diagram/diagram-model.ts';
export { diagramInputs } from '../machines/diagram/diagram-inputs.ts';
export { RECONNECT_DELAY_MS, type ConnectionName, type ConnectionOutcome } from '../machines/connection/contract.ts';
export type { ClientType, StartupStop, StopCode } from '../machines/startup/contract.ts';
export { CLIENT_TYPES, type BrandingResponse } from '../codecs/kakapo/types.ts';
export { createHostMapResolver, createSystemResolver, type Resolver } from '../effects/resolver.ts';
