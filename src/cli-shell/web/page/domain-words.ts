// Calls, busy lamps and instant messages of the session's domain state in words for the dashboard
// ("ringing", "on hold", "on a call", "delivered"), not the protocol's codes. Pure: the lamp's
// retry countdown takes the `now` it is given.
import type { DomainCall, ImMessage, Lamp, RecordingState } from '../../../client/index.ts';
import { secondsUntil } from './time-words.ts';

/**
 * A call's line state in words.
 *
 * @example
 * callStateInWords({ state: 'alerting', direction: 'incoming' }); // 'ringing'
 * callStateInWords({ state: 'held' }); // 'on hold'
 */
export function callStateInWords(call: Pick<DomainCall, 'state' | 'direction'>): string {
  switch (call.state) {
    case 'alerting':
      return call.direction === 'incoming' || call.direction === undefined ? 'ringing' : 'ringing at the other end';
    case 'active':
      return 'connected';
    case 'held':
      return 'on hold';
    case 'remoteHeld':
      return 'held by the other party';
    case 'detached':
      return 'detached';
  }
}

const RECORDING: Readonly<Record<RecordingState, string>> = {
  off: 'not recording',
  pending: 'starting to record',
  on: 'recording',
  paused: 'recording paused',
  failed: 'recording failed',
};

/**
 * A call's recording in words.
 *
 * @example
 * recordingInWords('paused'); // 'recording paused'
 */
export function recordingInWords(recording: RecordingState): string {
  return RECORDING[recording] ?? recording;
}

const LAMP: Readonly<Record<Lamp['state'], string>> = { unknown: 'not known yet', idle: 'free', ringing: 'ringing', busy: 'on a call' };

/**
 * A lamp's state alone in words (the terminal counts lamps by it).
 *
 * @example
 * lampStateInWords('busy'); // 'on a call'
 */
export function lampStateInWords(state: Lamp['state']): string {
  return LAMP[state] ?? state;
}

/**
 * A monitored user's lamp in words, with how its monitoring stands when it is not in place.
 *
 * @example
 * lampInWords({ state: 'busy', subscription: { state: 'subscribed' } }, 0); // 'on a call'
 * lampInWords({ state: 'unknown', subscription: { state: 'retrying', cause: 'server-error', reason: 'the server answered 503', attempt: 2, retryAt: 30_000 } }, 20_000);
 * // 'not known yet · monitoring again in 10 s: the server answered 503'
 */
export function lampInWords(lamp: Pick<Lamp, 'state' | 'subscription'>, now: number): string {
  const state = lampStateInWords(lamp.state);
  const sub = lamp.subscription;
  if (sub === undefined || sub.state === 'subscribed') return state;
  if (sub.state === 'waiting') return `${state} · monitoring not asked for yet`;
  if (sub.state === 'subscribing') return `${state} · monitoring being set up`;
  const left = secondsUntil(sub.retryAt, now);
  return `${state} · monitoring again ${left > 0 ? `in ${left} s` : 'now'}: ${sub.reason}`;
}

/**
 * An instant message's delivery in words.
 *
 * @example
 * deliveryInWords({ delivery: 'queued' }); // 'sending'
 * deliveryInWords({ delivery: 'rejected', reason: 'not a user' }); // 'rejected: not a user'
 */
export function deliveryInWords(message: Pick<ImMessage, 'delivery' | 'reason'>): string {
  const why = message.reason ? `: ${message.reason}` : '';
  switch (message.delivery) {
    case 'received':
      return 'received';
    case 'queued':
      return 'sending';
    case 'delivered':
      return 'delivered';
    case 'rejected':
      return `rejected${why}`;
    case 'failed':
      return `not sent${why}`;
  }
}
