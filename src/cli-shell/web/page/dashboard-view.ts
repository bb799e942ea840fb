// The dashboard tab: what a support engineer needs of the session at the timeline position. At the
// top, when start-up stopped, what happened and what to change; then each connection (server, TLS
// or plain, state in words, last drop) from the session's public status; the domain state (calls,
// lamps, messages, voicemail, call center) with the commands the client exposes (POST
// /api/command); and profile, license, branding policy and version. Live and on a replay alike:
// everything comes from the status and domain timelines and the log's events.
import type { DomainState, LogEntry, SessionStatus } from '../../../client/index.ts';
import type { DashboardFacts } from '../dashboard-facts.ts';
import { card, dl, fill, type Send } from './cards.ts';
import { commandCards } from './command-cards.ts';
import { connectionsCard } from './connections-card.ts';
import { dashboardStop } from './dashboard-stop.ts';
import type { StopInfo } from './stop-panel.ts';

/** What the dashboard draws at one timeline position. */
export interface DashboardInput {
  entries: readonly LogEntry[];
  /** Index into `entries`. */
  position: number;
  facts: DashboardFacts | null;
  /** The domain state after the entry at `position`. */
  domain: DomainState;
  /** The session's status after each entry that changed it. */
  statuses: readonly SessionStatus[];
  /** How the start-up stopped, when it did (the user's own close included). */
  stop: StopInfo | null;
  /** The session's clock at the position: the countdowns and "ago" are counted from it. */
  now: number;
}

export interface DashboardView {
  render(input: DashboardInput): void;
  /** Draws again what depends on the time (countdowns, how long ago), at `now`. */
  tick(now: number): void;
}

/**
 * The dashboard inside `root`; `live`: a session that takes commands (a replay shows the state only).
 *
 * @example
 * const dashboard = dashboardView(byId('dashboard'), true, send);
 * dashboard.render({ entries, position, facts, domain, statuses, stop, now: Date.now() });
 * setInterval(() => dashboard.tick(Date.now()), 1000);
 */
export function dashboardView(root: HTMLElement, live: boolean, send: Send): DashboardView {
  const stop = dashboardStop();
  const connections = connectionsCard();
  const profileCard = card('Profile', 'profile');
  const licenseCard = card('License', 'license');
  const policyCard = card('Branding policy', 'policy');
  const versionCard = card('Client version', 'version');
  // Live the cards drive the session; on a replay they show the state without controls.
  const commands = commandCards(live ? send : null);
  root.append(stop.element, connections.element, ...commands.cards, profileCard, licenseCard, policyCard, versionCard);
  let last: DashboardInput | null = null;

  /** What depends on the time: the connections' countdowns and drop ages, the lamps' retry countdowns. */
  const drawTimes = (input: DashboardInput, now: number): void => {
    connections.render(input.statuses, input.entries[input.position]?.seq ?? -1, now);
    commands.tick(now);
  };

  return {
    render(input) {
      last = input;
      const { entries, position, facts, domain } = input;
      const seen = entries.slice(0, position + 1);
      const latest = (type: string): LogEntry['event'] | undefined => [...seen].reverse().find((e) => e.event.type === type)?.event;
      stop.show(input.stop);
      commands.render(domain, facts, input.now);
      drawTimes(input, input.now);
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
        status: `${license.status ?? '?'}${license.trialDaysLeft !== undefined ? `, ${license.trialDaysLeft} days left` : ''}`,
        features: Object.entries(license.features ?? {}).filter(([, on]) => on).map(([name]) => name).join(', ') || 'none',
      }) : 'not requested yet');
      fill(policyCard, facts ? dl({
        "others' call details": facts.callDetailsAvailable ? 'shown: callDetailsAvailable is on' : 'hidden: the remote party is not shown',
        'monitoring': facts.enterpriseViewAvailable ? 'whole enterprise: enterpriseViewAvailable is on' : 'own group only',
      }) : 'A recorded log has no branding facts.');
      versionCard.classList.toggle('notice', facts?.permittedUpdateVersion != null);
      fill(versionCard, facts ? dl({
        running: facts.clientVersion ?? '?',
        ...(facts.permittedUpdateVersion ? { 'newer permitted': `${facts.permittedUpdateVersion}: an update is available` } : { update: 'none offered' }),
      }) : '—');
    },
    tick(now) {
      if (last !== null) drawTimes(last, now);
    },
  };
}
