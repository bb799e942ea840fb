// The session's activity in the terminal, from the public domain state (snapshot.domain): the
// calls of the user's line, the busy lamps, instant messages, voicemail and the agent state, as
// counts in words ("1 ringing, 1 on hold"), a line each (wrapped, never cut), only for what the
// session has. Counts, never numbers, names or texts: a screen shared or recorded shows nothing of
// the conversations.
// Pure: the same state and width give the same lines.
import type { CallState, DomainState, ImDelivery, LampState } from '../../client/index.ts';
import { callStateInWords, lampStateInWords } from '../web/page/domain-words.ts';
import type { Style } from './style.ts';
import { fit, wrap } from './text-layout.ts';

/** The words an outbound message's delivery is counted by (received and delivered ones are not). */
const DELIVERY: Readonly<Partial<Record<ImDelivery, string>>> = { queued: 'sending', rejected: 'rejected', failed: 'not sent' };
/** The order counts are said in, whatever order the items came in (the line stays still on screen). */
const CALL_ORDER: readonly CallState[] = ['alerting', 'active', 'held', 'remoteHeld', 'detached'];
const LAMP_ORDER: readonly LampState[] = ['busy', 'ringing', 'idle', 'unknown'];

/** Counts in words, "2 ringing, 1 on hold", in `order` of their items' keys (zeros left out); one pass. */
function counted<T>(items: readonly T[], order: readonly unknown[], word: (item: T) => string, key: (item: T) => unknown): string[] {
  const counts = new Map<string, { n: number; rank: number }>();
  for (const item of items) {
    const w = word(item);
    const seen = counts.get(w);
    const rank = order.indexOf(key(item));
    if (seen === undefined) counts.set(w, { n: 1, rank });
    else {
      seen.n++;
      seen.rank = Math.min(seen.rank, rank);
    }
  }
  return [...counts].sort(([, a], [, b]) => a.rank - b.rank).map(([w, { n }]) => `${n.toLocaleString('en-US')} ${w}`);
}

/**
 * The activity block's lines: its title and the calls line always, the others when the session
 * has lamps, messages, a voicemail summary or an agent state.
 *
 * @example
 * renderActivity(snapshot.domain, { width: 79, style: NO_STYLE });
 * // ['Activity', '  Calls: 1 ringing', '  Lamps (3): 1 on a call, 2 free', '  Voicemail: 2 new, 5 old']
 */
export function renderActivity(domain: DomainState, { width, style }: { width: number; style: Style }): string[] {
  const lines: string[] = [];
  // A line too long for the screen wraps, indented under its label: no count is ever cut off.
  const line = (label: string, parts: readonly string[]): void => {
    const [first = '', ...rest] = wrap(`${label}: ${parts.join(', ')}`, width - 4);
    lines.push(fit(`  ${first}`, width), ...rest.map((more) => fit(`    ${more}`, width)));
  };

  const calls = counted(Object.values(domain.calls), CALL_ORDER, callStateInWords, (c) => c.state);
  line('Calls', calls.length > 0 ? calls : ['none']);

  const all = Object.values(domain.lamps);
  const lamps = all.length;
  if (lamps > 0) {
    const settingUp = all.filter((l) => l.subscription?.state === 'waiting' || l.subscription?.state === 'subscribing').length;
    const retrying = all.filter((l) => l.subscription?.state === 'retrying').length;
    const parts = counted(all, LAMP_ORDER, (l) => lampStateInWords(l.state), (l) => l.state);
    if (settingUp > 0) parts.push(`${settingUp.toLocaleString('en-US')} being set up`);
    if (retrying > 0) parts.push(`${retrying.toLocaleString('en-US')} to monitor again`);
    line(`Lamps (${lamps.toLocaleString('en-US')})`, parts);
  } else if (domain.monitoring?.note) {
    line('Lamps', [domain.monitoring.note]);
  }

  const conversations = Object.values(domain.conversations);
  if (conversations.length > 0) {
    const messages = conversations.flatMap((c) => c.messages);
    const n = messages.length;
    const head = `${n.toLocaleString('en-US')} ${n === 1 ? 'message' : 'messages'} in ${conversations.length} ${conversations.length === 1 ? 'conversation' : 'conversations'}`;
    const outbound = messages.filter((m) => DELIVERY[m.delivery] !== undefined);
    line('Messages', [head, ...counted(outbound, Object.keys(DELIVERY), (m) => DELIVERY[m.delivery]!, (m) => m.delivery)]);
  }

  const summary = domain.voicemail.summary;
  if (summary !== null) {
    const urgent = summary.newUrgentMessages > 0 ? ` (${summary.newUrgentMessages} urgent)` : '';
    line('Voicemail', [`${summary.newMessages} new${urgent}`, `${summary.oldMessages} old`]);
  }

  const agent = domain.callCenter.agent;
  if (agent !== null) line('Agent', [agent.state]);

  return [style.bold('Activity'), ...lines];
}
