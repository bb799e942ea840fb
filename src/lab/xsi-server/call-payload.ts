// The lab's call model → the XSI call payload (XSI R23 CallSession/XSICallSession.xsd `Call`,
// ACD/XSIACD.xsd `ACDQueueEntry`), shared by the CTI and XSI servers. Values keep to the schema's
// types: Address = a URI (`tel:…`), release causes only from `InternalReleaseCause` (a normal
// release or a decline carries none), every element ACDCallInfo requires.
import type { XsiAcdCallInfo, XsiCall, XsiQueueEntry, XsiRemoteParty } from '../../codecs/xsi/call.ts';
import { INTERNAL_RELEASE_CAUSES } from '../../codecs/xsi/call.ts';
import type { Call, LabTelephony, QueueEntry, RemoteParty } from '../telephony/index.ts';

export function toRemoteParty(remote: RemoteParty): XsiRemoteParty {
  return {
    ...(remote.name ? { name: remote.name } : {}),
    address: { value: telUri(remote.number) },
    ...(remote.userId !== undefined ? { userId: remote.userId } : {}),
    privacy: false,
    callType: remote.userId !== undefined ? 'Group' : 'Network',
  };
}

/** A number as the `tel:` URI XSI puts in an Address (NonEmptyURI). */
export function telUri(number: string): string {
  const digits = number.replace(/[^0-9+*#]/g, '');
  return `tel:${digits === '' ? '0' : digits}`;
}

const RECORDING_CONTROLS = { None: 'record', Stopped: 'record', Started: 'pause-stop', Paused: 'resume-stop' } as const;

const isInternalReleaseCause = (cause: string): boolean => (INTERNAL_RELEASE_CAUSES as readonly string[]).includes(cause);

/** `ACDCallInfo` of a call a call center distributed: the center, its queue now, the caller. */
function acdCallInfo(call: Call, telephony: LabTelephony): XsiAcdCallInfo | undefined {
  const center = call.callCenterId ? telephony.callCenters().find((c) => c.id === call.callCenterId) : undefined;
  if (center === undefined) return undefined;
  return {
    acdUserId: center.id,
    acdName: center.name || center.id,
    acdNumber: { value: telUri(center.phoneNumber || center.extension || '') },
    numCallsInQueue: telephony.queue(center.id).length,
    // The lab does not keep how long the call waited before it was distributed.
    waitTime: 0,
    callingPartyInfo: toRemoteParty(call.remote),
  };
}

export function toXsiCall(call: Call, telephony: LabTelephony): XsiCall {
  const live = call.state !== 'Released';
  const acd = acdCallInfo(call, telephony);
  return {
    callId: call.callId,
    extTrackingId: call.extTrackingId,
    personality: call.personality,
    state: call.state,
    ...(call.releaseCause !== null && isInternalReleaseCause(call.releaseCause) ? { releaseCause: { internalReleaseCause: call.releaseCause } } : {}),
    remoteParty: toRemoteParty(call.remote),
    allowAnswer: call.state === 'Alerting' && call.personality === 'Terminator',
    allowRetrieve: call.state === 'Held',
    startTime: call.startTime,
    ...(call.answerTime !== null ? { answerTime: call.answerTime } : {}),
    ...(call.releaseTime !== null ? { releaseTime: call.releaseTime } : {}),
    ...(acd ? { acdCallInfo: acd } : {}),
    recorded: call.recording === 'Started' || call.recording === 'Paused',
    ...(live && call.state !== 'Alerting' ? { allowedRecordingControls: RECORDING_CONTROLS[call.recording] } : {}),
    ...(call.recording === 'Started' || call.recording === 'Paused' ? { recordingState: call.recording } : {}),
  };
}

export function toXsiQueueEntry(entry: QueueEntry, telephony: LabTelephony, removeTime?: number): XsiQueueEntry {
  const center = telephony.callCenters().find((c) => c.id === entry.callCenterId);
  return {
    callId: entry.entryId,
    extTrackingId: entry.entryId,
    remoteParty: toRemoteParty(entry.from),
    addTime: entry.enteredAt,
    ...(removeTime !== undefined ? { removeTime } : {}),
    acdName: center?.name || entry.callCenterId,
    acdNumber: { value: telUri(center?.phoneNumber || center?.extension || '') },
  };
}

/** `ACDQueueEntryList` needs at least one entry: an empty queue has no list. */
export function queueEntriesOf(entries: XsiQueueEntry[]): { queueEntries?: { queueEntry: XsiQueueEntry[] } } {
  return entries.length === 0 ? {} : { queueEntries: { queueEntry: entries } };
}
