// The domain state of a session (issue 11 item 2): types, events and the pure reducer.
export { DOMAIN_ACTOR_ID, DOMAIN_EVENT_TYPES, isDomainEvent, type DomainEvent, type DomainEventType, type UserCommandEvent } from './contract.ts';
export {
  DOMAIN_LIMITS,
  INITIAL_DOMAIN_STATE,
  conversationKey,
  type AgentState,
  type AgentStateName,
  type CallAction,
  type CallCenterState,
  type CallDirection,
  type CallFacts,
  type CallState,
  type CommandOutcome,
  type Commands,
  type Conversation,
  type DomainCall,
  type DomainCommandName,
  type DomainState,
  type ImDelivery,
  type ImMessage,
  type ImService,
  type Lamp,
  type LampState,
  type LampSubscription,
  type QueueStats,
  type RecordingControls,
  type RecordingState,
  type RemoteParty,
  type Voicemail,
  type VoicemailMessage,
  type VoicemailSummary,
} from './domain-state.ts';
export { sensitiveKey, sensitiveText, type Sensitive } from './sensitive.ts';
export { callActions } from './call-actions.ts';
export { foldDomain, reduceDomain, type AnyEvent } from './reduce-domain.ts';
export { isWellFormedDomainEvent } from './event-shape.ts';
export { domainLogic } from './domain-actor.ts';
