export { XSI_BROADWORKS_NS, CALL_PERSONALITIES, CALL_STATES, RECORDING_CONTROLS, RECORDING_STATES, AGENT_STATES, HOOK_STATUSES } from './call.ts';
export type { XsiAddress, XsiRemoteParty, XsiAcdCallInfo, XsiCall, XsiQueueEntry, XsiCallCenterDetails, XsiAgentStateInfo, XsiMessageSummary } from './call.ts';
export { XSI_EVENT_TYPES, CHANNEL_TERMINATED_REASONS } from './events.ts';
export type { XsiEventType, XsiEventData, XsiSubscriptionEvent, XsiChannelTerminatedEvent, XsiErrorEvent, XsiEvent } from './events.ts';
export { RECORDING_MODES, MEDIA_TYPES } from './bodies.ts';
export type { XsiBodyRoot, XsiBody, XsiMessageInfo } from './bodies.ts';
export { encodeXsiDocument, encodeXsiChunk, decodeXsiDocument, decodeXsiElement } from './documents.ts';
export type { XsiDocument, XsiRoot } from './documents.ts';
