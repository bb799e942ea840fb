// Telephony operations behind XSI-Actions and their CTI wrappers (cti-xsi.md §2.4, §4.3), in one
// place so both servers behave the same. Errors become an HTTP-like status + ErrorInfo summary.
import type { XsiDocument } from '../../codecs/xsi/documents.ts';
import { TelephonyError, type AgentState, type LabTelephony } from '../telephony/index.ts';

export type ActionResult = { status: 200 | 201; payload?: XsiDocument } | { status: 400 | 403 | 404 | 409; summary: string; errorCode: number };

const AGENT_STATES: readonly AgentState[] = ['Sign-In', 'Available', 'Unavailable', 'Wrap-Up', 'Sign-Out'];

/** Runs a telephony operation; TelephonyError → 404 (unknown thing) or 400 (wrong state). */
export function attemptTelephony(op: () => XsiDocument | undefined): ActionResult {
  try {
    const payload = op();
    return payload ? { status: 200, payload } : { status: 200 };
  } catch (error) {
    if (!(error instanceof TelephonyError)) throw error;
    const notFound = error.code.startsWith('UNKNOWN_');
    // PROJECT: lab error codes in the BroadWorks 4-digit style; summaries never carry secrets.
    return { status: notFound ? 404 : 400, summary: ` ${error.message}`, errorCode: notFound ? 4008 : 4003 };
  }
}

export function talk(t: LabTelephony, userId: string, callId: string): ActionResult {
  return attemptTelephony(() => {
    const call = t.call(callId);
    // Talk answers a ringing call and retrieves a held one (cti-xsi.md §4.3 "answer / retrieve").
    if (call.state === 'Held' || call.state === 'Remote Held') t.retrieve(userId, callId);
    else t.answer(userId, callId);
    return undefined;
  });
}

export function listCalls(t: LabTelephony, userId: string): XsiDocument {
  return { root: 'Calls', body: { call: t.calls(userId).map((c) => ({ callId: c.callId, uri: `/v2.0/user/${userId}/calls/${c.callId}` })) } };
}

export function agentState(t: LabTelephony, userId: string): XsiDocument {
  const user = t.user(userId);
  const centers = t.callCenters().filter((c) => user.callCenters.includes(c.id));
  return {
    root: 'CallCenter',
    body: {
      agentACDState: user.agentState,
      callCenterList: {
        callCenterDetails: centers.map((c) => ({ serviceUserId: c.id, available: true, ...(c.phoneNumber ? { phoneNumber: c.phoneNumber } : {}), ...(c.extension ? { extension: c.extension } : {}) })),
      },
    },
  };
}

export function setAgentState(t: LabTelephony, userId: string, payload: XsiDocument | undefined): ActionResult {
  const state = payload?.root === 'CallCenter' ? payload.body.agentACDState : undefined;
  if (!state || !AGENT_STATES.includes(state)) return { status: 400, summary: ' agentACDState is required', errorCode: 4003 };
  if (t.user(userId).callCenters.length === 0) return { status: 403, summary: ' Call Center service not assigned', errorCode: 4410 };
  return attemptTelephony(() => (t.setAgentState(userId, state), undefined));
}

export type RecordingMode = 'always' | 'never' | 'on-demand' | 'always-pause-resume' | 'on-demand-user-start';

export function recording(t: LabTelephony, userId: string, callId: string, op: 'record' | 'pause' | 'resume' | 'stop', mode: RecordingMode): ActionResult {
  if (mode === 'never') return { status: 403, summary: ' Call Recording is not enabled for this user', errorCode: 4410 };
  // cti-xsi.md §4.3: StopRecording works only in on-demand-user-start mode.
  if (op === 'stop' && mode !== 'on-demand-user-start') return { status: 400, summary: ' StopRecording needs the on-demand-user-start recording mode', errorCode: 4003 };
  return attemptTelephony(() => {
    const call = t.call(callId);
    if (call.userId !== userId) throw new TelephonyError('UNKNOWN_CALL', 'Call not found');
    // cti-xsi.md §4.3: repeating a command in the current state succeeds.
    const already = { record: call.recording === 'Started', pause: call.recording === 'Paused', resume: call.recording === 'Started', stop: call.recording === 'Stopped' || call.recording === 'None' }[op];
    if (already) return undefined;
    if (op === 'record') t.startRecording(userId, callId);
    else if (op === 'pause') t.pauseRecording(userId, callId);
    else if (op === 'resume') t.resumeRecording(userId, callId);
    else t.stopRecording(userId, callId);
    return undefined;
  });
}
