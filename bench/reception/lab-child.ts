// The lab for the reception bench, in a process of its own so its processing is measured alone
// (issue 14: "with the lab's own processing measured alone"): reception-1000 with `--users N`
// monitored users. Prints the endpoints labClientConfig needs as one JSON line, then answers one
// JSON line per command read on stdin:
//   cpu  → { cpuMs }          the CPU this process has used so far (user + system)
//   subs → { basicCall }      the first user's Basic Call subscriptions the CTI server holds
// and stops when stdin closes.
import { createInterface } from 'node:readline';
import { startLab } from 'unity-connect/lab';

const at = process.argv.indexOf('--users');
const users = at === -1 ? 1_000 : Number(process.argv[at + 1]);
const lab = await startLab({ scenario: 'reception-1000', monitoredUsers: users, seed: 'reception-bench' });
const subscriber = lab.users[0]!.loginId;
const endpoints = {
  scenario: { name: lab.scenario.name, clientType: lab.scenario.clientType },
  users: lab.users.map((u) => ({ loginId: u.loginId, password: u.password, monitorsNobody: u.monitorsGroup === false })),
  monitored: lab.users.length - 1,
  services: lab.services,
  caCertPem: lab.caCertPem,
  hostMap: lab.hostMap,
};
process.stdout.write(`${JSON.stringify(endpoints)}\n`);

const answer = (command: string): unknown => {
  if (command === 'cpu') {
    const { user, system } = process.cpuUsage();
    return { cpuMs: (user + system) / 1000 };
  }
  if (command === 'subs') {
    return { basicCall: lab.servers.cti!.hub.subscriptionsOf(subscriber).filter((s) => s.package === 'Basic Call').length };
  }
  return { error: `unknown command ${command}` };
};
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => process.stdout.write(`${JSON.stringify(answer(line.trim()))}\n`));
lines.on('close', () => void lab.stop().then(() => process.exit(0)));
