// A UI attached through the shell (README "Writing a UI"): prints each connection's state when it
// changes, against the embedded lab.
//   npx tsx examples/status-line-ui.ts
import { attachUi, createUnityClient, labClientConfig, type SessionUi } from 'unity-connect';
import { startLab } from 'unity-connect/lab';

const statusLine: SessionUi = {
  attach(session) {
    let last = '';
    session.snapshot$.subscribe((s) => {
      const line = Object.entries(s.connections).map(([name, c]) => `${name}: ${c.state}`).join('  ');
      if (line !== last) console.log((last = line));
    });
    return () => console.log('bye'); // optional clean-up; the streams end by themselves on detach
  },
};

const lab = await startLab();
const client = createUnityClient(labClientConfig(lab));
const detach = attachUi(client, statusLine);
try {
  await client.start();
} finally {
  detach();
  await client.stop();
  await lab.stop();
}
