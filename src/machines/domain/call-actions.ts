// What the user can do with a call now, from its state (XSI CallState; CAP's state codes map onto
// the same states, cap.md §6) and, for recording, the server's `allowedRecordingControls` (XSI
// `RecordingControls`) or, when it says nothing, the recording state. The UIs offer exactly these.
import type { CallAction, CallFacts, RecordingControls, RecordingState } from './domain-state.ts';

/** XSI RecordingControls → the recording commands it allows. */
const CONTROL_ACTIONS: Record<RecordingControls, readonly CallAction[]> = {
  none: [],
  record: ['record'],
  pause: ['pauseRecording'],
  'pause-stop': ['pauseRecording', 'stopRecording'],
  resume: ['resumeRecording'],
  'resume-stop': ['resumeRecording', 'stopRecording'],
  stop: ['stopRecording'],
};

/** Without server controls: the recording commands that fit the recording state. */
const STATE_ACTIONS: Record<RecordingState, readonly CallAction[]> = {
  off: ['record'],
  failed: ['record'],
  pending: ['stopRecording'],
  on: ['pauseRecording', 'stopRecording'],
  paused: ['resumeRecording', 'stopRecording'],
};

/**
 * The commands that apply to `call` now, in a stable order.
 *
 * @example
 * callActions({ callId: 'c1', state: 'alerting', direction: 'incoming', remote: {} }); // ['answer', 'release']
 */
export function callActions(call: CallFacts): CallAction[] {
  const actions: CallAction[] = [];
  switch (call.state) {
    case 'alerting':
      // An incoming call rings here; an outgoing one rings at the other end (only release applies).
      if (call.direction === 'incoming' || call.allowAnswer === true) actions.push('answer');
      break;
    case 'active':
      actions.push('hold', 'transfer');
      actions.push(...(call.recordingControls !== undefined ? CONTROL_ACTIONS[call.recordingControls] : STATE_ACTIONS[call.recording ?? 'off']));
      break;
    case 'held':
      actions.push('retrieve', 'transfer');
      break;
    case 'remoteHeld':
      actions.push('hold', 'transfer');
      break;
    case 'detached':
      if (call.allowRetrieve === true) actions.push('retrieve');
      break;
  }
  actions.push('release');
  return actions;
}
