// The example frontend against the embedded lab, with the lab's activity (calls, BLF, IMs) for life:
//   npx tsx examples/domain-frontend/run.ts [scenario]
// Ctrl-C aborts the session's signal: every connection logs out and the lab stops.
import { attachUi, createUnityClient, labClientConfig } from 'unity-connect';
import { startLab } from 'unity-connect/lab';
import { domainFrontend, type FrontendView } from './frontend.ts';

const print = (view: FrontendView): void => {
  const section = (title: string, lines: string[]) => [`${title}:`, ...(lines.length ? lines.map((l) => `  ${l}`) : ['  —'])];
  console.log(
    ['', ...section('connections', view.connections), ...section('calls', view.calls), ...section('busy lamps', view.lamps), ...section('messages', view.messages), ...section('voicemail', view.voicemail)].join('\n'),
  );
};

const lab = await startLab({ scenario: process.argv[2] ?? 'r22-cti', activity: { meanIntervalMs: 3_000 } });
const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
{
  // `await using`: the session is stopped when this block ends, however it ends.
  await using client = createUnityClient(labClientConfig(lab));
  attachUi(client, domainFrontend(print));
  try {
    await client.start({ signal: abort.signal });
    await new Promise((resolve) => abort.signal.addEventListener('abort', resolve, { once: true }));
  } catch {
    // aborted during start-up: the session is closing already
  }
}
await lab.stop();
