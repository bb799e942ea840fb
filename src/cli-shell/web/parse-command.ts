// A command posted by the page, checked field by field before it reaches session.send(): the local
// server is an entry point like any other, and a malformed body is a 400, never an exception.
import type { UnityCommand } from '../../client/index.ts';

const RECORD_ACTIONS = ['start', 'pause', 'resume', 'stop'] as const;
const AGENT_STATES = ['Sign-In', 'Available', 'Unavailable', 'Wrap-Up', 'Sign-Out'] as const;

export function parseCommand(body: string): UnityCommand | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const str = (key: string): string | null => (typeof v[key] === 'string' && (v[key] as string).length <= 4096 ? (v[key] as string) : null);
  switch (v['type']) {
    case 'dial':
      return str('number') !== null ? { type: 'dial', number: str('number')! } : null;
    case 'answer':
    case 'retrieve':
    case 'hold':
    case 'release':
      return str('callId') !== null ? { type: v['type'], callId: str('callId')! } : null;
    case 'transfer':
      return str('callId') !== null && str('number') !== null ? { type: 'transfer', callId: str('callId')!, number: str('number')! } : null;
    case 'record': {
      const action = RECORD_ACTIONS.find((a) => a === v['action']);
      return action !== undefined && str('callId') !== null ? { type: 'record', action, callId: str('callId')! } : null;
    }
    case 'sendIm': {
      const via = v['via'] === 'imp' || v['via'] === 'xmpp' ? v['via'] : undefined;
      if (str('to') === null || str('body') === null) return null;
      return { type: 'sendIm', to: str('to')!, body: str('body')!, ...(via ? { via } : {}) };
    }
    case 'fetchVoicemail':
      return { type: 'fetchVoicemail' };
    case 'markRead':
      return str('messageId') !== null ? { type: 'markRead', messageId: str('messageId')! } : null;
    case 'setAgentState': {
      const state = AGENT_STATES.find((s) => s === v['state']);
      return state !== undefined ? { type: 'setAgentState', state } : null;
    }
    default:
      return null;
  }
}
