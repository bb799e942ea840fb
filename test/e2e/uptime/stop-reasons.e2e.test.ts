// Reasons a person can act on (issue 10 item 5), end to end: at start-up, where a first failure of
// OCI or CTI stops the start-up (seed §1.1, §5.2), each bad answer stops with its own code and
// advice — a reply over the size limit is not a TLS-only port, a garbled reply is not a wrong
// password, a DOCTYPE reply or a peer that speaks no OCI-P is named at once rather than after the
// login timeout with firewall advice. The clock is virtual: a stop that came from a timeout would
// need the clock to move, and it never does here.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createUnityClient, type UnityClient } from '../../../src/client/create-unity-client.ts';
import { labClientConfig } from '../../../src/client/lab-client-config.ts';
import { getScenario } from '../../../src/lab/scenarios/catalogue.ts';
import type { LabAnswerKind } from '../../../src/lab/net/faults.ts';
import { startLab, type Lab } from '../../../src/lab/start-lab.ts';
import { VirtualClock } from '../../../src/machines/clock/virtual-clock.ts';
import type { StopCode } from '../../../src/machines/startup/contract.ts';

let lab: Lab | null = null;
let client: UnityClient | null = null;
let junk: Server | null = null;
afterEach(async () => {
  await client?.stop();
  await lab?.stop();
  if (junk) await new Promise((resolve) => junk!.close(resolve));
  client = lab = junk = null;
});

const CASES: Array<[LabAnswerKind, StopCode, RegExp]> = [
  ['server-error', 'serverError', /server error .*not a password or firewall problem/s],
  ['garbled', 'garbledReply', /cannot read/],
  ['oversize', 'replyTooLarge', /over its limits.*not a TLS or password problem/s],
  ['doctype', 'doctypeReply', /DOCTYPE declaration/],
  ['unexpected', 'unexpectedReply', /document of the wrong kind/],
];

async function startWithAnswer(service: 'oci' | 'cti', answer: LabAnswerKind) {
  const scenario = getScenario('r22-cti');
  scenario.faults = [{ service, fault: { type: 'answer', answer, count: 1 } }];
  lab = await startLab({ scenario, seed: `stop-reasons-${service}-${answer}` });
  client = createUnityClient(labClientConfig(lab, { clock: new VirtualClock(1_000_000) }));
  return client.start();
}

describe('start-up stops name the bad answer', () => {
  it.each(CASES)('OCI login answered %s → %s', async (answer, code, advice) => {
    const snapshot = await startWithAnswer('oci', answer);
    expect(snapshot).toMatchObject({ outcome: 'stopped', step: code, stop: { code, connection: 'oci' } });
    expect(snapshot.stop!.reason).toMatch(advice);
    expect(snapshot.stop!.reason).not.toMatch(/Check the login ID and password|accepts TLS only|Allow outbound TCP/);
    expect(snapshot.stop!.reason).not.toContain(lab!.users[0]!.password);
  });

  it.each(CASES)('CTI channel answered %s → %s, naming the CTI port setting', async (answer, code) => {
    const snapshot = await startWithAnswer('cti', answer);
    expect(snapshot).toMatchObject({ outcome: 'stopped', step: code, stop: { code, connection: 'cti' } });
    expect(snapshot.stop!.reason).toMatch(/CTI server at cti\.lab\.test/);
  });

  it('a peer that speaks no OCI-P (a web server on the OCI port) is named garbled at once, not after the login timeout', async () => {
    lab = await startLab({ scenario: 'r22-cti', seed: 'stop-reasons-junk' });
    junk = createServer((s: Socket) => {
      s.on('error', () => undefined);
      s.on('data', () => s.write('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')); // and the socket stays open
    });
    await new Promise<void>((resolve) => junk!.listen(0, '127.0.0.1', resolve));
    const junkPort = (junk.address() as { port: number }).port;
    const oci = lab.services['oci']!;
    client = createUnityClient(labClientConfig(lab, { clock: new VirtualClock(1_000_000), portMap: { [`${oci.host}:${oci.port}`]: junkPort } }));
    const snapshot = await client.start();
    expect(snapshot).toMatchObject({ outcome: 'stopped', step: 'garbledReply', stop: { outcome: { kind: 'garbled', phase: 'authenticating' } } });
    expect(snapshot.stop!.reason).toMatch(/check "VoIP Server Port"/);
  });
});
