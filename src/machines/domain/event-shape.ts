// Whether a domain event has the shape its type promises. The reducer reads events from the log,
// and a log is input like any other (a file from a customer, edited by hand, from another
// version): an event that does not fit is ignored rather than half applied.
import { DOMAIN_EVENT_TYPES, type DomainEvent } from './contract.ts';

type Check = (value: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const opt = (check: Check): Check => (v) => v === undefined || check(v);
const list = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const oneOf = (...values: string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const shape = (fields: Record<string, Check>): Check => (v) => isObject(v) && Object.entries(fields).every(([k, check]) => check(v[k]));

const sensitive: Check = (v) => isObject(v) && (typeof v['text'] === 'string' || (typeof v['digest'] === 'string' && num(v['length'])));
const party = shape({ name: opt(sensitive), number: opt(sensitive), userId: opt(str), privacy: opt(bool) });
const call = shape({
  callId: str,
  state: oneOf('alerting', 'active', 'held', 'remoteHeld', 'detached'),
  direction: opt(oneOf('incoming', 'outgoing', 'clickToDial')),
  remote: party,
  recording: opt(oneOf('off', 'pending', 'on', 'paused', 'failed')),
  recordingControls: opt(oneOf('none', 'record', 'pause', 'pause-stop', 'resume', 'resume-stop', 'stop')),
  allowAnswer: opt(bool),
  allowRetrieve: opt(bool),
  startedAt: opt(num),
  answeredAt: opt(num),
  heldAt: opt(num),
});
const service = oneOf('imp', 'xmpp');
const command = oneOf('dial', 'answer', 'retrieve', 'hold', 'release', 'transfer', 'record', 'sendIm', 'fetchVoicemail', 'markRead', 'setAgentState', 'connect');
const line = { monitoredUser: opt(str) };
const voicemailMessage = shape({ id: str, from: party, at: num, durationMs: opt(num), read: bool, urgent: bool, confidential: bool, video: bool, fax: bool });

const SHAPES: Record<DomainEvent['type'], Check> = {
  'CALLS.LISTED': shape({ calls: list(call), offHook: opt(bool), ...line }),
  'CALL.CHANGED': shape({ call, ...line }),
  'CALL.RELEASED': shape({ callId: str, ...line }),
  'HOOK.CHANGED': shape({ offHook: bool, ...line }),
  'LAMPS.MONITORED': shape({ users: list(str), note: (v) => v === null || str(v) }),
  'LAMPS.STATUS': shape({
    via: oneOf('cti', 'cap'),
    at: num,
    list: opt(shape({ users: list(str), note: (v) => v === null || str(v) })),
    lamps: list(
      (v) =>
        shape({ userId: str, state: oneOf('waiting', 'subscribing', 'subscribed', 'retrying'), attempt: opt(num), cause: opt(str), reason: opt(str), retryAt: opt(num) })(v) &&
        ((v as { state: string }).state !== 'retrying' || shape({ cause: str, reason: str, attempt: num, retryAt: num })(v)) &&
        ((v as { state: string }).state !== 'subscribing' || shape({ attempt: num })(v)),
    ),
  }),
  'IM.RECEIVED': shape({ service, id: str, from: str, body: sensitive, at: num }),
  'IM.DELIVERED': shape({ service, id: str }),
  'IM.REJECTED': shape({ service, id: str, reason: str }),
  'VOICEMAIL.SUMMARY': shape({ newMessages: num, oldMessages: num, newUrgentMessages: num, oldUrgentMessages: num }),
  'VOICEMAIL.LISTED': shape({ messages: list(voicemailMessage) }),
  'AGENT.STATE': shape({ state: oneOf('Sign-In', 'Available', 'Unavailable', 'Wrap-Up', 'Sign-Out'), since: opt(num), unavailableCode: opt(str) }),
  'QUEUE.STATS': shape({
    callCenterId: str,
    waiting: (v) => v === undefined || v === null || num(v),
    entries: opt(list(str)),
    averageHandlingTime: opt(num),
    expectedWaitTime: opt(num),
    longestWaitTime: opt(num),
    agentsStaffed: opt(num),
    agentsIdle: opt(num),
    at: opt(num),
  }),
  'QUEUE.LISTED': shape({ callCenterId: str, entries: list(str) }),
  'QUEUE.ENTRY_ADDED': shape({ callCenterId: str, entryId: str }),
  'QUEUE.ENTRY_REMOVED': shape({ callCenterId: str, entryId: str }),
  'USER.COMMAND': shape({
    commandId: str,
    command,
    at: num,
    callId: opt(str),
    messageId: opt(str),
    number: opt(sensitive),
    to: opt(str),
    service: opt(service),
    body: opt(sensitive),
    action: opt(str),
  }),
  'COMMAND.RESULT': shape({ commandId: str, command, ok: bool, code: opt(str), message: opt(str), messageId: opt(str), service: opt(service) }),
};

/**
 * True when `event` is a domain event of a known type with the fields that type needs.
 *
 * @example
 * isWellFormedDomainEvent({ type: 'CALL.RELEASED', callId: 'c1' }); // true
 * isWellFormedDomainEvent({ type: 'CALL.RELEASED' }); // false: no callId
 */
export function isWellFormedDomainEvent(event: { readonly type: string }): event is DomainEvent {
  if (!(DOMAIN_EVENT_TYPES as readonly string[]).includes(event.type)) return false;
  return SHAPES[event.type as DomainEvent['type']](event);
}
