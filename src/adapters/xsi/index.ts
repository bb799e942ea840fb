// XSI-Actions driver (cti-xsi.md §4) and the call-center statistics refresh schedule (seed §4.1).
export { createXsiClient } from './xsi-client.ts';
export type { XsiClient, XsiClientOptions, XsiCredentialProvider, VoiceMessage, VoiceMessageMedia, RecordingMode, AgentCallCenterState, MessageCounts, AgentState as XsiAgentState } from './xsi-client.ts';
export type { XsiFailure } from './xsi-failure.ts';
export { decodeCallCenterReport, type CallCenterReport } from '../../codecs/xsi/call-center-report.ts';
export { createStatsRefreshSchedule } from './stats-refresh.ts';
export type { StatsRefreshRange, StatsRefreshSchedule } from './stats-refresh.ts';
