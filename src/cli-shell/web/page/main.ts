// The page: the inspector (the chosen actor's statechart, the list of live actors, the event log and,
// when start-up stopped, why and what to change) and the dashboard, both showing the system at the
// timeline position — the newest entry while following a live session, any entry when scrubbing.
// A recorded log opens where its start-up ended: at the stop when it stopped (issue 13). The
// dashboard's connections are the session's status at that position and its calls, lamps, messages
// and voicemail the domain state there (issue 11): live from the server's stream, on a replay as the
// server read them from the log. Its countdowns count on the session's clock: following a live
// session, now (ticking each second); elsewhere on the timeline, the time of the entry shown.
import type { DomainPoint, DomainState, LogEntry, SessionStatus } from '../../../client/index.ts';
import type { DashboardFacts } from '../dashboard-facts.ts';
import type { InspectorModel } from '../inspector-model.ts';
import { actorList } from './actor-list.ts';
import { chartPane } from './chart-pane.ts';
import { dashboardView } from './dashboard-view.ts';
import { byId } from './dom.ts';
import { eventList } from './event-list.ts';
import { showDetail } from './entry-detail.ts';
import { stopPanel, type StopInfo } from './stop-panel.ts';

/** The domain state before anything happened (the page holds no reducer: the server sends states). */
const EMPTY_DOMAIN: DomainState = {
  calls: {},
  offHook: null,
  monitoring: null,
  lamps: {},
  conversations: {},
  voicemail: { summary: null, messages: null },
  callCenter: { agent: null, queues: {} },
  commands: { pending: {}, recent: [] },
};

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path);
  return (await res.json()) as T;
}

const STOPPED = /^done:(?!closed$)/;

async function main(): Promise<void> {
  const model = await getJson<InspectorModel>('/api/model');
  const live = model.mode === 'live';
  byId('mode').textContent = live ? 'live' : 'replay';
  document.body.dataset['mode'] = model.mode;

  const charts = new Map(model.charts.map((c) => [c.name, c]));
  const entries: LogEntry[] = [];
  // The domain state along the timeline (each change), from the server: live or folded from a log.
  const domains: DomainPoint[] = [];
  const addDomain = (point: DomainPoint): void => {
    if (domains.length > 0 && point.seq < domains[domains.length - 1]!.seq) return;
    domains.push(point);
  };
  /** The domain state after the entry at `index` (the state before the first change: empty). */
  const domainAt = (index: number): DomainState | null => {
    const seq = entries[index]?.seq ?? -1;
    for (let i = domains.length - 1; i >= 0; i--) if (domains[i]!.seq <= seq) return domains[i]!.domain;
    return null;
  };
  // The session's status (start-up, stop, each connection) after each entry that changed it.
  const statuses: SessionStatus[] = [];
  const addStatus = (status: SessionStatus): void => {
    if (statuses.length > 0 && status.seq < statuses[statuses.length - 1]!.seq) return;
    statuses.push(status);
  };
  // The session's clock minus the page's, from the newest live entry (zero for a session on the
  // wall clock; a session on another clock counts its countdowns on that one).
  let clockOffset = 0;
  const following = (): boolean => live && follow.checked && position === entries.length - 1;
  /** The session's clock at the timeline position. */
  const now = (): number => (following() || entries.length === 0 ? Date.now() + clockOffset : entries[position]!.t);
  const render = (): void =>
    dashboard.render({ entries, position, facts, domain: domainAt(position) ?? EMPTY_DOMAIN, statuses, stop: stopOrClose(), now: now() });
  let position = 0;
  let chosen = 'startup';
  let facts: DashboardFacts | null = null;
  const slider = byId<HTMLInputElement>('timeline');
  const follow = byId<HTMLInputElement>('follow');
  const label = byId('position');
  const pane = chartPane();
  const actors = actorList(byId('actors'), model.actors, (actor) => {
    chosen = actor;
    redraw();
  });
  const list = eventList(byId('events'), (seq) => show(seq, false));
  const stops = stopPanel(byId('stop'), (seq) => show(seq, false));
  const dashboard = dashboardView(byId('dashboard'), live, async (command) => {
    const res = await fetch('/api/command', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(command) });
    return (await res.json()) as { ok: boolean; value?: unknown; message?: string };
  });
  if (!live) {
    follow.checked = false;
    byId('follow-label').hidden = true;
  }

  /** How the start-up ended, when it did: the replay's stop (computed by the server), or the newest status's. */
  const stopOrClose = (): StopInfo | null => {
    if (model.stop !== null) return model.stop;
    const ended = statuses[statuses.length - 1]?.stop;
    if (ended == null) return null;
    const at = entries.find((e) => /^done:/.test(e.states['startup'] ?? ''));
    return { seq: at?.seq ?? statuses[statuses.length - 1]!.seq, code: ended.code, reason: ended.reason, ...(ended.connection ? { connection: ended.connection } : {}) };
  };
  /** The stop of the start-up (the user's own close is none). */
  const stop = (): StopInfo | null => {
    const ended = stopOrClose();
    if (ended === null || ended.code === 'closed') return null;
    return model.stop !== null || entries.some((e) => STOPPED.test(e.states['startup'] ?? '')) ? ended : null;
  };

  /** The inspector at the timeline position (before the first entry: the start-up's chart, no actor running). */
  function redraw(): void {
    const entry = entries[position];
    const previous = entries[position - 1];
    const chart = charts.get(model.actors[chosen] ?? '');
    if (chart !== undefined) {
      pane.show(chosen, chart);
      const appears = entries.find((e) => e.states[chosen] !== undefined);
      pane.mark({
        before: previous?.states[chosen],
        after: entry?.states[chosen],
        eventType: entry?.target === chosen ? entry.event.type : null,
        appearsAt: appears?.seq ?? null,
      });
    }
    actors.update(entry?.states ?? {}, chosen);
    stops.show(stop(), entry?.seq ?? -1);
    list.markStop(stop()?.seq ?? -1);
  }

  function show(seq: number, following: boolean): void {
    if (entries.length === 0) return;
    position = Math.max(0, Math.min(seq, entries.length - 1));
    if (!following) follow.checked = false;
    slider.max = String(entries.length - 1);
    slider.value = String(position);
    const entry = entries[position]!;
    redraw();
    const since = (entry.t - (entries[0]?.t ?? entry.t)) / 1000;
    label.textContent = `#${entry.seq} of ${entries.length - 1} · +${since.toFixed(3)} s · ${entry.event.type} → ${entry.target}`;
    label.title = label.textContent;
    document.body.dataset['seq'] = String(entry.seq);
    showDetail(byId('detail'), entry);
    list.select(entry.seq); // after the detail, whose height changes the list's
    render();
  }

  function add(entry: LogEntry, arrivedNow = false): void {
    // An EventSource that reconnects gets the whole log again: keep each seq once.
    if (entry.seq < entries.length) return;
    if (arrivedNow) clockOffset = entry.t - Date.now();
    entries.push(entry);
    list.add(entry);
    if (live && (follow.checked || entries.length === 1)) show(entries.length - 1, true);
    else slider.max = String(entries.length - 1);
  }

  /** Where a recorded log opens: at the stop, else where start-up became ready, else at its end. */
  function opening(): number {
    const stopped = stop();
    if (stopped !== null) return stopped.seq;
    const ready = entries.findIndex((e) => e.states['startup'] === 'ready');
    return ready >= 0 ? ready : entries.length - 1;
  }

  slider.addEventListener('input', () => show(Number(slider.value), false));
  byId('prev').addEventListener('click', () => show(position - 1, false));
  byId('next').addEventListener('click', () => show(position + 1, false));
  document.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.type !== 'range' && e.target.type !== 'checkbox') return;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      show(position + (e.key === 'ArrowLeft' ? -1 : 1), false);
    }
  });
  follow.addEventListener('change', () => follow.checked && show(entries.length - 1, true));
  byId<HTMLInputElement>('filter').addEventListener('input', (e) => list.setFilter((e.target as HTMLInputElement).value));
  for (const tab of ['inspector', 'dashboard'] as const) {
    byId(`tab-${tab}`).addEventListener('click', () => {
      byId('inspector').hidden = tab !== 'inspector';
      byId('dashboard').hidden = tab !== 'dashboard';
      document.body.classList.toggle('on-dashboard', tab === 'dashboard');
      byId('tab-inspector').classList.toggle('selected', tab === 'inspector');
      byId('tab-dashboard').classList.toggle('selected', tab === 'dashboard');
    });
  }

  redraw();
  facts = await getJson<DashboardFacts | null>('/api/facts');
  if (live) {
    const stream = new EventSource('/api/events');
    stream.addEventListener('log', (e) => {
      for (const entry of JSON.parse((e as MessageEvent<string>).data) as LogEntry[]) add(entry);
    });
    stream.addEventListener('entry', (e) => add(JSON.parse((e as MessageEvent<string>).data) as LogEntry, true));
    stream.addEventListener('domains', (e) => {
      for (const point of JSON.parse((e as MessageEvent<string>).data) as DomainPoint[]) addDomain(point);
      render();
    });
    stream.addEventListener('domain', (e) => {
      addDomain(JSON.parse((e as MessageEvent<string>).data) as DomainPoint);
      if (follow.checked) render();
    });
    stream.addEventListener('statuses', (e) => {
      for (const status of JSON.parse((e as MessageEvent<string>).data) as SessionStatus[]) addStatus(status);
      redraw();
      render();
    });
    // Facts (branding policy) arrive during start-up, and the stop with its reason at the end.
    stream.addEventListener('status', (e) => {
      addStatus(JSON.parse((e as MessageEvent<string>).data) as SessionStatus);
      redraw();
      if (follow.checked) render();
      void getJson<DashboardFacts | null>('/api/facts').then((f) => {
        facts = f;
        render();
      });
    });
  } else {
    for (const status of await getJson<SessionStatus[]>('/api/status')) addStatus(status);
    for (const point of await getJson<DomainPoint[]>('/api/domain')) addDomain(point);
    for (const entry of await getJson<LogEntry[]>('/api/log')) add(entry);
    show(opening(), false);
  }
  // The countdowns and "ago"s move on with the clock.
  setInterval(() => dashboard.tick(now()), 1000);
  document.body.dataset['ready'] = 'true';
}

void main();
