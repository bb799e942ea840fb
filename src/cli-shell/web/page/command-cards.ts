// The dashboard's domain cards, drawn from the session's domain state at the timeline position
// (issue 11: calls, busy lamps, IM conversations with delivery, voicemail, call center — the same
// state live and on a replay), in words (domain-words.ts). Live, each card offers the commands that
// apply (a call's allowed actions; POST /api/command → client.send); a replay shows the state
// without controls. Branding policy: another user's remote party is shown only when the portal's
// callDetailsAvailable is on.
import type { CallAction, DomainCall, DomainState, RemoteParty, Sensitive } from '../../../client/index.ts';
import type { DashboardFacts } from '../dashboard-facts.ts';
import { card, fill, type Send } from './cards.ts';
import { el } from './dom.ts';
import { callStateInWords, deliveryInWords, lampInWords, recordingInWords } from './domain-words.ts';

export interface CommandCards {
  cards: HTMLElement[];
  /** Draws the domain state (the page's position on the timeline) under the branding facts, at `now`. */
  render(domain: DomainState, facts: DashboardFacts | null, now: number): void;
  /** Draws again what counts down (a lamp's next monitoring attempt), at `now`. */
  tick(now: number): void;
}

/** A concealed text (a replay of a shared log) shows its length only. */
function shown(value: Sensitive | undefined): string {
  if (value === undefined) return '';
  return 'text' in value ? value.text : `(${value.length} characters hidden)`;
}

function partyOf(party: RemoteParty): string {
  if (party.privacy === true) return 'private number';
  return [shown(party.name), shown(party.number) || party.userId].filter(Boolean).join(' ') || 'unknown';
}

/** A call action as the command that carries it out, with its button label. */
const ACTION_COMMANDS: Record<CallAction, { label: string; command: (callId: string) => Record<string, unknown> }> = {
  answer: { label: 'Answer', command: (callId) => ({ type: 'answer', callId }) },
  retrieve: { label: 'Retrieve', command: (callId) => ({ type: 'retrieve', callId }) },
  hold: { label: 'Hold', command: (callId) => ({ type: 'hold', callId }) },
  release: { label: 'Release', command: (callId) => ({ type: 'release', callId }) },
  transfer: { label: 'Transfer', command: (callId) => ({ type: 'transfer', callId, number: window.prompt('Transfer to number') ?? '' }) },
  record: { label: 'Record', command: (callId) => ({ type: 'record', action: 'start', callId }) },
  pauseRecording: { label: 'Pause recording', command: (callId) => ({ type: 'record', action: 'pause', callId }) },
  resumeRecording: { label: 'Resume recording', command: (callId) => ({ type: 'record', action: 'resume', callId }) },
  stopRecording: { label: 'Stop recording', command: (callId) => ({ type: 'record', action: 'stop', callId }) },
};
/** Test ids kept from the first dashboard (record-start, record-stop). */
const ACTION_IDS: Partial<Record<CallAction, string>> = { record: 'record-start', stopRecording: 'record-stop' };

/**
 * The domain cards; `send` null: a replay (nothing to send to).
 *
 * @example
 * const commands = commandCards(live ? send : null);
 * root.append(...commands.cards);
 * commands.render(domain, facts, Date.now());
 */
export function commandCards(send: Send | null): CommandCards {
  const callsCard = card('Calls', 'calls');
  const blfCard = card('Busy lamps (monitored users)', 'blf');
  const imCard = card('Instant messages', 'ims');
  const vmCard = card('Voicemail', 'voicemail');
  const centerCard = card('Call center', 'call-center');
  const result = el('div', { class: 'result', 'data-testid': 'command-result' });
  const callsBody = el('div');
  const imList = el('div');
  const vmBody = el('div');

  const run = (command: Record<string, unknown>): void => {
    if (send === null) return;
    result.textContent = `${String(command['type'])}…`;
    void send(command).then((r) => {
      result.textContent = r.ok ? `${String(command['type'])}: ok` : `${String(command['type'])}: ✗ ${r.message ?? 'failed'}`;
    });
  };
  const button = (label: string, testid: string, command: () => Record<string, unknown>): HTMLButtonElement => {
    const b = el('button', { class: 'act', 'data-testid': testid }, label);
    if (send === null) b.disabled = true;
    b.addEventListener('click', () => run(command()));
    return b;
  };

  if (send !== null) {
    const dialInput = el('input', { placeholder: 'number', 'data-testid': 'dial-number' });
    const dialForm = el('form', {}, dialInput, el('button', { class: 'act', type: 'submit' }, 'Dial'));
    dialForm.addEventListener('submit', (e) => {
      e.preventDefault();
      run({ type: 'dial', number: dialInput.value });
    });
    fill(callsCard, callsBody, dialForm, result);
    const imTo = el('input', { placeholder: 'to (user id)', 'data-testid': 'im-to' });
    const imBody = el('input', { placeholder: 'message', 'data-testid': 'im-body' });
    const imForm = el('form', {}, imTo, imBody, el('button', { class: 'act', type: 'submit', 'data-testid': 'im-send' }, 'Send'));
    imForm.addEventListener('submit', (e) => {
      e.preventDefault();
      run({ type: 'sendIm', to: imTo.value, body: imBody.value });
      imBody.value = '';
    });
    fill(imCard, imForm, imList);
    fill(vmCard, button('Fetch voicemail', 'vm-fetch', () => ({ type: 'fetchVoicemail' })), vmBody);
  } else {
    fill(callsCard, callsBody);
    fill(imCard, imList);
    fill(vmCard, vmBody);
  }

  function drawCalls(calls: readonly DomainCall[]): void {
    const table = el('table', {}, el('tr', {}, el('th', {}, 'Party'), el('th', {}, 'State'), el('th', {}, 'Recording'), el('th', {}, '')));
    for (const call of calls) {
      const controls = el('td');
      for (const action of call.actions) {
        const { label, command } = ACTION_COMMANDS[action];
        controls.append(button(label, `${ACTION_IDS[action] ?? action}-${call.callId}`, () => command(call.callId)));
      }
      table.append(
        el(
          'tr',
          { 'data-testid': 'call-row', 'data-call': call.callId, 'data-state': call.state, 'data-recording': call.recording },
          el('td', {}, partyOf(call.remote)),
          el('td', {}, callStateInWords(call)),
          el('td', {}, recordingInWords(call.recording)),
          controls,
        ),
      );
    }
    callsBody.replaceChildren(calls.length === 0 ? el('p', {}, 'no calls') : table);
  }

  function drawLamps(domain: DomainState, facts: DashboardFacts | null, now: number): void {
    const rows = Object.values(domain.lamps).map((lamp) => {
      // The branding policy: other users' remote party only when callDetailsAvailable.
      const details = facts?.callDetailsAvailable ? Object.values(lamp.calls).map((c) => partyOf(c.remote)).join(', ') : '';
      const colour = lamp.state === 'ringing' ? 'trying' : lamp.state === 'busy' ? 'bad' : lamp.state === 'idle' ? 'ok' : '';
      return el(
        'li',
        { 'data-testid': `blf-${lamp.userId}`, 'data-lamp': lamp.state },
        el('span', { class: `lamp ${colour}` }),
        el('span', { class: 'token' }, lamp.userId),
        `: ${lampInWords(lamp, now)}${details ? `, with ${details}` : ''}`,
      );
    });
    const scope = facts?.enterpriseViewAvailable ? 'monitoring: whole enterprise' : 'monitoring: your group only (enterpriseViewAvailable is off)';
    const note = domain.monitoring?.note;
    fill(blfCard, el('p', { class: 'result' }, note ?? scope), rows.length === 0 ? 'no monitored users' : el('ul', {}, ...rows));
  }

  function drawMessages(domain: DomainState): void {
    const items = Object.values(domain.conversations)
      .flatMap((c) => c.messages.map((m) => ({ ...m, peer: c.peer, service: c.service })))
      .sort((a, b) => a.at - b.at);
    imList.replaceChildren(
      ...items.map((m) =>
        el(
          'div',
          { class: 'im', 'data-testid': `im-${m.direction}`, 'data-status': m.delivery, 'data-id': m.id },
          `${m.direction === 'in' ? '← from' : '→ to'} `,
          el('span', { class: 'token' }, m.peer),
          ` over ${m.service === 'imp' ? 'Kakapo IM&P' : 'XMPP'}: ${shown(m.body)}`,
          ...(m.direction === 'out' ? [el('span', { class: 'delivery' }, ` · ${deliveryInWords(m)}`)] : []),
        ),
      ),
    );
  }

  function drawVoicemail(domain: DomainState): void {
    const { summary, messages } = domain.voicemail;
    const counts = summary === null ? 'counts not read yet' : `${summary.newMessages} new (${summary.newUrgentMessages} urgent), ${summary.oldMessages} old`;
    const head = el('p', { 'data-testid': 'vm-summary' }, counts);
    if (messages === null) return vmBody.replaceChildren(head);
    const table = el('table', {}, el('tr', {}, el('th', {}, 'From'), el('th', {}, 'Length'), el('th', {}, '')));
    for (const m of messages) {
      const mark = button('Mark read', `vm-read-${m.id}`, () => ({ type: 'markRead', messageId: m.id }));
      table.append(
        el(
          'tr',
          { 'data-testid': 'vm-row', 'data-read': String(m.read) },
          el('td', {}, `${m.read ? '' : '● '}${partyOf(m.from)}`),
          el('td', {}, m.durationMs !== undefined ? `${Math.round(m.durationMs / 1000)} s` : '—'),
          el('td', {}, m.read ? 'read' : mark),
        ),
      );
    }
    vmBody.replaceChildren(head, table);
  }

  function drawCallCenter(domain: DomainState): void {
    const { agent, queues } = domain.callCenter;
    const rows = Object.values(queues).map((q) => el('li', { 'data-testid': `queue-${q.callCenterId}` }, `${q.callCenterId}: ${q.waiting ?? '?'} waiting`));
    fill(centerCard, el('p', { 'data-testid': 'agent-state' }, agent === null ? 'agent state not known' : `agent: ${agent.state}`), rows.length === 0 ? 'no queue statistics yet' : el('ul', {}, ...rows));
  }

  let lampsDrawn: { domain: DomainState; facts: DashboardFacts | null } | null = null;
  return {
    cards: [callsCard, blfCard, imCard, vmCard, centerCard],
    render(domain, facts, now) {
      lampsDrawn = { domain, facts };
      drawCalls(Object.values(domain.calls));
      drawLamps(domain, facts, now);
      drawMessages(domain);
      drawVoicemail(domain);
      drawCallCenter(domain);
    },
    tick(now) {
      // Only a lamp whose monitoring waits to be asked again changes with the time alone.
      const retrying = lampsDrawn !== null && Object.values(lampsDrawn.domain.lamps).some((l) => l.subscription?.state === 'retrying');
      if (retrying) drawLamps(lampsDrawn!.domain, lampsDrawn!.facts, now);
    },
  };
}
