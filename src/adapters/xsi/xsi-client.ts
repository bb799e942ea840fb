// XSI-Actions over HTTPS (cti-xsi.md §4): visual voicemail, call recording on the active call,
// call-center agent state and queue, and the PROJECT call-center report (§4.4). Every request
// carries HTTP Basic with the full user@domain and the web-portal password from the credential
// provider (§4.1); the JSESSIONID cookie is replayed when the server sets one. Requests never block
// a connection (seed: XSI runs beside the persistent links). Nothing throws.
import { firstValueFrom, type Observable, type SchedulerLike } from 'rxjs';
import { base64Decode } from '../../codecs/kakapo/base64.ts';
import { basicCredentials } from '../../codecs/cti/credentials.ts';
import type { RECORDING_MODES, XsiBody, XsiMessageInfo } from '../../codecs/xsi/bodies.ts';
import type { AGENT_STATES, XsiCallCenterDetails, XsiQueueEntry } from '../../codecs/xsi/call.ts';
import { decodeXsiDocument, encodeXsiDocument, type XsiDocument } from '../../codecs/xsi/documents.ts';
import type { HttpsAgentPool } from '../../effects/https-agent-pool.ts';
import { httpsRequest, type HttpsRequestOptions, type HttpsResponse } from '../../effects/https-request.ts';
import { isNetFailure, type NetFailure } from '../../effects/net-failure.ts';
import type { Resolver } from '../../effects/resolver.ts';
import type { TlsVersion } from '../../machines/protocol-selection/types.ts';
import { failWith, succeed, type Outcome } from '../oci/oci-failure.ts';
import { scrubSecret } from '../cti/cti-failure.ts';
import { decodeCallCenterReport, type CallCenterReport } from '../../codecs/xsi/call-center-report.ts';
import { decodeBusyLampField } from '../../codecs/xsi/busy-lamp-field.ts';
import type { XsiFailure } from './xsi-failure.ts';

export type XsiCredentialProvider = () => { userId: string; password: string };

export interface XsiClientOptions {
  /** kakapo.md §2.1 branding `xsi` base URL, e.g. https://xsp.lab.test:8443 (default https://{ociHost}). */
  baseUrl: string;
  credentials: XsiCredentialProvider;
  resolver: Resolver;
  /** Extra trusted CAs (PEM); verification is always on. */
  ca?: string[];
  servername?: string;
  version?: TlsVersion;
  agentPool?: HttpsAgentPool;
  /** Per request, default 30 s, on `scheduler`. */
  timeoutMs?: number;
  scheduler?: SchedulerLike;
  /** The HTTPS effect; replaceable for a recording proxy. Default httpsRequest. */
  request?: (options: HttpsRequestOptions) => Observable<HttpsResponse>;
}

export type AgentState = (typeof AGENT_STATES)[number];
export type RecordingMode = (typeof RECORDING_MODES)[number];

/**
 * The user's call-center service (XSI `CallCenter`), with only the call centers that name their
 * `serviceUserId`: the schema makes it optional, and one without it names nothing to ask about.
 */
export type AgentCallCenterState = Omit<XsiBody<'CallCenter'>, 'callCenterList'> & {
  callCenterList?: { callCenterDetails: Array<XsiCallCenterDetails & { serviceUserId: string }> };
};

/** The MWI counts (XSI `MessageSummary`): the schema leaves a zero count out; here it is 0. */
export interface MessageCounts {
  newMessages: number;
  oldMessages: number;
  newUrgentMessages: number;
  oldUrgentMessages: number;
}

export interface VoiceMessage extends XsiMessageInfo {
  /** The message's own id (last segment of the server-relative messageId path). */
  id: string;
}

export interface VoiceMessageMedia {
  info: VoiceMessage;
  mediaType: XsiBody<'VoiceMessage'>['messageMediaContent']['mediaType'];
  description?: string;
  content: Uint8Array;
}

export interface XsiClient {
  voicemail(): Promise<Outcome<VoiceMessage[], XsiFailure>>;
  voicemailMessage(id: string): Promise<Outcome<VoiceMessageMedia, XsiFailure>>;
  markRead(id: string): Promise<Outcome<void, XsiFailure>>;
  markUnread(id: string): Promise<Outcome<void, XsiFailure>>;
  markAllRead(): Promise<Outcome<void, XsiFailure>>;
  deleteVoicemail(id: string): Promise<Outcome<void, XsiFailure>>;
  messageSummary(): Promise<Outcome<MessageCounts, XsiFailure>>;
  /** The user's calls (ids); the runtime picks the active one. */
  calls(): Promise<Outcome<string[], XsiFailure>>;
  record(callId: string): Promise<Outcome<void, XsiFailure>>;
  pauseRecording(callId: string): Promise<Outcome<void, XsiFailure>>;
  resumeRecording(callId: string): Promise<Outcome<void, XsiFailure>>;
  stopRecording(callId: string): Promise<Outcome<void, XsiFailure>>;
  /** The user's recording mode; null when the server's CallRecording does not say (recordingMode is optional). */
  recordingMode(): Promise<Outcome<RecordingMode | null, XsiFailure>>;
  agentState(): Promise<Outcome<AgentCallCenterState, XsiFailure>>;
  setAgentState(state: AgentState): Promise<Outcome<void, XsiFailure>>;
  queue(callCenterId: string): Promise<Outcome<XsiQueueEntry[], XsiFailure>>;
  /** PROJECT report (cti-xsi.md §4.4) for [from, to] epoch ms (default: the server's last 24 h). */
  callCenterReport(callCenterId: string, window?: { from: number; to: number }): Promise<Outcome<CallCenterReport, XsiFailure>>;
  /** The user's BLF list (cti-xsi.md §3.5): the monitored user ids, in the server's order. */
  busyLampField(): Promise<Outcome<string[], XsiFailure>>;
}

const ACTIONS = '/com.broadsoft.xsi-actions';
const DEFAULT_TIMEOUT_MS = 30_000;
const XML = 'application/xml; charset=UTF-8';

/** Path segment: percent-encoded, `@` kept (user ids are user@domain). */
const seg = (value: string): string => encodeURIComponent(value).replace(/%40/g, '@');

export function createXsiClient(options: XsiClientOptions): XsiClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const send = options.request ?? httpsRequest;
  let sessionCookie: string | null = null;

  const user = (): string => `${ACTIONS}/v2.0/user/${seg(options.credentials().userId)}`;

  async function exchange(method: string, path: string, body?: XsiDocument): Promise<Outcome<HttpsResponse, XsiFailure>> {
    const who = options.credentials();
    let payload: string | undefined;
    if (body !== undefined) {
      const encoded = encodeXsiDocument(body);
      if (!encoded.ok) return failWith({ kind: 'protocol', code: encoded.error.code, message: `the ${body.root} request body could not be encoded: ${encoded.error.message}` });
      payload = `<?xml version="1.0" encoding="UTF-8"?>\n${encoded.value}`;
    }
    const headers: Record<string, string> = {
      // cti-xsi.md §4.1: Basic with the full user@domain on every request.
      authorization: `Basic ${basicCredentials(who.userId, who.password)}`,
      accept: 'application/xml',
      ...(payload !== undefined ? { 'content-type': XML } : {}),
      ...(sessionCookie !== null ? { cookie: sessionCookie } : {}),
    };
    let response: HttpsResponse;
    try {
      response = await firstValueFrom(
        send({
          url: `${base}${path}`,
          method,
          headers,
          ...(payload !== undefined ? { body: payload } : {}),
          resolver: options.resolver,
          timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          ...(options.ca ? { ca: options.ca } : {}),
          ...(options.servername ? { servername: options.servername } : {}),
          ...(options.version ? { version: options.version } : {}),
          ...(options.agentPool ? { agentPool: options.agentPool } : {}),
          ...(options.scheduler ? { scheduler: options.scheduler } : {}),
        }),
      );
    } catch (error) {
      const failure: NetFailure = isNetFailure(error) ? error : { kind: 'reset', message: `the XSI request to ${base} failed`, host: base, port: 443 };
      return failWith({ kind: 'network', failure, message: failure.message });
    }
    // cti-xsi.md §4.1: the JSESSIONID cookie only saves re-authentication; replay it when given.
    const cookie = /(?:^|,\s*)(JSESSIONID=[^;,\s]+)/.exec(response.headers['set-cookie'] ?? '')?.[1];
    if (cookie !== undefined) sessionCookie = cookie;
    if (response.status === 401) return failWith({ kind: 'auth', status: 401, message: `the XSI server refused the credentials of ${who.userId} (401)` });
    if (response.status < 200 || response.status > 299) return failWith(errorOf(response, `${method} ${path}`, who.password));
    return succeed(response);
  }

  async function document<R extends XsiDocument['root']>(method: string, path: string, root: R): Promise<Outcome<Extract<XsiDocument, { root: R }>, XsiFailure>> {
    const answer = await exchange(method, path);
    if (!answer.ok) return answer;
    const doc = decodeXsiDocument(answer.value.body);
    if (!doc.ok) return failWith({ kind: 'protocol', code: doc.error.code, message: `the XSI answer to ${method} ${path} is unreadable: ${doc.error.message}` });
    if (doc.value.root !== root) return failWith({ kind: 'protocol', code: 'UNEXPECTED_RESPONSE', message: `the XSI server answered ${method} ${path} with ${doc.value.root}, not ${root}` });
    return succeed(doc.value as Extract<XsiDocument, { root: R }>);
  }

  async function command(method: string, path: string, body?: XsiDocument): Promise<Outcome<void, XsiFailure>> {
    const answer = await exchange(method, path, body);
    return answer.ok ? succeed(undefined) : answer;
  }

  /** cti-xsi.md §4.3: messageId is a server-relative path; a bare id is placed under the user. */
  const messagePath = (id: string): string => (id.startsWith('/v2.0/') ? `${ACTIONS}${id}` : `${user()}/VoiceMessagingMessages/${seg(id)}`);
  const callPath = (callId: string, action: string): string => `${user()}/calls/${seg(callId)}/${action}`;

  return {
    async voicemail() {
      const doc = await document('GET', `${user()}/VoiceMessagingMessages`, 'VoiceMessagingMessages');
      return doc.ok ? succeed(doc.value.body.messageInfoList.messageInfo.map(withId)) : doc;
    },
    async voicemailMessage(id) {
      const doc = await document('GET', messagePath(id), 'VoiceMessage');
      if (!doc.ok) return doc;
      const media = doc.value.body.messageMediaContent;
      const content = base64Decode(media.content.replace(/\s+/g, ''));
      if (content === null) return failWith({ kind: 'protocol', code: 'INVALID_FIELD', message: 'the voicemail media content is not base64' });
      return succeed({ info: withId(doc.value.body.messageInfo), mediaType: media.mediaType, ...(media.description !== undefined ? { description: media.description } : {}), content });
    },
    markRead: (id) => command('PUT', `${messagePath(id)}/MarkAsRead`),
    markUnread: (id) => command('PUT', `${messagePath(id)}/MarkAsUnread`),
    markAllRead: () => command('PUT', `${user()}/VoiceMessagingMessages/MarkAllAsRead`),
    deleteVoicemail: (id) => command('DELETE', messagePath(id)),
    async messageSummary() {
      const doc = await document('GET', `${user()}/calls/MessageSummary`, 'VoiceMailMessageSummary');
      if (!doc.ok) return doc;
      const s = doc.value.body.summary;
      return succeed({ newMessages: s.newMessages ?? 0, oldMessages: s.oldMessages ?? 0, newUrgentMessages: s.newUrgentMessages ?? 0, oldUrgentMessages: s.oldUrgentMessages ?? 0 });
    },
    async calls() {
      const doc = await document('GET', `${user()}/calls`, 'Calls');
      return doc.ok ? succeed(doc.value.body.call.map((c) => c.callId)) : doc;
    },
    record: (callId) => command('PUT', callPath(callId, 'Record')),
    pauseRecording: (callId) => command('PUT', callPath(callId, 'PauseRecording')),
    resumeRecording: (callId) => command('PUT', callPath(callId, 'ResumeRecording')),
    stopRecording: (callId) => command('PUT', callPath(callId, 'StopRecording')),
    async recordingMode() {
      const doc = await document('GET', `${user()}/services/CallRecording`, 'CallRecording');
      return doc.ok ? succeed(doc.value.body.recordingMode ?? null) : doc;
    },
    async agentState() {
      const doc = await document('GET', `${user()}/services/CallCenter`, 'CallCenter');
      if (!doc.ok) return doc;
      const { callCenterList, ...rest } = doc.value.body;
      if (callCenterList === undefined) return succeed(rest);
      const callCenterDetails = callCenterList.callCenterDetails.filter((d): d is XsiCallCenterDetails & { serviceUserId: string } => d.serviceUserId !== undefined);
      return succeed({ ...rest, callCenterList: { callCenterDetails } });
    },
    setAgentState: (state) => command('PUT', `${user()}/services/CallCenter`, { root: 'CallCenter', body: { agentACDState: state } }),
    async queue(callCenterId) {
      const doc = await document('GET', `${ACTIONS}/v2.0/callcenter/${seg(callCenterId)}/calls`, 'ACDQueue');
      // ACDQueue.queueEntries is optional: an empty queue has none.
      return doc.ok ? succeed(doc.value.body.queueEntries?.queueEntry ?? []) : doc;
    },
    async callCenterReport(callCenterId, window) {
      const query = window === undefined ? '' : `?from=${Math.trunc(window.from)}&to=${Math.trunc(window.to)}`;
      const path = `${ACTIONS}/v2.0/callcenter/${seg(callCenterId)}/report${query}`;
      const answer = await exchange('GET', path);
      if (!answer.ok) return answer;
      const report = decodeCallCenterReport(answer.value.body);
      return report.ok ? succeed(report.value) : failWith({ kind: 'protocol', code: report.error.code, message: `the call-center report is unreadable: ${report.error.message}` });
    },
    async busyLampField() {
      // cti-xsi.md §3.5: the BLF list comes from GET /user/<id>/services/BusyLampField.
      const answer = await exchange('GET', `${user()}/services/BusyLampField`);
      if (!answer.ok) return answer;
      const blf = decodeBusyLampField(answer.value.body);
      return blf.ok ? succeed(blf.value.users.map((u) => u.userId)) : failWith({ kind: 'protocol', code: blf.error.code, message: `the BusyLampField list is unreadable: ${blf.error.message}` });
    },
  };
}

function withId(info: XsiMessageInfo): VoiceMessage {
  const id = info.messageId?.split('/').filter(Boolean).pop() ?? '';
  return { ...info, id };
}

/** cti-xsi.md §4.2: ErrorInfo {summary, summaryEnglish, errorCode}; 401/403/404/503 may have no body. */
function errorOf(response: HttpsResponse, what: string, secret: string): XsiFailure {
  const doc = response.body.length > 0 ? decodeXsiDocument(response.body) : null;
  const info = doc?.ok && doc.value.root === 'ErrorInfo' ? doc.value.body : undefined;
  const summary = scrubSecret((info?.summary ?? info?.summaryEnglish ?? `HTTP ${response.status}`).trim(), secret);
  const base = { kind: 'server-error' as const, status: response.status, summary, message: `the XSI server answered ${what} with ${response.status}: ${summary}` };
  return info !== undefined ? { ...base, errorCode: info.errorCode } : base;
}
