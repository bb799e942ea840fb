// Every document the lab CTI server writes — responses to each request the client sends, and the
// events of generated lab activity on every package the client subscribes to — and every document
// the client writes back, passes the XSP/CTI/XSI rules: a property over seeded activity and
// generated client operations, against the real lab server over loopback.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { tap } from 'rxjs';
import { createCtiLink, type CtiLink } from '../../../src/adapters/cti/cti-link.ts';
import { startActivity } from '../../../src/lab/telephony/activity.ts';
import { ANN, BOB, CY, openCti, PASSWORDS, SALES, sequentialIds, startCtiLab, type CtiLab } from '../../adapters/cti/support/cti-lab.ts';
import { formatFindings } from '../shape/index.ts';
import { ctiSchemaSet as rules } from './cti-rules.ts';

let lab: CtiLab;
beforeAll(async () => {
  lab = await startCtiLab();
});
afterAll(async () => {
  await lab?.stop();
});

/** The documents of a CTI byte stream (each starts with its declaration). */
const documents = (text: string): string[] =>
  text
    .split(/(?=<\?xml )/)
    .map((d) => d.trim())
    .filter((d) => d !== '');

type ClientOp = 'answer' | 'hold' | 'retrieve' | 'record' | 'pause' | 'resume' | 'stop' | 'release' | 'decline' | 'transfer' | 'dial' | 'agent' | 'state' | 'resync' | 'keepalive';
const OPS: ClientOp[] = ['answer', 'hold', 'retrieve', 'record', 'pause', 'resume', 'stop', 'release', 'decline', 'transfer', 'dial', 'agent', 'state', 'resync', 'keepalive'];

async function run(link: CtiLink, op: ClientOp, n: number): Promise<void> {
  const calls = lab.telephony.calls(ANN);
  const call = calls[n % Math.max(1, calls.length)]?.callId ?? 'callhalf-0:0';
  const ops: Record<ClientOp, () => Promise<unknown>> = {
    answer: () => link.answer(call),
    hold: () => link.hold(call),
    retrieve: () => link.retrieve(call),
    record: () => link.record(call),
    pause: () => link.pauseRecording(call),
    resume: () => link.resumeRecording(call),
    stop: () => link.stopRecording(call),
    release: () => link.release(call),
    decline: () => link.release(call, { decline: true }),
    transfer: () => link.blindTransfer(call, '2004'),
    dial: () => link.dial(n % 2 === 0 ? '2002' : '+15550001111'),
    agent: () => link.agentState(),
    state: () => link.setAgentState((['Available', 'Unavailable', 'Wrap-Up', 'Sign-In'] as const)[n % 4]!),
    resync: () => link.resync(),
    keepalive: () => link.keepalive(n),
  };
  await ops[op]();
}

describe('documents the lab CTI server and the client write, under generated activity', () => {
  test.prop([fc.string({ maxLength: 8 }), fc.array(fc.oneof(fc.constant('lab' as const), fc.constantFrom(...OPS)), { minLength: 4, maxLength: 24 })], { numRuns: 8 })(
    'all pass the XSP/CTI/XSI rules',
    async (seed, steps) => {
      const conn = await openCti(lab);
      const inbound: string[] = [];
      const socket = { ...conn.socket, data$: conn.socket.data$.pipe(tap((b) => inbound.push(Buffer.from(b).toString('utf8')))) };
      const link = createCtiLink({ socket, credentials: () => ({ userId: ANN, password: PASSWORDS[ANN]! }), ids: sequentialIds(), channelSetId: `uc-set-${seed}`, applicationId: 'unity-connect' });
      const activity = startActivity({ telephony: lab.telephony, seed, scheduler: { setTimeout: () => 0, clearTimeout: () => undefined } });
      try {
        // Calls and a waiting caller before the subscriptions: the initial events carry their lists.
        lab.telephony.placeIncomingCall(ANN, { number: '+15550002222', name: 'Before Login' });
        lab.telephony.dial(BOB, '2003');
        lab.telephony.addQueueEntry(SALES, { number: '+15550003333' });
        const auth = await link.authenticate({ userId: ANN, callPackage: 'Advanced Call', monitoredUsers: [BOB, CY], callCenters: [SALES], agent: true });
        expect(auth.ok).toBe(true);
        await link.subscribe(SALES, 'Call Center Monitoring');
        let n = 0;
        for (const s of steps) {
          if (s === 'lab') activity.step();
          else await run(link, s, n);
          n += 1;
        }
        await link.keepalive(999); // every eventResponse written so far has been read
        await link.shutdown();
      } finally {
        activity.stop();
        link.close();
        for (let c = lab.telephony.calls()[0]; c !== undefined; c = lab.telephony.calls()[0]) lab.telephony.remoteRelease(c.callId);
        for (const e of lab.telephony.queue(SALES)) lab.telephony.removeQueueEntry(SALES, e.entryId, 'Removed');
      }
      const server = documents(inbound.join(''));
      const client = documents(conn.written());
      expect(server.length).toBeGreaterThan(4);
      for (const doc of [...server, ...client]) {
        const findings = rules.check(doc);
        expect(findings, `${formatFindings(findings)}\n${doc.slice(0, 400)}`).toEqual([]);
      }
    },
    30_000,
  );
});
