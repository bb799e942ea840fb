// XSI-Actions routes the client uses (cti-xsi.md §4.3), under /com.broadsoft.xsi-actions/v2.0.
// Path segments are matched case-insensitively (§5: Hold/hold, MarkAsRead/markAsRead).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeBusyLampField, type BusyLampFieldUser } from '../../codecs/xsi/busy-lamp-field.ts';
import { encodeCallCenterReport } from '../../codecs/xsi/call-center-report.ts';
import { decodeXsiDocument, type XsiDocument } from '../../codecs/xsi/documents.ts';
import type { LabTelephony } from '../telephony/index.ts';
import { readBody } from '../portal/https-lab-server.ts';
import { agentState, attemptTelephony, listCalls, recording, setAgentState, talk, type ActionResult, type RecordingMode } from './actions.ts';
import type { CallCenterStats } from './call-center-report.ts';
import { queueEntriesOf, toXsiQueueEntry } from './call-payload.ts';
import { sendDocument, sendError, sendXml } from './http-io.ts';
import { silentWav, type VoicemailStore } from './voicemail-store.ts';

export interface UserProfileFacts {
  groupId: string;
  serviceProviderId: string;
  isEnterprise: boolean;
  impId?: string;
  /** False: the user's Busy Lamp Field list is empty (ScenarioUser.monitorsGroup). */
  monitorsGroup?: boolean;
}

export interface ActionsContext {
  telephony: LabTelephony;
  voicemail: VoicemailStore;
  stats: CallCenterStats;
  release: string;
  profiles: Readonly<Record<string, UserProfileFacts>>;
  recordingMode(userId: string): RecordingMode;
  now(): number;
}

export function versionsDocument(release: string): XsiDocument {
  // Version/XSIVersions.xsd: Versions{commands{baseline (e.g. 21.0), patchedCommand*}, eventPackages?}.
  const baseline = /^(\d+)(?:\.(\d+))?/.exec(release.replace(/^R/i, ''));
  return { root: 'Versions', body: { commands: { baseline: baseline ? `${baseline[1]}.${baseline[2] ?? '0'}` : release, patchedCommand: [] } } };
}

function answer(res: ServerResponse, result: ActionResult): void {
  if ('summary' in result) return sendError(res, result.status, result.summary, result.errorCode);
  sendDocument(res, result.status, result.payload);
}

const notFound = (res: ServerResponse) => sendError(res, 404, ' The requested resource was not found', 4008);

export async function handleActions(req: IncomingMessage, res: ServerResponse, ctx: ActionsContext, authUser: string, segs: string[], query: URLSearchParams): Promise<void> {
  const t = ctx.telephony;
  const l = segs.map((s) => s.toLowerCase());
  const m = req.method ?? 'GET';
  const is = (...pattern: string[]) => pattern.length === l.length && pattern.every((p, i) => p === '*' || p === l[i]);

  if (is('versions') && m === 'GET') return sendDocument(res, 200, versionsDocument(ctx.release));

  if (l[0] === 'callcenter' && segs[1]) {
    const cc = t.callCenters().find((c) => c.id.toLowerCase() === l[1]);
    if (!cc) return notFound(res);
    if (!t.findUser(authUser)?.callCenters.includes(cc.id)) return sendError(res, 403, ' Not an agent or supervisor of this call center', 4410);
    if (is('callcenter', '*', 'calls') && m === 'GET')
      return answer(res, attemptTelephony(() => ({ root: 'ACDQueue', body: queueEntriesOf(t.queue(cc.id).map((e) => toXsiQueueEntry(e, t))) })));
    if (is('callcenter', '*', 'report') && m === 'GET') {
      const to = query.has('to') ? Number(query.get('to')) : ctx.now();
      const from = query.has('from') ? Number(query.get('from')) : to - 86_400_000;
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from > to) return sendError(res, 400, ' from and to must be epoch milliseconds with from <= to', 4003);
      const report = ctx.stats.report(cc.id, from, to);
      if (query.get('format') === 'json') {
        const text = JSON.stringify(report);
        res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) }).end(text);
        return;
      }
      const xml = encodeCallCenterReport(report);
      return xml.ok ? sendXml(res, 200, xml.value) : sendError(res, 500, ` the report could not be encoded (${xml.error.code})`, 5000);
    }
    return notFound(res);
  }

  if (l[0] !== 'user' || !segs[1]) return notFound(res);
  if (l[1] !== authUser.toLowerCase()) return sendError(res, 403, ' Not authorized for this user', 4410);
  const u = authUser;
  const rest = l.slice(2);
  const r = (...pattern: string[]) => pattern.length === rest.length && pattern.every((p, i) => p === '*' || p === rest[i]);
  const call = segs[3] ?? '';

  if (r('profile') && m === 'GET') {
    const user = t.user(u);
    const p = ctx.profiles[u];
    // Profile/XSIProfile.xsd: details (UserDetails), then additionalDetails — required, empty when
    // there is nothing to say.
    return sendDocument(res, 200, {
      root: 'Profile',
      body: {
        details: {
          userId: u,
          ...(user.firstName ? { firstName: user.firstName } : {}),
          ...(user.lastName ? { lastName: user.lastName } : {}),
          ...(p ? { groupId: p.groupId, serviceProvider: { value: p.serviceProviderId, isEnterprise: String(p.isEnterprise) } } : {}),
          ...(user.phoneNumber ? { number: user.phoneNumber } : {}),
          ...(user.extension.length >= 2 ? { extension: user.extension } : {}),
        },
        additionalDetails: p?.impId ? { impId: p.impId } : {},
      },
    });
  }
  if (r('calls') && m === 'GET') return sendDocument(res, 200, listCalls(t, u));
  if (r('calls', 'new') && m === 'POST') {
    const address = query.get('address');
    if (!address) return sendError(res, 400, ' address is required', 4003);
    return answer(res, toCreated(attemptTelephony(() => {
      const c = t.dial(u, address);
      return { root: 'CallStartInfo', body: { callId: c.callId, externalTrackingId: c.extTrackingId } };
    })));
  }
  if (r('calls', 'messagesummary') && m === 'GET') return sendDocument(res, 200, { root: 'VoiceMailMessageSummary', body: { summary: ctx.voicemail.summary(u) } });
  if (r('calls', '*') && m === 'DELETE') return answer(res, attemptTelephony(() => (t.release(u, call, query.get('decline') === 'true' ? 'Decline' : 'Normal'), undefined)));
  if (r('calls', '*', 'talk') && m === 'PUT') return answer(res, talk(t, u, call));
  if (r('calls', '*', 'hold') && m === 'PUT') return answer(res, attemptTelephony(() => (t.hold(u, call), undefined)));
  if (r('calls', '*', 'blindtransfer') && m === 'PUT') {
    const address = query.get('address');
    if (!address) return sendError(res, 400, ' address is required', 4003);
    return answer(res, attemptTelephony(() => (t.blindTransfer(u, call, address), undefined)));
  }
  if (r('calls', '*', 'consulttransfer', '*') && m === 'PUT') return answer(res, attemptTelephony(() => (t.consultTransfer(u, call, segs[5]!), undefined)));
  const recordingOps = { record: 'record', pauserecording: 'pause', resumerecording: 'resume', stoprecording: 'stop' } as const;
  if (rest.length === 3 && rest[0] === 'calls' && Object.hasOwn(recordingOps, rest[2]!) && m === 'PUT')
    return answer(res, recording(t, u, call, recordingOps[rest[2] as keyof typeof recordingOps], ctx.recordingMode(u)));
  if (r('services', 'busylampfield') && m === 'GET') {
    const xml = encodeBusyLampField({ users: monitoredUsers(ctx.profiles, u).map((id) => blfUser(t, id)) });
    return xml.ok ? sendXml(res, 200, xml.value) : sendError(res, 500, ` the BusyLampField list could not be encoded (${xml.error.code})`, 5000);
  }
  if (r('services', 'callrecording') && m === 'GET') return sendDocument(res, 200, { root: 'CallRecording', body: { recordingMode: ctx.recordingMode(u) } });
  if (r('services', 'callcenter')) {
    if (t.user(u).callCenters.length === 0) return sendError(res, 403, ' Call Center service not assigned', 4410);
    if (m === 'GET') return sendDocument(res, 200, agentState(t, u));
    if (m === 'PUT') {
      const doc = await readDocument(req);
      if (doc === null) return sendError(res, 400, ' The request body is not a CallCenter document', 4003);
      return answer(res, setAgentState(t, u, doc));
    }
  }
  if (rest[0] === 'voicemessagingmessages') {
    const v = ctx.voicemail;
    const id = segs[3] ?? '';
    if (r('voicemessagingmessages') && m === 'GET')
      return sendDocument(res, 200, { root: 'VoiceMessagingMessages', body: { messageInfoList: { messageInfo: v.list(u).map((x) => v.info(x)) } } });
    if (r('voicemessagingmessages', 'markallasread') && m === 'PUT') return (v.markAllRead(u), sendXml(res, 200));
    if (r('voicemessagingmessages', '*') && m === 'GET') {
      const msg = v.get(u, id);
      if (!msg) return notFound(res);
      return sendDocument(res, 200, {
        root: 'VoiceMessage',
        body: { messageInfo: v.info(msg), messageMediaContent: { description: `Message from ${msg.from.name}`, mediaType: 'WAV', content: silentWav().toString('base64') } },
      });
    }
    if (r('voicemessagingmessages', '*') && m === 'DELETE') return v.delete(u, id) ? sendXml(res, 200) : notFound(res);
    if (r('voicemessagingmessages', '*', 'markasread') && m === 'PUT') return v.markRead(u, id, true) ? sendXml(res, 200) : notFound(res);
    if (r('voicemessagingmessages', '*', 'markasunread') && m === 'PUT') return v.markRead(u, id, false) ? sendXml(res, 200) : notFound(res);
  }
  return notFound(res);
}

/**
 * cti-xsi.md §3.5: the BLF list of `userId`. PROJECT choice for the lab: every other user of the
 * scenario in the same group (an enterprise: the same enterprise), in scenario order.
 */
export function monitoredUsers(profiles: Readonly<Record<string, UserProfileFacts>>, userId: string): string[] {
  const me = profiles[userId];
  if (me === undefined || me.monitorsGroup === false) return [];
  const sameGroup = (p: UserProfileFacts) =>
    p.serviceProviderId === me.serviceProviderId && (me.isEnterprise || p.groupId === me.groupId);
  return Object.entries(profiles).filter(([id, p]) => id !== userId && sameGroup(p)).map(([id]) => id);
}

/** A monitored user as the BLF list's UserDetailInfo: id, names, number, extension. */
function blfUser(t: LabTelephony, userId: string): BusyLampFieldUser {
  const user = t.findUser(userId);
  if (user === undefined) return { userId };
  return {
    userId,
    ...(user.firstName ? { firstName: user.firstName } : {}),
    ...(user.lastName ? { lastName: user.lastName } : {}),
    ...(user.phoneNumber ? { number: user.phoneNumber } : {}),
    ...(user.extension.length >= 2 ? { extension: user.extension } : {}),
  };
}

const toCreated = (r: ActionResult): ActionResult => (r.status === 200 ? { ...r, status: 201 } : r);

/** A PUT/POST body as an XSI document, or null. */
export async function readDocument(req: IncomingMessage): Promise<XsiDocument | null> {
  const body = await readBody(req, 64 * 1024);
  if (body === null || body.length === 0) return null;
  const doc = decodeXsiDocument(body);
  return doc.ok ? doc.value : null;
}
