// The delay proxies of the reception bench, in a process of their own so that neither the client's
// CPU nor the lab's includes the proxying. Its argument is one JSON object, { targets: { name:
// { host, port } }, oneWayDelayMs }: it starts a delay proxy per target and prints { name: port }
// as one JSON line; afterwards the command `delay MS` sets the one-way delay of new connections
// (answered `{}`), and the proxies close when stdin closes.
import { createInterface } from 'node:readline';
import { startDelayProxy, type DelayProxy } from '../startup/delay-proxy.ts';

const { targets, oneWayDelayMs } = JSON.parse(process.argv[2] ?? '{}') as { targets: Record<string, { host: string; port: number }>; oneWayDelayMs: number };
const proxies: DelayProxy[] = [];
const ports: Record<string, number> = {};
for (const [name, target] of Object.entries(targets)) {
  const proxy = await startDelayProxy({ target, oneWayDelayMs });
  proxies.push(proxy);
  ports[name] = proxy.port;
}
process.stdout.write(`${JSON.stringify(ports)}\n`);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, value] = line.trim().split(/\s+/);
  const delay = Number(value);
  if (command === 'delay' && Number.isFinite(delay) && delay >= 0) {
    for (const p of proxies) p.oneWayDelayMs = delay;
    process.stdout.write('{}\n');
  } else process.stdout.write(`${JSON.stringify({ error: `unknown command ${line}` })}\n`);
});
lines.on('close', () => void Promise.all(proxies.map((p) => p.close())).then(() => process.exit(0)));
