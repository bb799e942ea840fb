// Every document the lab XSI server writes — XSI-Actions answers to each request the client sends
// (and their ErrorInfo failures), the XSI-Events channel chunks (Channel, events of generated lab
// activity on every package, heartbeats, ChannelTerminatedEvent), subscription and channel answers
// — and every body the client sends, passes the XSI R23 rules: a property over seeded activity and
// generated client operations, against the real lab server over loopback TLS.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { tap } from 'rxjs';
import type { XsiClient } from '../../../src/adapters/xsi/xsi-client.ts';
import { httpsRequest, type HttpsRequestOptions } from '../../../src/effects/https-request.ts';
import { startActivity } from '../../../src/lab/telephony/activity.ts';
import { ANN, PASSWORDS, SALES, startXsiLab, type XsiLab } from '../../adapters/xsi/support/xsi-lab.ts';
import { rawHttps } from '../../lab/portal-https-client.ts';
import { RawChunkedStream } from '../../lab/xsi-raw-stream.ts';
import { formatFindings, schemaSet } from '../shape/index.ts';
import { xsiSchema } from './xsi-rules.ts';

const rules = schemaSet(xsiSchema);
const E = '/com.broadsoft.xsi-events/v2.0';
const BW = 'http://schema.broadsoft.com/xsi';
const AUTH = `Basic ${Buffer.from(`${ANN}:${PASSWORDS[ANN]}`).toString('base64')}`;

let lab: XsiLab;
beforeAll(async () => {
  lab = await startXsiLab();
});
afterAll(async () => {
  await lab?.stop();
});

type ClientOp = 'voicemail' | 'message' | 'read' | 'unread' | 'delete' | 'summary' | 'calls' | 'record' | 'pause' | 'stop' | 'mode' | 'agent' | 'state' | 'queue' | 'blf' | 'missing';
const OPS: ClientOp[] = ['voicemail', 'message', 'read', 'unread', 'delete', 'summary', 'calls', 'record', 'pause', 'stop', 'mode', 'agent', 'state', 'queue', 'blf', 'missing'];

async function run(c: XsiClient, op: ClientOp, n: number): Promise<void> {
  const list = await c.voicemail();
  const id = list.ok ? list.value[n % Math.max(1, list.value.length)]?.id ?? 'none' : 'none';
  const call = lab.telephony.calls(ANN)[0]?.callId ?? 'callhalf-0:0';
  const ops: Record<ClientOp, () => Promise<unknown>> = {
    voicemail: async () => undefined,
    message: () => c.voicemailMessage(id),
    read: () => c.markRead(id),
    unread: () => c.markUnread(id),
    delete: () => c.deleteVoicemail(id),
    summary: () => c.messageSummary(),
    calls: () => c.calls(),
    record: () => c.record(call),
    pause: () => c.pauseRecording(call),
    stop: () => c.stopRecording(call),
    mode: () => c.recordingMode(),
    agent: () => c.agentState(),
    state: () => c.setAgentState((['Available', 'Unavailable', 'Sign-Out'] as const)[n % 3]!),
    queue: () => c.queue(SALES),
    blf: () => c.busyLampField(),
    missing: () => c.voicemailMessage('00000000-0000-4000-8000-000000000000'),
  };
  await ops[op]();
}

const https = (method: string, path: string, body?: string) =>
  rawHttps(lab.server.port, lab.caCertPem, 'xsp.lab.test', { method, path, headers: { authorization: AUTH, 'content-type': 'application/xml' }, ...(body ? { body } : {}) });

describe('documents the lab XSI server and the client write, under generated activity', () => {
  test.prop([fc.string({ maxLength: 8 }), fc.array(fc.oneof(fc.constant('lab' as const), fc.constantFrom(...OPS)), { minLength: 4, maxLength: 20 })], { numRuns: 6 })(
    'all pass the XSI R23 rules',
    async (seed, steps) => {
      const written: string[] = [];
      const sent: string[] = [];
      // The client's HTTPS effect, recorded: what it sends and what the lab answers.
      const request = (options: HttpsRequestOptions) => {
        if (options.body !== undefined) sent.push(String(options.body));
        return httpsRequest(options).pipe(tap((res) => written.push(Buffer.from(res.body).toString('utf8'))));
      };
      const client = lab.client(ANN, PASSWORDS[ANN], { request: request as never });
      const channel = `<?xml version="1.0" encoding="UTF-8"?><Channel xmlns="${BW}"><channelSetId>set-${seed.length}</channelSetId><priority>1</priority><weight>50</weight><expires>3600</expires><applicationId>lab-emitted</applicationId></Channel>`;
      lab.telephony.placeIncomingCall(ANN, { number: '+15550002222', name: 'Before Login' });
      lab.telephony.addQueueEntry(SALES, { number: '+15550003333' });
      const stream = await RawChunkedStream.open(lab.server.port, lab.caCertPem, `/com.broadsoft.async${E}/channel`, AUTH, channel);
      const activity = startActivity({ telephony: lab.telephony, seed, scheduler: { setTimeout: () => 0, clearTimeout: () => undefined } });
      let channelId = '';
      try {
        channelId = /<channelId>([^<]+)</.exec(await stream.next())?.[1] ?? '';
        expect(channelId).not.toBe('');
        for (const [target, event] of [[ANN, 'Advanced Call'], [SALES, 'Call Center Queue'], [ANN, 'Call Center Agent'], [SALES, 'Call Center Monitoring'], [ANN, 'Voice Mail Message Summary']] as const) {
          const r = await https('POST', `${E}/user/${target}`, `<Subscription xmlns="${BW}"><event>${event}</event><expires>3600</expires><channelSetId>set-${seed.length}</channelSetId><applicationId>lab-emitted</applicationId></Subscription>`);
          written.push(r.body.toString('utf8'));
        }
        let n = 0;
        for (const s of steps) {
          if (s === 'lab') activity.step();
          else await run(client, s, n);
          n += 1;
        }
        await https('PUT', `${E}/channel/${channelId}/heartbeat`);
        written.push((await https('PUT', `${E}/channel/${channelId}`, `<Channel xmlns="${BW}"><expires>7200</expires></Channel>`)).body.toString('utf8'));
        written.push((await https('GET', `${E}/versions`)).body.toString('utf8'));
        written.push((await https('GET', `/com.broadsoft.xsi-actions/v2.0/user/${ANN}/profile`)).body.toString('utf8'));
        written.push((await https('PUT', `${E}/channel/nope/heartbeat`)).body.toString('utf8'));
      } finally {
        activity.stop();
        if (channelId) await https('DELETE', `${E}/channel/${channelId}`);
        await stream.waitEnd();
        stream.socket.destroy();
        for (let c = lab.telephony.calls()[0]; c !== undefined; c = lab.telephony.calls()[0]) lab.telephony.remoteRelease(c.callId);
        for (const e of lab.telephony.queue(SALES)) lab.telephony.removeQueueEntry(SALES, e.entryId, 'Removed');
      }
      const chunks = stream.chunks.map((c) => c.toString('utf8'));
      expect(chunks.at(-1)).toContain('ChannelTerminatedEvent');
      for (const doc of [...written, ...chunks, ...sent].filter((d) => d.trim() !== '' && !d.includes('<CallCenterReport'))) {
        const findings = rules.check(doc);
        expect(findings, `${formatFindings(findings)}\n${doc.slice(0, 400)}`).toEqual([]);
      }
    },
    30_000,
  );
});
