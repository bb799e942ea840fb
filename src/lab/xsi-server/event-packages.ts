// XSI event packages (cti-xsi.md §3.5, FACT: exact `event` strings) and which event types each
// carries. There is no "BLF" package: BLF is a call package subscribed per monitored user.
import type { XsiEventType } from '../../codecs/xsi/events.ts';

const BASIC: XsiEventType[] = [
  'CallSubscriptionEvent',
  'CallOriginatingEvent',
  'CallOriginatedEvent',
  'CallReceivedEvent',
  'CallAnsweredEvent',
  'CallReleasedEvent',
  'HookStatusEvent',
];
const STANDARD: XsiEventType[] = [
  ...BASIC,
  'CallHeldEvent',
  'CallRetrievedEvent',
  'CallUpdatedEvent',
  'CallTransferredEvent',
  'CallRecordingStartedEvent',
  'CallRecordingPausedEvent',
  'CallRecordingResumedEvent',
  'CallRecordingStoppedEvent',
];

export const EVENT_PACKAGES = {
  'Basic Call': BASIC,
  'Standard Call': STANDARD,
  'Advanced Call': STANDARD,
  'Call Center Queue': ['ACDSubscriptionEvent', 'ACDCallAddedEvent', 'ACDCallOfferedToAgentEvent', 'ACDCallAnsweredByAgentEvent', 'ACDCallAbandonedEvent', 'ACDCallReleasedEvent'],
  'Call Center Agent': ['AgentSubscriptionEvent', 'AgentStateEvent'],
  'Call Center Monitoring': ['CallCenterMonitoringEvent'],
  'Voice Mail Message Summary': ['VoiceMailMessageSummaryEvent'],
} as const satisfies Record<string, readonly XsiEventType[]>;

export type EventPackage = keyof typeof EVENT_PACKAGES;

/**
 * @example
 * isEventPackage('Advanced Call'); // true
 */
export function isEventPackage(name: unknown): name is EventPackage {
  return typeof name === 'string' && Object.hasOwn(EVENT_PACKAGES, name);
}

export function packageCarries(pkg: EventPackage, type: XsiEventType): boolean {
  return (EVENT_PACKAGES[pkg] as readonly XsiEventType[]).includes(type);
}

/** Packages whose target is a call center rather than a user. */
export const isCallCenterPackage = (pkg: EventPackage): boolean => pkg === 'Call Center Queue' || pkg === 'Call Center Monitoring';
