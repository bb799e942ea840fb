// The start-up machine embedded in a web page (issue 6 "Embedding"): the same statecharts the CLI
// runs, imported from `unity-connect/machines` (no Node built-ins), in a recorded system on a
// virtual clock, answered by scripted drivers. The page shows the state of every actor and the log.
import { VirtualClock, createRecordedSystem, startupMachine, type LogEntry } from 'unity-connect/machines';
import { attachScriptedDrivers } from './drivers.ts';

const params = new URLSearchParams(location.search);
const delayMs = Number(params.get('delay') ?? '400');
const refuse = params.get('refuse')?.split(',').filter(Boolean) ?? [];

const clock = new VirtualClock();
const system = createRecordedSystem({
  machine: startupMachine,
  input: { serverHost: 'oci.example.test', loginId: 'alice@example.test', clientType: 'Desktop', clientVersion: '8.0.1' },
  clock,
  systemId: 'startup',
});
attachScriptedDrivers(system, { delayMs, refuse });

const stateBox = document.getElementById('state') as HTMLElement;
const actorsBox = document.getElementById('actors') as HTMLElement;
const logBox = document.getElementById('log') as HTMLElement;

function render(entry: LogEntry): void {
  const startup = entry.states['startup'] ?? '?';
  stateBox.textContent = startup;
  document.body.dataset['state'] = startup;
  actorsBox.replaceChildren(
    ...Object.entries(entry.states).map(([id, state]) => {
      const row = document.createElement('li');
      row.textContent = `${id}: ${state}`;
      return row;
    }),
  );
  const line = document.createElement('li');
  line.textContent = `#${entry.seq} t=${entry.t}ms ${entry.source} → ${entry.target}: ${entry.event.type}`;
  logBox.append(line);
}

system.onEntry(render);
system.start();

// Virtual time: the keepalive every 300 s (seed §4.1) happens when the user asks for it.
document.getElementById('advance')?.addEventListener('click', () => clock.advance(300_000));
document.getElementById('close')?.addEventListener('click', () => system.dispatch('startup', { type: 'CLOSE' }, 'user'));
