// An example frontend (issue 11 "Done means"): it shows the user's calls, the busy lamps of
// monitored users, IM conversations with each message's delivery, and voicemail — and it uses the
// package's public API only: it is attached once with attachUi and reads `snapshot.domain`, so it
// keeps showing and updating across a dropped CTI connection and every new link, with nothing to
// re-subscribe. Commands would go through `session.send()`.
import { sensitiveText, type DomainState, type RemoteParty, type SessionUi } from 'unity-connect';

/** What the frontend shows, as text lines (a terminal prints them; a test reads them). */
export interface FrontendView {
  calls: string[];
  lamps: string[];
  messages: string[];
  voicemail: string[];
  /** The connections' states, e.g. `cti: reconnecting`. */
  connections: string[];
}

function party(p: RemoteParty): string {
  if (p.privacy === true) return 'private number';
  return [sensitiveText(p.name), sensitiveText(p.number)].filter((s) => s !== '').join(' ') || p.userId || 'unknown';
}

/**
 * The domain state as text lines.
 *
 * @example
 * renderDomain(client.snapshot.domain).calls; // ['Pat Customer tel:+14155550123 — alerting incoming (answer, release)']
 */
export function renderDomain(domain: DomainState): Omit<FrontendView, 'connections'> {
  const calls = Object.values(domain.calls).map((c) => `${party(c.remote)} — ${c.state}${c.direction ? ` ${c.direction}` : ''}${c.recording !== 'off' ? `, recording ${c.recording}` : ''} (${c.actions.join(', ')})`);
  const lamps = Object.values(domain.lamps).map((l) => `${l.userId}: ${l.state}`);
  const messages = Object.values(domain.conversations)
    .flatMap((c) => c.messages.map((m) => ({ ...m, peer: c.peer })))
    .sort((a, b) => a.at - b.at)
    .map((m) => (m.direction === 'in' ? `← ${m.peer}: ${sensitiveText(m.body)}` : `→ ${m.peer}: ${sensitiveText(m.body)} [${m.delivery}]`));
  const { summary, messages: list } = domain.voicemail;
  const voicemail = [
    ...(summary ? [`${summary.newMessages} new, ${summary.oldMessages} old voicemail`] : []),
    ...(list ?? []).map((m) => `${m.read ? ' ' : '●'} ${party(m.from)} (${Math.round((m.durationMs ?? 0) / 1000)} s)`),
  ];
  return { calls, lamps, messages, voicemail };
}

/**
 * A UI that renders the session's domain state each time it changes.
 *
 * @example
 * attachUi(client, domainFrontend((view) => console.log(view.calls.join('\n'))));
 */
export function domainFrontend(show: (view: FrontendView) => void): SessionUi {
  return {
    attach(session) {
      let last = '';
      const subscription = session.snapshot$.subscribe((snapshot) => {
        const connections = Object.entries(snapshot.connections).map(([name, c]) => `${name}: ${c.state}`);
        const view: FrontendView = { ...renderDomain(snapshot.domain), connections };
        const text = JSON.stringify(view);
        if (text === last) return; // the snapshot ticks on every event; the view only when it changed
        last = text;
        show(view);
      });
      return () => subscription.unsubscribe();
    },
  };
}
