// The page: draws every chart, keeps the log, and shows the system at the timeline position — the
// newest entry while following a live session, any entry when scrubbing (issue 6 "Inspector").
import type { DomainPoint, DomainState, LogEntry } from '../../../client/index.ts';
import type { DashboardFacts } from '../dashboard-facts.ts';
import type { InspectorModel } from '../inspector-model.ts';
import { chartView, type ChartView } from './chart-view.ts';
import { dashboardView } from './dashboard-view.ts';
import { byId } from './dom.ts';
import { eventList } from './event-list.ts';
import { showDetail } from './entry-detail.ts';

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

async function main(): Promise<void> {
  const model = await getJson<InspectorModel>('/api/model');
  const live = model.mode === 'live';
  byId('mode').textContent = live ? 'live' : 'replay';
  document.body.dataset['mode'] = model.mode;

  const charts = new Map(model.charts.map((c) => [c.name, c]));
  const views = new Map<string, ChartView>();
  const chartsBox = byId('charts');
  for (const [systemId, chartName] of Object.entries(model.actors)) {
    const chart = charts.get(chartName);
    if (chart === undefined) continue;
    const view = chartView(systemId, chart);
    views.set(systemId, view);
    chartsBox.append(view.element);
  }

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
  const render = (): void => dashboard.render(entries, position, facts, domainAt(position) ?? EMPTY_DOMAIN);
  let position = 0;
  let facts: DashboardFacts | null = null;
  const slider = byId<HTMLInputElement>('timeline');
  const follow = byId<HTMLInputElement>('follow');
  const label = byId('position');
  const list = eventList(byId('events'), (seq) => show(seq, false));
  const dashboard = dashboardView(byId('dashboard'), live, async (command) => {
    const res = await fetch('/api/command', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(command) });
    return (await res.json()) as { ok: boolean; value?: unknown; message?: string };
  });
  if (!live) {
    follow.checked = false;
    byId('follow-label').hidden = true;
  }

  function show(seq: number, following: boolean): void {
    if (entries.length === 0) return;
    position = Math.max(0, Math.min(seq, entries.length - 1));
    if (!following) follow.checked = false;
    slider.max = String(entries.length - 1);
    slider.value = String(position);
    const entry = entries[position]!;
    const previous = entries[position - 1];
    for (const [systemId, view] of views) {
      view.highlight(entry.states[systemId]);
      // The transitions this entry's event could take in its target, from the states before it.
      view.fired(systemId === entry.target ? entry.event.type : null, previous?.states[systemId]);
    }
    const since = (entry.t - (entries[0]?.t ?? entry.t)) / 1000;
    label.textContent = `#${entry.seq} of ${entries.length - 1} · +${since.toFixed(3)} s · ${entry.event.type}`;
    document.body.dataset['seq'] = String(entry.seq);
    list.select(entry.seq);
    showDetail(byId('detail'), entry);
    render();
  }

  function add(entry: LogEntry): void {
    // An EventSource that reconnects gets the whole log again: keep each seq once.
    if (entry.seq < entries.length) return;
    entries.push(entry);
    list.add(entry);
    if (follow.checked || entries.length === 1) show(entries.length - 1, true);
    else slider.max = String(entries.length - 1);
  }

  slider.addEventListener('input', () => show(Number(slider.value), false));
  byId('prev').addEventListener('click', () => show(position - 1, false));
  byId('next').addEventListener('click', () => show(position + 1, false));
  follow.addEventListener('change', () => follow.checked && show(entries.length - 1, true));
  byId<HTMLInputElement>('filter').addEventListener('input', (e) => list.setFilter((e.target as HTMLInputElement).value));
  for (const tab of ['inspector', 'dashboard'] as const) {
    byId(`tab-${tab}`).addEventListener('click', () => {
      byId('inspector').hidden = tab !== 'inspector';
      byId('dashboard').hidden = tab !== 'dashboard';
      byId('tab-inspector').classList.toggle('selected', tab === 'inspector');
      byId('tab-dashboard').classList.toggle('selected', tab === 'dashboard');
    });
  }

  facts = await getJson<DashboardFacts | null>('/api/facts');
  if (live) {
    const stream = new EventSource('/api/events');
    stream.addEventListener('log', (e) => {
      for (const entry of JSON.parse((e as MessageEvent<string>).data) as LogEntry[]) add(entry);
    });
    stream.addEventListener('entry', (e) => add(JSON.parse((e as MessageEvent<string>).data) as LogEntry));
    stream.addEventListener('domains', (e) => {
      for (const point of JSON.parse((e as MessageEvent<string>).data) as DomainPoint[]) addDomain(point);
      render();
    });
    stream.addEventListener('domain', (e) => {
      addDomain(JSON.parse((e as MessageEvent<string>).data) as DomainPoint);
      if (follow.checked) render();
    });
    // Facts (branding policy) arrive during start-up: refresh them when the snapshot changes.
    stream.addEventListener('snapshot', () => {
      void getJson<DashboardFacts | null>('/api/facts').then((f) => {
        facts = f;
        render();
      });
    });
  } else {
    for (const point of await getJson<DomainPoint[]>('/api/domain')) addDomain(point);
    for (const entry of await getJson<LogEntry[]>('/api/log')) add(entry);
    show(0, false);
  }
  document.body.dataset['ready'] = 'true';
}

void main();
