// The session's activity in the terminal, from the public domain state (snapshot.domain): the
// calls of the user's line, the busy lamps, instant messages, voicemail and the agent state, as
// counts in words ("1 ringing, 1 on hold"), a line each (wrapped, never cut), only for what the
// session has. Counts, never numbers, names or texts: a screen shared or recorded shows nothing of
// the conversations.
// Pure: the same state and width give the same lines.
import type { CallState, DomainState, ImDelivery, LampState } from '../../client/index.ts';
import type { Style } from './style.ts';
import { fit, wrap } from './text-layout.ts';

/** Words of the dashboard (web/page/domain-words.ts), counted: the same state reads the same. */
const CALL: Readonly<Record<CallState, string>> = { alerting: 'ringing', active: 'connected', held: 'on hold', remoteHeld: 'held by the other party', detached: 'detached' };
const LAMP: Readonly<Record<LampState, string>> = { busy: 'on a call', ringing: 'ringing', idle: 'free', unknown: 'not known yet' };
const DELIVERY: Readonly<Partial<Record<ImDelivery, string>>> = { queued: 'sending', rejected: 'rejected', failed: 'not sent' };

/** "2 ringing, 1 on hold": the counts of `words`' keys, in their order, leaving out zeros. */
function counted<K extends string>(counts: ReadonlyMap<K, number>, words: Readonly<Partial<Record<K, string>>>): string[] {
  return (Object.keys(words) as K[]).filter((k) => (counts.get(k) ?? 0) > 0).map((k) => `${counts.get(k)!.toLocaleString('en-US')} ${words[k]!}`);
}

function tally<K>(keys: Iterable<K>): Map<K, number> {
  const counts = new Map<K, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

function* lampStates(domain: DomainState): Generator<LampState> {
  for (const id in domain.lamps) yield domain.lamps[id]!.state;
}

function* monitoringStates(domain: DomainState): Generator<'settingUp' | 'retrying'> {
  for (const id in domain.lamps) {
    const s = domain.lamps[id]!.subscription?.state;
    if (s === 'waiting' || s === 'subscribing') yield 'settingUp';
    else if (s === 'retrying') yield 'retrying';
  }
}

/**
 * The activity block's lines (none when the session has nothing to show yet).
 *
 * @example
 * renderActivity(snapshot.domain, { width: 79, style: NO_STYLE });
 * // ['Activity', '  Calls: 1 ringing', '  Lamps (3): 1 on a call, 2 free', '  Voicemail: 2 new, 5 old']
 */
export function renderActivity(domain: DomainState, { width, style }: { width: number; style: Style }): string[] {
  const lines: string[] = [];
  // A line too long for the screen wraps, indented under its label: no count is ever cut off.
  const line = (label: string, parts: readonly string[], none: string): void => {
    const [first = '', ...rest] = wrap(`${label}: ${parts.length > 0 ? parts.join(', ') : none}`, width - 4);
    lines.push(fit(`  ${first}`, width), ...rest.map((more) => fit(`    ${more}`, width)));
  };

  line('Calls', counted(tally(Object.values(domain.calls).map((c) => c.state)), CALL), 'none');

  const lamps = Object.keys(domain.lamps).length;
  if (lamps > 0) {
    const monitoring = tally(monitoringStates(domain));
    const settingUp = monitoring.get('settingUp') ?? 0;
    const retrying = monitoring.get('retrying') ?? 0;
    const parts = counted(tally(lampStates(domain)), LAMP);
    if (settingUp > 0) parts.push(`${settingUp.toLocaleString('en-US')} being set up`);
    if (retrying > 0) parts.push(`${retrying.toLocaleString('en-US')} to monitor again`);
    line(`Lamps (${lamps.toLocaleString('en-US')})`, parts, 'none');
  } else if (domain.monitoring?.note) {
    line('Lamps', [domain.monitoring.note], '');
  }

  const conversations = Object.values(domain.conversations);
  if (conversations.length > 0) {
    const messages = conversations.flatMap((c) => c.messages);
    const n = messages.length;
    const head = `${n.toLocaleString('en-US')} ${n === 1 ? 'message' : 'messages'} in ${conversations.length} ${conversations.length === 1 ? 'conversation' : 'conversations'}`;
    line('Messages', [head, ...counted(tally(messages.map((m) => m.delivery)), DELIVERY)], '');
  }

  const summary = domain.voicemail.summary;
  if (summary !== null) {
    const urgent = summary.newUrgentMessages > 0 ? ` (${summary.newUrgentMessages} urgent)` : '';
    line('Voicemail', [`${summary.newMessages} new${urgent}`, `${summary.oldMessages} old`], '');
  }

  const agent = domain.callCenter.agent;
  if (agent !== null) line('Agent', [agent.state], '');

  return [style.bold('Activity'), ...lines];
}
