export {
  XSI_BROADWORKS_NS,
  CALL_PERSONALITIES,
  CALL_STATES,
  RECORDING_CONTROLS,
  RECORDING_STATES,
  AGENT_STATES,
  HOOK_STATUSES,
  CALL_TYPES,
  INTERNAL_RELEASE_CAUSES,
  RELEASING_PARTIES,
  ACD_PRIORITIES,
} from './call.ts';
export type {
  XsiAddress,
  XsiRemoteParty,
  XsiAcdCallInfo,
  XsiCall,
  XsiQueueEntry,
  XsiCallCenterDetails,
  XsiAgentStateInfo,
  XsiAgentJoinInfo,
  XsiMessageSummary,
  XsiMonitoringStatus,
  XsiValueWithSeverity,
} from './call.ts';
export { XSI_EVENT_TYPES, CHANNEL_TERMINATED_REASONS, RECORDING_STOPPED_REASONS, CALL_UPDATE_REASONS } from './events.ts';
export type { XsiEventType, XsiEventData, XsiSubscriptionEvent, XsiChannelTerminatedEvent, XsiErrorEvent, XsiEvent } from './events.ts';
export { RECORDING_MODES, MEDIA_TYPES, EVENT_PACKAGE_NAMES, ENTITY_TYPES, EVENT_RESPONSE_STATUS_CODES } from './bodies.ts';
export type { XsiBodyRoot, XsiBody, XsiMessageInfo } from './bodies.ts';
export { encodeXsiDocument, encodeXsiChunk, decodeXsiDocument, decodeXsiElement } from './documents.ts';
export type { XsiDocument, XsiRoot } from './documents.ts';
export { createXsiStreamDecoder } from './stream.ts';
export { CALL_CENTER_QUEUE_FIELDS, encodeCallCenterReport, decodeCallCenterReport, type CallCenterReport } from './call-center-report.ts';
export { encodeBusyLampField, decodeBusyLampField, type BusyLampField, type BusyLampFieldUser } from './busy-lamp-field.ts';
export type { XsiStreamDecoder, XsiStreamLimits } from './stream.ts';
