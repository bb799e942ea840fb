// The dashboard's live cards, driven by the library's commands (POST /api/command → client.send):
// the user's calls with answer/hold/release and recording controls on the active call, BLF lamps
// of monitored users, IMs in and out with delivery, voicemail with mark-read. Branding policy
// (seed §1.1): another user's remote party is shown only when callDetailsAvailable.
import type { XsiCall } from '../../../client/index.ts';
import type { DashboardFacts } from '../dashboard-facts.ts';
import type { DashboardNews } from '../dashboard-feed.ts';
import { card, fill, type Send } from './cards.ts';
import { el } from './dom.ts';

export interface CommandCards {
  cards: HTMLElement[];
  news(item: DashboardNews): void;
  /** Who the user is (own calls vs BLF) and the policy, from the log and the facts. */
  context(userId: string | null, facts: DashboardFacts | null): void;
}

function partyOf(call: XsiCall): string {
  const p = call.remoteParty;
  if (p.privacy) return 'private number';
  return [p.name, p.address?.value ?? p.userId].filter(Boolean).join(' ') || 'unknown';
}

export function commandCards(send: Send): CommandCards {
  const calls = new Map<string, { targetId: string; call: XsiCall }>();
  const ims: Array<{ id: string; dir: 'in' | 'out'; peer: string; body: string; status: string }> = [];
  let me: string | null = null;
  let facts: DashboardFacts | null = null;

  const callsCard = card('Calls', 'calls');
  const blfCard = card('Busy lamps (monitored users)', 'blf');
  const imCard = card('Instant messages', 'ims');
  const vmCard = card('Voicemail', 'voicemail');
  const result = el('div', { class: 'result', 'data-testid': 'command-result' });

  const run = (command: Record<string, unknown>): Promise<{ ok: boolean; value?: unknown }> => {
    result.textContent = `${String(command['type'])}…`;
    return send(command).then((r) => {
      result.textContent = r.ok ? `${String(command['type'])}: ok` : `${String(command['type'])}: ✗ ${r.message ?? 'failed'}`;
      return r;
    });
  };
  const button = (label: string, testid: string, command: Record<string, unknown>): HTMLButtonElement => {
    const b = el('button', { class: 'act', 'data-testid': testid }, label);
    b.addEventListener('click', () => void run(command));
    return b;
  };

  // Dial form (static), then the calls table (redrawn).
  const dialInput = el('input', { placeholder: 'number', 'data-testid': 'dial-number' });
  const dialForm = el('form', {}, dialInput, el('button', { class: 'act', type: 'submit' }, 'Dial'));
  dialForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void run({ type: 'dial', number: dialInput.value });
  });
  const callsBody = el('div');
  fill(callsCard, callsBody, dialForm, result);

  const imTo = el('input', { placeholder: 'to (user id)', 'data-testid': 'im-to' });
  const imBody = el('input', { placeholder: 'message', 'data-testid': 'im-body' });
  const imForm = el('form', {}, imTo, imBody, el('button', { class: 'act', type: 'submit', 'data-testid': 'im-send' }, 'Send'));
  const imList = el('div');
  imForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const to = imTo.value;
    const body = imBody.value;
    void run({ type: 'sendIm', to, body }).then((r) => {
      const id = (r.value as { id?: string } | undefined)?.id;
      if (r.ok && id !== undefined) {
        // Delivery news may have come before this answer: complete that entry instead.
        const early = ims.find((m) => m.dir === 'out' && m.id === id);
        if (early) Object.assign(early, { peer: to, body });
        else ims.push({ id, dir: 'out', peer: to, body, status: 'sent' });
        imBody.value = '';
        drawIms();
      }
    });
  });
  fill(imCard, imForm, imList);

  const vmList = el('div');
  const fetchVm = (): void =>
    void run({ type: 'fetchVoicemail' }).then((r) => {
      if (!r.ok || !Array.isArray(r.value)) return;
      const table = el('table', {}, el('tr', {}, el('th', {}, 'from'), el('th', {}, 'length'), el('th', {}, '')));
      for (const m of r.value as Array<{ id: string; read: boolean; duration: number; callingPartyInfo?: { name?: string; address?: { value?: string } } }>) {
        const from = m.callingPartyInfo?.name ?? m.callingPartyInfo?.address?.value ?? 'unknown';
        const mark = el('button', { class: 'act', 'data-testid': `vm-read-${m.id}` }, 'Mark read');
        mark.addEventListener('click', () => void run({ type: 'markRead', messageId: m.id }).then(fetchVm));
        table.append(el('tr', { 'data-testid': 'vm-row', 'data-read': String(m.read) }, el('td', {}, `${m.read ? '' : '● '}${from}`), el('td', {}, `${Math.round(m.duration / 1000)} s`), el('td', {}, m.read ? 'read' : mark)));
      }
      vmList.replaceChildren(table);
    });
  const vmButton = el('button', { class: 'act', 'data-testid': 'vm-fetch' }, 'Fetch voicemail');
  vmButton.addEventListener('click', fetchVm);
  fill(vmCard, vmButton, vmList);

  function drawCalls(): void {
    const own = [...calls.values()].filter((c) => me === null || c.targetId === me);
    const table = el('table', {}, el('tr', {}, el('th', {}, 'party'), el('th', {}, 'state'), el('th', {}, 'recording'), el('th', {}, '')));
    for (const { call } of own) {
      const controls = el('td');
      if (call.state === 'Alerting' && call.personality === 'Terminator') controls.append(button('Answer', `answer-${call.callId}`, { type: 'answer', callId: call.callId }));
      if (call.state === 'Active') {
        controls.append(button('Hold', `hold-${call.callId}`, { type: 'hold', callId: call.callId }));
        // Recording controls on the active call (cti-xsi.md: record / stop).
        if (call.recordingState === 'Started') controls.append(button('Stop recording', `record-stop-${call.callId}`, { type: 'record', action: 'stop', callId: call.callId }));
        else controls.append(button('Record', `record-start-${call.callId}`, { type: 'record', action: 'start', callId: call.callId }));
      }
      controls.append(button('Release', `release-${call.callId}`, { type: 'release', callId: call.callId }));
      table.append(el('tr', { 'data-testid': 'call-row', 'data-call': call.callId, 'data-state': call.state, 'data-recording': call.recordingState ?? 'none' }, el('td', {}, partyOf(call)), el('td', {}, call.state), el('td', {}, call.recordingState ?? '—'), controls));
    }
    callsBody.replaceChildren(own.length === 0 ? el('p', {}, 'no calls') : table);
  }

  function drawBlf(): void {
    const byTarget = new Map<string, XsiCall[]>();
    for (const { targetId, call } of calls.values()) if (me !== null && targetId !== me) byTarget.set(targetId, [...(byTarget.get(targetId) ?? []), call]);
    const rows = [...byTarget].map(([target, list]) => {
      const state = list.some((c) => c.state === 'Alerting') ? 'ringing' : list.length > 0 ? 'busy' : 'idle';
      // seed §1.1 branding policy: other users' remote party only when callDetailsAvailable.
      const details = facts?.callDetailsAvailable ? list.map(partyOf).join(', ') : '';
      return el('li', { 'data-testid': `blf-${target}`, 'data-lamp': state }, el('span', { class: `lamp ${state === 'idle' ? '' : state === 'ringing' ? 'connecting' : 'failed'}` }), `${target} ${state}${details ? ` — ${details}` : ''}`);
    });
    const scope = facts?.enterpriseViewAvailable ? 'monitoring: whole enterprise' : 'monitoring: your group only (enterpriseViewAvailable is off)';
    fill(blfCard, el('p', { class: 'result' }, scope), rows.length === 0 ? 'no monitored activity yet' : el('ul', {}, ...rows));
  }

  function drawIms(): void {
    imList.replaceChildren(
      ...ims.map((m) => el('div', { 'data-testid': `im-${m.dir}`, 'data-status': m.status }, `${m.dir === 'in' ? '←' : '→'} ${m.peer}: ${m.body} ${m.dir === 'out' ? `(${m.status})` : ''}`)),
    );
  }

  drawCalls();
  drawBlf();
  return {
    cards: [callsCard, blfCard, imCard, vmCard],
    context(userId, f) {
      me = userId;
      facts = f;
      drawCalls();
      drawBlf();
    },
    news(item) {
      if (item.kind === 'call') {
        // A released call leaves the list; anything else updates it in place.
        if (item.call.state === 'Released' || item.event === 'CallReleasedEvent') calls.delete(item.call.callId);
        else calls.set(item.call.callId, { targetId: item.targetId, call: item.call });
        drawCalls();
        drawBlf();
      } else if (item.kind === 'im-in') {
        if (ims.some((m) => m.dir === 'in' && m.id === item.id)) return; // replayed on reconnect
        ims.push({ id: item.id, dir: 'in', peer: item.from, body: item.body, status: 'received' });
        drawIms();
      } else {
        const out = ims.find((m) => m.dir === 'out' && m.id === item.id);
        if (out) out.status = item.status;
        else ims.push({ id: item.id, dir: 'out', peer: '?', body: '', status: item.status });
        drawIms();
      }
    },
  };
}
