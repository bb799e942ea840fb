// Plain Node in a project that installed the packed tarball: every entry point imports, protocol
// selection answers, and a client reaches ready against the lab. Prints one JSON line.
import * as root from 'unity-connect';
import * as machines from 'unity-connect/machines';
import * as codecs from 'unity-connect/codecs';
import * as lab from 'unity-connect/lab';

const plan = root.selectProtocols({
  release: '21.sp1',
  ociHost: 'ocs.example.com',
  branding: { voipServerPort: 2208, useCtiInsteadOfCap: true, cti: { host: 'cti.example.com', port: 8011 } },
});
const parsed = codecs.parseXml('<a><b>1</b></a>');
const running = await lab.startLab({ scenario: 'r22-cti' });
const client = root.createUnityClient(root.labClientConfig(running));
let snapshot;
try {
  snapshot = await client.start();
} finally {
  await client.stop();
  await running.stop();
}
console.log(
  JSON.stringify({
    entries: {
      root: Object.keys(root).sort(),
      machines: Object.keys(machines.machines).sort(),
      codecs: typeof codecs.encodeOciDocument,
      lab: lab.listScenarios().length,
    },
    plan: plan.ok ? { callControl: plan.callControl, cti: plan.cti?.port ?? null } : plan.code,
    parsed: parsed.ok ? parsed.value.name : parsed.error.code,
    startup: { outcome: snapshot.outcome, release: snapshot.release, callControl: snapshot.callControl, connections: Object.keys(snapshot.connections).sort() },
  }),
);
