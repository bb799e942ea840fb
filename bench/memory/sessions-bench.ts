// The memory of many sessions in one process (issue 14: "as a wallboard server or a load test runs
// them"): against one reception lab (in a child process, so this heap is the clients'), the heap
// after a forced GC (without V8's compiled code) is measured
// - per idle session: `sessions` clients, each a user of its own, started (a few at a time) to
//   ready and left idle; the heap they add, divided by their number;
// - per monitored user: one client whose Busy Lamp Field list holds `monitored` users, started and
//   left until every lamp is subscribed; the heap it adds beyond an idle session, divided by the
//   number of lamps.
import { createUnityClient, labClientConfig, type LabEndpoints, type UnityClient } from 'unity-connect';
import { spawnLineChild } from '../reception/line-child.ts';

export interface SessionsResult {
  sessions: number;
  /** MB per idle session. */
  perSessionMb: number;
  /** Sessions whose every connection was online after all had started. */
  online: number;
  startSeconds: number;
  monitored: number;
  /** KB per monitored user. */
  perMonitoredKb: number;
  idleSessionMb: number;
  monitoringSessionMb: number;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function started(client: UnityClient): Promise<UnityClient> {
  const ready = await client.start();
  if (ready.outcome !== 'ready') throw new Error(`start-up stopped: ${ready.stop?.reason ?? ready.step}`);
  return client;
}

const allOnline = (client: UnityClient): boolean => Object.values(client.snapshot.connections).every((c) => c.state === 'online');

export async function benchSessions(options: { sessions: number; monitored: number; heapMb: () => Promise<number> }): Promise<SessionsResult> {
  const { sessions, monitored, heapMb } = options;
  type ChildEndpoints = Omit<LabEndpoints, 'users'> & { users: Array<{ loginId: string; password: string; monitorsNobody: boolean }> };
  const lab = await spawnLineChild<ChildEndpoints>('bench/reception/lab-child.ts', ['--users', String(Math.max(monitored, sessions))]);
  const clients: UnityClient[] = [];
  try {
    const endpoints = lab.first;
    // The users the lab added for scale monitor nobody themselves: those are the idle sessions.
    const idleUsers = endpoints.users.flatMap((u, i) => (u.monitorsNobody ? [i] : []));
    if (idleUsers.length < sessions) throw new Error(`the lab has ${idleUsers.length} users without a BLF list, fewer than ${sessions}`);
    const client = (userIndex: number): UnityClient => createUnityClient(labClientConfig(endpoints, { userIndex }));

    const monitor = async (): Promise<UnityClient> => {
      const c = await started(client(0));
      const lamps = () => Object.values(c.snapshot.domain.lamps).filter((l) => l.subscription?.state === 'subscribed').length;
      for (let i = 0; i < 6_000 && lamps() < monitored; i++) await wait(50);
      if (lamps() < monitored) throw new Error(`only ${lamps()} of ${monitored} lamps subscribed`);
      return c;
    };
    // A warm-up of both kinds first: the modules a session loads on first use and the code V8
    // compiles are the runtime's, not a session's.
    await (await started(client(idleUsers[0]!))).stop();
    await (await monitor()).stop();
    // One idle session, then one that monitors `monitored` users: the difference is the lamps'.
    const before = await heapMb();
    const idle = await started(client(idleUsers[0]!));
    const withIdle = await heapMb();
    const monitoring = await monitor();
    const withMonitoring = await heapMb();
    await Promise.all([idle.stop(), monitoring.stop()]);
    const idleSessionMb = withIdle - before;
    const monitoringSessionMb = withMonitoring - withIdle;

    // `sessions` idle sessions, a user each, started 20 at a time.
    const base = await heapMb();
    const t0 = performance.now();
    for (let next = 0; next < sessions; ) {
      const batch: Promise<UnityClient>[] = [];
      for (let k = 0; k < 20 && next < sessions; k++, next++) batch.push(started(client(idleUsers[next]!)));
      clients.push(...(await Promise.all(batch)));
    }
    const startSeconds = (performance.now() - t0) / 1000;
    const all = await heapMb();
    return {
      sessions,
      perSessionMb: (all - base) / sessions,
      online: clients.filter(allOnline).length,
      startSeconds,
      monitored,
      perMonitoredKb: ((monitoringSessionMb - idleSessionMb) * 1024) / monitored,
      idleSessionMb,
      monitoringSessionMb,
    };
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    await lab.close();
  }
}
