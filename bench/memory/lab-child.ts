// The lab for the memory bench, in a process of its own so the bench's heap is the client's alone:
// prints the endpoints labClientConfig needs as one JSON line, and stops when stdin closes.
import { getScenario, startLab } from 'unity-connect/lab';

const scenario = structuredClone(getScenario('r22-cti'));
// The call-center statistics refresh runs, at a pace a 10 000-round bench can afford (once per
// 50–100 minutes of virtual time instead of every 30–60 s).
scenario.portal.connectivity.callCenterStatsRefresh = { minSeconds: 3_000, maxSeconds: 6_000 };
const lab = await startLab({ scenario, seed: 'memory-bench' });
const endpoints = {
  scenario: { name: lab.scenario.name, clientType: lab.scenario.clientType },
  users: lab.users.map((u) => ({ loginId: u.loginId, password: u.password })),
  services: lab.services,
  caCertPem: lab.caCertPem,
  hostMap: lab.hostMap,
};
process.stdout.write(`${JSON.stringify(endpoints)}\n`);
process.stdin.resume();
process.stdin.on('end', () => void lab.stop().then(() => process.exit(0)));
