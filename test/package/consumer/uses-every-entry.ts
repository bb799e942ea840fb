// A TypeScript consumer of the installed package, type-checked with strict and
// exactOptionalPropertyTypes under moduleResolution nodenext and bundler (no skipLibCheck).
import { attachUi, createUnityClient, labClientConfig, selectProtocols, type ClientSnapshot, type SessionUi, type UnityClientConfig } from 'unity-connect';
import { VirtualClock, machines, replay, startupMachine, type LogEntry } from 'unity-connect/machines';
import { decodeOciDocument, parseXml, type Result, type XmlElement } from 'unity-connect/codecs';
import { listScenarios, startLab, type Lab } from 'unity-connect/lab';

const config: UnityClientConfig = {
  serverHost: 'ocs.example.com',
  loginId: 'ann@example.com',
  password: async () => 'from a prompt',
  portalUrl: 'https://portal.example.com',
  ca: [],
};

const statusLine: SessionUi = {
  attach(session) {
    const subscription = session.snapshot$.subscribe((s: ClientSnapshot) => console.log(s.outcome));
    return () => subscription.unsubscribe();
  },
};

export async function run(): Promise<string> {
  const plan = selectProtocols({ release: '22.0', ociHost: config.serverHost, branding: { voipServerPort: 2208, useCtiInsteadOfCap: false, cti: { port: 8011 } } });
  const xml: Result<XmlElement> = parseXml('<a/>');
  const names: string[] = listScenarios().map((s) => s.name);
  const lab: Lab = await startLab({ scenario: 'r22-cti' });
  const client = createUnityClient({ ...labClientConfig(lab), clock: new VirtualClock() });
  const detach = attachUi(client, statusLine);
  const snapshot = await client.start();
  const entries: readonly LogEntry[] = client.log.entries;
  const replayed = replay(entries, { machine: startupMachine });
  detach();
  await client.stop();
  await lab.stop();
  const decoded = decodeOciDocument(new TextEncoder().encode('<x/>'));
  return [plan.ok ? plan.callControl : plan.code, xml.ok, names.length, snapshot.outcome, replayed.ok, Object.keys(machines).length, decoded.ok].join(' ');
}
