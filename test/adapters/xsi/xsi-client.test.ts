// The XSI-Actions client against the real lab XSI server over HTTPS (lab CA trusted by
// configuration): voicemail, recording on a lab call, call-center state/queue/report, errors.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { map } from 'rxjs';
import { createServer } from 'node:net';
import { httpsRequest, type HttpsRequestOptions } from '../../../src/effects/index.ts';
import { ANN, CY, PASSWORDS, SALES, startXsiLab, type XsiLab } from './support/xsi-lab.ts';

let lab: XsiLab;

beforeAll(async () => {
  lab = await startXsiLab();
});
afterAll(async () => {
  await lab?.stop();
});
afterEach(() => {
  for (let c = lab.telephony.calls()[0]; c !== undefined; c = lab.telephony.calls()[0]) lab.telephony.remoteRelease(c.callId);
});

const must = <T>(o: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!o.ok) throw new Error(o.error.message);
  return o.value;
};

describe('XSI client: visual voicemail (cti-xsi.md §4.3)', () => {
  it('lists, fetches, marks read/unread and deletes messages; the summary follows', async () => {
    const xsi = lab.client(CY);
    const list = must(await xsi.voicemail());
    expect(list).toHaveLength(3);
    expect(list.map((m) => [m.read, m.urgent])).toEqual([
      [false, true],
      [false, false],
      [true, false],
    ]);
    expect(list[0]!.messageId).toBe(`/v2.0/user/${CY}/VoiceMessagingMessages/${list[0]!.id}`);
    expect(list[0]!.callingPartyInfo?.name).toBe('Dana Whitfield');
    expect(must(await xsi.messageSummary())).toEqual({ newMessages: 2, oldMessages: 1, newUrgentMessages: 1, oldUrgentMessages: 0 });

    const media = must(await xsi.voicemailMessage(list[0]!.id));
    expect(media.mediaType).toBe('WAV');
    expect(Buffer.from(media.content.subarray(0, 4)).toString('latin1')).toBe('RIFF');
    expect(media.info.id).toBe(list[0]!.id);

    expect((await xsi.markRead(list[0]!.messageId!)).ok).toBe(true); // the server-relative path works too
    expect((await xsi.markUnread(list[2]!.id)).ok).toBe(true);
    const after = must(await xsi.voicemail());
    expect(after.map((m) => m.read)).toEqual([true, false, false]);
    expect(must(await xsi.messageSummary())).toMatchObject({ newMessages: 2, oldMessages: 1, newUrgentMessages: 0, oldUrgentMessages: 1 });

    expect((await xsi.deleteVoicemail(list[1]!.id)).ok).toBe(true);
    expect(must(await xsi.voicemail()).map((m) => m.id)).toEqual([list[0]!.id, list[2]!.id]);
    const gone = await xsi.voicemailMessage(list[1]!.id);
    expect(!gone.ok && gone.error).toMatchObject({ kind: 'server-error', status: 404, errorCode: 4008, summary: 'The requested resource was not found' });

    expect((await xsi.markAllRead()).ok).toBe(true);
    expect(must(await xsi.voicemail()).every((m) => m.read)).toBe(true);
  });
});

describe('XSI client: recording on the active call (cti-xsi.md §4.3)', () => {
  it('reads the recording mode and records, pauses, resumes and stops a lab call', async () => {
    const xsi = lab.client(ANN);
    expect(must(await xsi.recordingMode())).toBe('on-demand-user-start');
    const call = lab.telephony.placeIncomingCall(ANN, { number: '+15550004444' });
    lab.telephony.answer(ANN, call.callId);
    expect(must(await xsi.calls())).toEqual([call.callId]);
    expect((await xsi.record(call.callId)).ok).toBe(true);
    expect(lab.telephony.call(call.callId).recording).toBe('Started');
    expect((await xsi.pauseRecording(call.callId)).ok).toBe(true);
    expect(lab.telephony.call(call.callId).recording).toBe('Paused');
    expect((await xsi.resumeRecording(call.callId)).ok).toBe(true);
    expect(lab.telephony.call(call.callId).recording).toBe('Started');
    expect((await xsi.stopRecording(call.callId)).ok).toBe(true);
    expect(lab.telephony.call(call.callId).recording).toBe('Stopped');
  });

  it('recording a call that is not the user\'s is a typed error with the ErrorInfo summary', async () => {
    const r = await lab.client(ANN).record('callhalf-0:0');
    expect(!r.ok && r.error).toMatchObject({ kind: 'server-error', status: 404, errorCode: 4008 });
  });
});

describe('XSI client: call center (cti-xsi.md §4.3, §4.4)', () => {
  it('reads and sets the agent state and reads the queue', async () => {
    const xsi = lab.client(ANN);
    const state = must(await xsi.agentState());
    expect(state.callCenterList?.callCenterDetails.map((c) => c.serviceUserId)).toEqual([SALES]);
    expect((await xsi.setAgentState('Available')).ok).toBe(true);
    expect(lab.telephony.user(ANN).agentState).toBe('Available');
    expect(must(await xsi.agentState()).agentACDState).toBe('Available');
    const entry = lab.telephony.addQueueEntry(SALES, { number: '+15550007777', name: 'Waiting Caller' });
    const queue = must(await xsi.queue(SALES));
    expect(queue.map((q) => [q.callId, q.remoteParty.name])).toEqual([[entry.entryId, 'Waiting Caller']]);
    lab.telephony.removeQueueEntry(SALES, entry.entryId, 'Removed');
  });

  it('a user without the Call Center service gets 403 with the summary', async () => {
    const r = await lab.client(CY).agentState();
    expect(!r.ok && r.error).toMatchObject({ kind: 'server-error', status: 403, errorCode: 4410, summary: 'Call Center service not assigned' });
  });

  it('fetches the PROJECT call-center report built from queue and agent activity', async () => {
    const t = lab.telephony;
    const abandoned = t.addQueueEntry(SALES, { number: '+15550001001' });
    const from = abandoned.enteredAt; // the report window starts with this test's first caller
    const served = t.addQueueEntry(SALES, { number: '+15550001002' });
    t.removeQueueEntry(SALES, abandoned.entryId, 'Abandoned');
    const call = t.distributeQueueEntry(SALES, served.entryId, ANN);
    t.answer(ANN, call.callId);
    const report = must(await lab.client(ANN).callCenterReport(SALES, { from, to: Date.now() + 1000 }));
    expect(report.callCenterId).toBe(SALES);
    expect(report.queue).toMatchObject({ callsReceived: 2, callsAnswered: 1, callsAbandoned: 1, callsInQueue: 0 });
    expect(report.agents.find((a) => a.userId === ANN)).toMatchObject({ callsAnswered: 1 });
    expect(report.agents.map((a) => a.userId).sort()).toEqual([ANN, 'bob@lab.test']);
  });
});

describe('XSI client: authentication and transport (cti-xsi.md §4.1)', () => {
  it('a wrong password is a typed auth failure (401) and the password is in no message', async () => {
    const wrong = 'Not-The-Web-Password';
    const r = await lab.client(ANN, wrong).voicemail();
    expect(!r.ok && r.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(JSON.stringify(r)).not.toContain(wrong);
    expect(JSON.stringify(r)).not.toContain(PASSWORDS[ANN]);
  });

  it('a bare user name (without @domain) is refused: the full user@domain is required', async () => {
    const r = await lab.client('ann', PASSWORDS[ANN]).voicemail();
    expect(!r.ok && r.error.kind).toBe('auth');
  });

  it('replays the JSESSIONID cookie the server set', async () => {
    const sent: Array<Record<string, string>> = [];
    const request = (o: HttpsRequestOptions) => {
      sent.push({ ...o.headers });
      // The lab sets no cookie; this proxy adds one to every real answer.
      return httpsRequest(o).pipe(map((r) => ({ ...r, headers: { ...r.headers, 'set-cookie': 'JSESSIONID=abc123; Path=/; Secure' } })));
    };
    const xsi = lab.client(ANN, PASSWORDS[ANN], { request });
    must(await xsi.messageSummary());
    must(await xsi.messageSummary());
    expect(sent[0]!.cookie).toBeUndefined();
    expect(sent[1]!.cookie).toBe('JSESSIONID=abc123');
    expect(sent[1]!.authorization).toBe(`Basic ${Buffer.from(`${ANN}:${PASSWORDS[ANN]}`).toString('base64')}`);
  });

  it('an unreachable XSI server is a typed network failure', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const xsi = lab.client(ANN, PASSWORDS[ANN], { baseUrl: `https://xsp.lab.test:${port}` });
    const r = await xsi.voicemail();
    expect(!r.ok && r.error).toMatchObject({ kind: 'network', failure: { kind: 'refused' } });
  });
});

describe('XSI client: bad server documents are typed errors', () => {
  const answering = (body: string, status = 200) => (o: HttpsRequestOptions) =>
    httpsRequest(o).pipe(map((r) => ({ ...r, status, body: new TextEncoder().encode(body) })));

  it('a 200 whose body is not XML, or not the document asked for, is a protocol failure', async () => {
    const garbage = await lab.client(ANN, PASSWORDS[ANN], { request: answering('<<not xml') }).voicemail();
    expect(!garbage.ok && garbage.error.kind).toBe('protocol');
    const wrongRoot = await lab.client(ANN, PASSWORDS[ANN], { request: answering('<Calls xmlns="http://schema.broadsoft.com/xsi"/>') }).voicemail();
    expect(!wrongRoot.ok && wrongRoot.error).toMatchObject({ kind: 'protocol', code: 'UNEXPECTED_RESPONSE' });
    const report = await lab.client(ANN, PASSWORDS[ANN], { request: answering('<CallCenterReport xmlns="http://schema.broadsoft.com/xsi"><callCenterId>x</callCenterId></CallCenterReport>') }).callCenterReport(SALES);
    expect(!report.ok && report.error).toMatchObject({ kind: 'protocol', code: 'MISSING_FIELD' });
  });

  it('an error status without a body still names the status; an ErrorInfo in ISO-8859-1 is read', async () => {
    const bare = await lab.client(ANN, PASSWORDS[ANN], { request: answering('', 503) }).voicemail();
    expect(!bare.ok && bare.error).toMatchObject({ kind: 'server-error', status: 503, summary: 'HTTP 503' });
    const latin = '<?xml version="1.0" encoding="ISO-8859-1"?><ErrorInfo xmlns="http://schema.broadsoft.com/xsi"><summary> Caf\u00e9 ferm\u00e9</summary><summaryEnglish> Closed</summaryEnglish><errorCode>8251</errorCode></ErrorInfo>';
    const request = (o: HttpsRequestOptions) => httpsRequest(o).pipe(map((r) => ({ ...r, status: 400, body: new Uint8Array(Buffer.from(latin, 'latin1')) })));
    const r = await lab.client(ANN, PASSWORDS[ANN], { request }).voicemail();
    expect(!r.ok && r.error).toMatchObject({ kind: 'server-error', status: 400, errorCode: 8251, summary: 'Caf\u00e9 ferm\u00e9' });
  });
});
