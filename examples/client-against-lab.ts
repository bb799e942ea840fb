// The client library against the embedded lab: start the lab's servers on loopback, point a client
// at them, wait for start-up, print each connection, close everything.
//   npx tsx examples/client-against-lab.ts [scenario]
import { createUnityClient, labClientConfig } from 'unity-connect';
import { startLab } from 'unity-connect/lab';

const lab = await startLab({ scenario: process.argv[2] ?? 'r22-cti' });
const client = createUnityClient(labClientConfig(lab));
try {
  const snapshot = await client.start(); // resolves once start-up is ready or has stopped
  console.log(`${snapshot.outcome}: release ${snapshot.release}, call control ${snapshot.callControl}`);
  for (const [name, c] of Object.entries(snapshot.connections)) {
    console.log(`  ${name}: ${c.state} ${c.host}:${c.port} ${c.tls ?? 'plain'}`);
  }
  if (snapshot.stop) console.log(`  stopped: ${snapshot.stop.code}`);
} finally {
  await client.stop();
  await lab.stop();
}
