// The lab's call model → the XSI call payload (cti-xsi.md §3.4), shared by the CTI and XSI servers.
import type { XsiCall, XsiQueueEntry, XsiRemoteParty } from '../../codecs/xsi/call.ts';
import type { Call, LabTelephony, QueueEntry, RemoteParty } from '../telephony/index.ts';

export function toRemoteParty(remote: RemoteParty): XsiRemoteParty {
  return {
    ...(remote.name !== undefined ? { name: remote.name } : {}),
    address: { value: `tel:${remote.number}` },
    ...(remote.userId !== undefined ? { userId: remote.userId } : {}),
    privacy: false,
    callType: remote.userId !== undefined ? 'Group' : 'Network',
  };
}

const RECORDING_CONTROLS = { None: 'record', Stopped: 'record', Started: 'pause-stop', Paused: 'resume-stop' } as const;

export function toXsiCall(call: Call, telephony: LabTelephony): XsiCall {
  const live = call.state !== 'Released';
  const center = call.callCenterId ? telephony.callCenters().find((c) => c.id === call.callCenterId) : undefined;
  return {
    callId: call.callId,
    extTrackingId: call.extTrackingId,
    personality: call.personality,
    state: call.state,
    ...(call.releaseCause !== null ? { releaseCause: { internalReleaseCause: call.releaseCause } } : {}),
    remoteParty: toRemoteParty(call.remote),
    allowAnswer: call.state === 'Alerting' && call.personality === 'Terminator',
    allowRetrieve: call.state === 'Held',
    startTime: call.startTime,
    ...(call.answerTime !== null ? { answerTime: call.answerTime } : {}),
    ...(call.releaseTime !== null ? { releaseTime: call.releaseTime } : {}),
    ...(center ? { acdCallInfo: { acdUserId: center.id, acdName: center.name, ...(center.phoneNumber ? { acdNumber: center.phoneNumber } : {}) } } : {}),
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
    acdName: center?.name ?? entry.callCenterId,
    acdNumber: center?.phoneNumber ?? '',
  };
}
