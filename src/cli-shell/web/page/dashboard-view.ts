// The dashboard tab: the user's view of the session at the timeline position — profile, license,
// release and call control (from the log's PROFILE/LICENSE events), each connection's state, the
// branding policy and version notice (facts), and the domain state (calls, lamps, messages,
// voicemail, call center) with the commands the client exposes (POST /api/command).
import type { DomainState, LogEntry } from '../../../client/index.ts';
import type { DashboardFacts } from '../dashboard-facts.ts';
import { card, dl, fill, type Send } from './cards.ts';
import { commandCards } from './command-cards.ts';
import { el } from './dom.ts';

const CONNECTIONS = ['oci', 'cap', 'cti', 'imp', 'xmpp'] as const;

export interface DashboardView {
  /** `domain`: the domain state after the entry at `position`. */
  render(entries: readonly LogEntry[], position: number, facts: DashboardFacts | null, domain: DomainState): void;
}

export function dashboardView(root: HTMLElement, live: boolean, send: Send): DashboardView {
  const profileCard = card('Profile', 'profile');
  const licenseCard = card('License', 'license');
  const connectionsCard = card('Connections', 'connections');
  const policyCard = card('Branding policy', 'policy');
  const versionCard = card('Client version', 'version');
  root.append(profileCard, licenseCard, connectionsCard, policyCard, versionCard);
  // Live the cards drive the session; on a replay they show the state without controls.
  const commands = commandCards(live ? send : null);
  root.append(...commands.cards);

  return {
    render(entries, position, facts, domain) {
      const seen = entries.slice(0, position + 1);
      const last = seen[seen.length - 1];
      const latest = (type: string): LogEntry['event'] | undefined => [...seen].reverse().find((e) => e.event.type === type)?.event;
      const profileEvent = latest('PROFILE.LOADED');
      const profile = profileEvent?.['profile'] as Record<string, unknown> | undefined;
      fill(profileCard, profile ? dl({
        name: `${String(profile['firstName'] ?? '')} ${String(profile['lastName'] ?? '')}`.trim(),
        user: String(profile['userId'] ?? ''),
        number: String(profile['phoneNumber'] ?? '—'),
        extension: String(profile['extension'] ?? '—'),
        group: String(profile['groupId'] ?? ''),
        [profile['isEnterprise'] ? 'enterprise' : 'service provider']: String(profile['serviceProviderId'] ?? ''),
        release: String(profileEvent?.['release'] ?? ''),
      }) : 'not loaded yet');
      const license = latest('LICENSE.LOADED')?.['license'] as { status?: string; trialDaysLeft?: number; features?: Record<string, boolean> } | undefined;
      fill(licenseCard, license ? dl({
        status: `${license.status ?? '?'}${license.trialDaysLeft !== undefined ? ` (${license.trialDaysLeft} days left)` : ''}`,
        features: Object.entries(license.features ?? {}).filter(([, on]) => on).map(([name]) => name).join(', ') || 'none',
      }) : 'not requested yet');
      const table = el('table', {}, el('tr', {}, el('th', {}, 'connection'), el('th', {}, 'state')));
      for (const name of CONNECTIONS) {
        const state = last?.states[name];
        if (state === undefined) continue;
        const top = state.replace(/^(stopped|done|error):/, '').split('.')[0] ?? state;
        table.append(el('tr', { 'data-testid': `connection-${name}` }, el('td', {}, el('span', { class: `lamp ${top}` }), name), el('td', {}, state)));
      }
      commands.render(domain, facts);
      fill(connectionsCard, dl({ 'start-up': last?.states['startup'] ?? '—' }), table);
      fill(policyCard, facts ? dl({
        "others' call details": facts.callDetailsAvailable ? 'shown (callDetailsAvailable)' : 'hidden: remote party not shown',
        'monitoring': facts.enterpriseViewAvailable ? 'whole enterprise (enterpriseViewAvailable)' : 'own group only',
      }) : 'no branding facts in a recorded log');
      versionCard.classList.toggle('notice', facts?.permittedUpdateVersion != null);
      fill(versionCard, facts ? dl({
        running: facts.clientVersion ?? '?',
        ...(facts.permittedUpdateVersion ? { 'newer permitted': `${facts.permittedUpdateVersion} — an update is available` } : { update: 'none offered' }),
      }) : '—');
    },
  };
}
