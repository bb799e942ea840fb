// The lab CTI server (cti-xsi.md §2): XspXMLInterface messages over the fault-injecting TCP base,
// plain and TLS. No login: credentials are checked on every request (401 when wrong);
// AddChannelRequest binds a channel to this socket; subscriptions push xsp:event documents built
// from the lab telephony; eventResponse acknowledgements are tracked; keepalive is answered.
import { parseBasicCredentials } from '../../codecs/cti/credentials.ts';
import type { CtiCommand, CtiMessage, CtiRequest } from '../../codecs/cti/messages.ts';
import { createCtiStreamDecoder, encodeCtiMessage } from '../../codecs/cti/stream.ts';
import type { XsiDocument } from '../../codecs/xsi/documents.ts';
import type { XsiEvent } from '../../codecs/xsi/events.ts';
import { LAB_HOSTS } from '../net/hosts.ts';
import type { LabConnection, LabProtocolSession } from '../net/connection.ts';
import { startLabTcpServer, type LabTcpServer, type LabTlsOptions } from '../net/tcp-server.ts';
import type { LabTelephony } from '../telephony/index.ts';
import { queueEntriesOf, toXsiQueueEntry } from '../xsi-server/call-payload.ts';
import { agentState, attemptTelephony, listCalls, recording, setAgentState, talk, type ActionResult, type RecordingMode } from '../xsi-server/actions.ts';
import { channelOptionsOf, grantExpires, XsiEventHub, type UnackedEvent } from '../xsi-server/event-hub.ts';
import { isEventPackage } from '../xsi-server/event-packages.ts';
import { checkPassword, passwordIndex, type Passwords } from '../xsi-server/user-directory.ts';
import { injectedCtiAnswer } from './injected-answers.ts';

export interface CtiServerOptions {
  host?: string;
  plain?: boolean;
  tls?: LabTlsOptions;
  ports?: { plain?: number; tls?: number };
  telephony: LabTelephony;
  /** user@domain → password (cti-xsi.md §2.3). */
  passwords: Passwords;
  /** Recording mode per user (default on-demand-user-start). */
  recordingModes?: Readonly<Record<string, RecordingMode>>;
  /** Close a connection that sent nothing for this long (PROPOSED, cti-xsi.md §2.5). Default: no limit. */
  idleLimitMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

export interface CtiServer extends LabTcpServer {
  readonly hub: XsiEventHub;
  /** Events pushed and not yet acknowledged with an eventResponse. */
  unackedEvents(): UnackedEvent[];
  /**
   * Test hook, an overloaded server: from now on the answer to each Basic Call (BLF)
   * AddUserSubscriptionRequest, and the initial event after it, is written `ms` later (real time)
   * while every other answer and event flows as usual; 0 ends it. The subscription exists at once.
   */
  holdBlfAnswers(ms: number): void;
}

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };

/**
 * @example
 * const cti = await startCtiServer({ telephony, passwords: { 'ann@lab.test': password }, tls: { certPem, keyPem } });
 */
export async function startCtiServer(options: CtiServerOptions): Promise<CtiServer> {
  const t = options.telephony;
  const passwords = passwordIndex(options.passwords);
  const hub = new XsiEventHub({ telephony: t, now: options.now });
  let eventCounter = 0;
  const modeOf = (userId: string): RecordingMode => options.recordingModes?.[userId] ?? 'on-demand-user-start';
  const sessions = new Set<CtiSession>();
  let blfAnswerHoldMs = 0;

  class CtiSession implements LabProtocolSession {
    private readonly decoder = createCtiStreamDecoder({ splitter: { maxDocumentBytes: 1024 * 1024, maxDepth: 32 } });
    private readonly channels = new Set<string>();
    private idle: NodeJS.Timeout | undefined;
    private first = true;

    constructor(private readonly conn: LabConnection) {
      sessions.add(this);
      this.armIdle();
    }

    /** The `duplicate-login` fault: BroadWorks ends a channel set another one replaced (DuplicateChannelSet). */
    endChannels(reason: string): void {
      for (const id of [...this.channels]) hub.removeChannel(id, reason);
    }

    onData(chunk: Buffer): void {
      this.armIdle();
      const docs = this.decoder.push(chunk);
      if (!docs.ok) return this.conn.destroy(); // broken framing: nothing more can be read
      for (const doc of docs.value) {
        if (this.conn.closed) return;
        if (!doc.ok) this.write({ kind: 'response', requestId: '0', sessionId: '0', statusCode: 400, reason: 'Bad Request' });
        else this.handle(doc.value);
      }
    }

    onClose(): void {
      sessions.delete(this);
      clearTimeout(this.idle);
      for (const id of this.channels) hub.dropChannel(id);
    }

    private armIdle(): void {
      if (options.idleLimitMs === undefined) return;
      clearTimeout(this.idle);
      this.idle = setTimeout(() => this.conn.destroy(), options.idleLimitMs);
      this.idle.unref();
    }

    private write(message: CtiMessage): void {
      const bytes = encodeCtiMessage(message);
      if (!bytes.ok) throw bytes.error;
      this.conn.send(bytes.value);
    }

    private handle(message: CtiMessage): void {
      switch (message.kind) {
        case 'request':
          if (this.first) {
            this.first = false;
            if (!this.conn.loginDocumentRead()) return; // close-mid-login fault
            const injected = this.conn.injectedLoginAnswer(); // the `answer` fault
            if (injected !== null) return this.conn.send(injectedCtiAnswer(injected, message.requestId, message.sessionId));
          }
          return this.request(message);
        case 'eventResponse':
          hub.acknowledge(message.eventResponse.eventID, message.eventResponse.statusCode);
          return;
        case 'keepalive':
          return this.write({ kind: 'keepaliveResponse', requestId: message.requestId });
        default:
          return; // responses, events and keepaliveResponses are not for the server
      }
    }

    private answer(req: CtiRequest, result: ActionResult): void {
      const base = { kind: 'response' as const, requestId: req.requestId, sessionId: req.sessionId, statusCode: result.status, reason: REASONS[result.status] ?? 'Error' };
      if ('summary' in result)
        // cti-xsi.md §2.5 (INFERRED): ErrorInfo in the payload on failure.
        return this.write({ ...base, payload: { root: 'ErrorInfo', body: { summary: result.summary, summaryEnglish: result.summary, errorCode: result.errorCode } } });
      this.write(result.payload ? { ...base, payload: result.payload } : base);
    }

    private authenticate(req: CtiRequest): string | null {
      const token = 'credentials' in req.auth ? req.auth.credentials : 'authorization' in req.auth ? /^Basic\s+(\S+)$/i.exec(req.auth.authorization)?.[1] : undefined;
      if (!token) return null;
      const parsed = parseBasicCredentials(token);
      return parsed.ok ? checkPassword(passwords, parsed.value.userId, parsed.value.password) : null;
    }

    private request(req: CtiRequest): void {
      const userId = this.authenticate(req);
      // cti-xsi.md §2.3 (PROPOSED): credentials checked per request, 401 when wrong; no body.
      if (!userId) return this.write({ kind: 'response', requestId: req.requestId, sessionId: req.sessionId, statusCode: 401, reason: 'Unauthorized' });
      const cmd = req.command;
      const subscriber = cmd.params.subscriberid;
      if (subscriber !== undefined && subscriber.toLowerCase() !== userId.toLowerCase())
        return this.answer(req, { status: 403, summary: ' Not authorized for this subscriber', errorCode: 4410 });
      const result = this.run(userId, cmd, req);
      if (result !== null) this.answer(req, result);
    }

    /** The result to answer with, or null when the response was already written. */
    private run(userId: string, cmd: CtiCommand, req: CtiRequest): ActionResult | null {
      // Parameters arrive under the CTI schema's names (the decoder normalises their case):
      // callid on call control, callId on RecordRequest, channelId, subscriptionId, userId.
      const p = cmd.params;
      const call = (cmd.name === 'RecordRequest' ? p.callId : p.callid) ?? '';
      switch (cmd.name) {
        case 'AddChannelRequest': {
          const body = cmd.payload?.root === 'Channel' ? cmd.payload.body : undefined;
          if (!body?.channelSetId) return { status: 400, summary: ' Channel with channelSetId required', errorCode: 4003 };
          const channel = hub.addChannel({
            subscriberId: userId,
            channelSetId: body.channelSetId,
            ...channelOptionsOf(body),
            deliver: (event) => this.pushEvent(event),
            onTerminated: () => this.channels.delete(channel.channelId),
          });
          // cti-xsi.md §2.4: "the channel is associated to the connection over which it is created".
          this.channels.add(channel.channelId);
          return { status: 200, payload: { root: 'Channel', body: { channelId: channel.channelId, expires: grantExpires(body.expires) } } };
        }
        case 'UpdateChannelRequest': {
          const expires = cmd.payload?.root === 'Channel' ? cmd.payload.body.expires : undefined;
          const granted = hub.refreshChannel(p.channelId ?? '', userId, expires);
          return granted === undefined ? notFound('Channel') : { status: 200, payload: { root: 'Channel', body: { channelId: p.channelId!, expires: granted } } };
        }
        case 'DeleteChannelRequest':
          if (hub.channel(p.channelId ?? '')?.subscriberId !== userId) return notFound('Channel');
          hub.removeChannel(p.channelId!, 'ExplicitDelete');
          return { status: 200 };
        case 'AddUserSubscriptionRequest': {
          const body = cmd.payload?.root === 'Subscription' ? cmd.payload.body : undefined;
          if (!body || !isEventPackage(body.event)) return { status: 400, summary: ' Subscription with a known event package required', errorCode: 4003 };
          const own = [...this.channels].map((id) => hub.channel(id)).filter((c) => c !== undefined);
          const channelSetId = body.channelSetId ?? own[0]?.channelSetId;
          if (!channelSetId) return { status: 400, summary: ' No channel for this subscription', errorCode: 4003 };
          const sub = hub.subscribe({
            subscriberId: userId,
            targetId: p.userId ?? userId,
            package: body.event,
            channelSetId,
            applicationId: body.applicationId ?? own[0]?.applicationId ?? 'unknown',
            ...(body.expires !== undefined ? { expires: body.expires } : {}),
          });
          if ('status' in sub) return { status: sub.status, summary: ` ${sub.summary}`, errorCode: sub.status === 404 ? 4008 : 4410 };
          // The response first, then the initial event.
          const granted = () => {
            if (this.conn.closed) return;
            this.answer(req, { status: 200, payload: { root: 'Subscription', body: { subscriptionId: sub.subscriptionId, expires: grantExpires(body.expires) } } });
            hub.sendInitialEvent(sub);
          };
          if (blfAnswerHoldMs > 0 && body.event === 'Basic Call') setTimeout(granted, blfAnswerHoldMs).unref();
          else granted();
          return null;
        }
        case 'UpdateSubscriptionRequest': {
          const expires = cmd.payload?.root === 'Subscription' ? cmd.payload.body.expires : undefined;
          const granted = hub.refreshSubscription(p.subscriptionId ?? '', userId, expires);
          return granted === undefined ? notFound('Subscription') : { status: 200, payload: { root: 'Subscription', body: { subscriptionId: p.subscriptionId!, expires: granted } } };
        }
        case 'DeleteSubscriptionRequest':
          return hub.unsubscribe(p.subscriptionId ?? '', userId) ? { status: 200 } : notFound('Subscription');
        case 'DialRequest':
          if (!p.address) return { status: 400, summary: ' address is required', errorCode: 4003 };
          return attemptTelephony(() => {
            const c = t.dial(userId, p.address!);
            return { root: 'CallStartInfo', body: { callId: c.callId, externalTrackingId: c.extTrackingId } } satisfies XsiDocument;
          });
        case 'TalkRequest':
          return talk(t, userId, call);
        case 'HoldRequest':
          return attemptTelephony(() => (t.hold(userId, call), undefined));
        case 'ReleaseRequest':
          return attemptTelephony(() => (t.release(userId, call, p.decline === 'true' ? 'Decline' : 'Normal'), undefined));
        case 'BlindTransferRequest':
          if (!p.address) return { status: 400, summary: ' address is required', errorCode: 4003 };
          return attemptTelephony(() => (t.blindTransfer(userId, call, p.address!), undefined));
        case 'ConsultativeTransferRequest':
          return attemptTelephony(() => (t.consultTransfer(userId, p.callid1 ?? '', p.callid2 ?? ''), undefined));
        case 'RetrieveCallIdInfoListRequest':
          return { status: 200, payload: listCalls(t, userId) };
        case 'RecordRequest':
          return recording(t, userId, call, 'record', modeOf(userId));
        case 'PauseRecordingRequest':
          return recording(t, userId, call, 'pause', modeOf(userId));
        case 'ResumeRecordingRequest':
          return recording(t, userId, call, 'resume', modeOf(userId));
        case 'StopRecordingRequest':
          return recording(t, userId, call, 'stop', modeOf(userId));
        case 'GetAgentStateRequest':
          return attemptTelephony(() => agentState(t, userId));
        case 'SetAgentStateRequest':
          return setAgentState(t, userId, cmd.payload);
        case 'GetACDRequest': {
          const id = p.callcenterid ?? '';
          if (!t.callCenters().some((c) => c.id === id)) return notFound('Call center');
          return attemptTelephony(() => hubQueue(id));
        }
      }
    }

    private pushEvent(event: XsiEvent): void {
      if (this.conn.closed) return;
      // cti-xsi.md §2.5 (PROPOSED): event requestId from the lab's own counter.
      this.write({ kind: 'event', requestId: String(++eventCounter), event });
    }
  }

  const hubQueue = (callCenterId: string): XsiDocument => ({
    root: 'ACDQueue',
    body: queueEntriesOf(t.queue(callCenterId).map((e) => toXsiQueueEntry(e, t))),
  });

  const base = await startLabTcpServer({
    name: 'cti',
    host: options.host ?? LAB_HOSTS.cti,
    plain: options.plain,
    tls: options.tls,
    ports: options.ports,
    onConnection: (conn) => new CtiSession(conn),
    onError: options.onError,
    faultHooks: { duplicateLogin: () => sessions.forEach((s) => s.endChannels('DuplicateChannelSet')) },
  });
  const stopBase = base.stop.bind(base);
  return Object.assign(base, {
    hub,
    unackedEvents: () => hub.unackedEvents(),
    holdBlfAnswers: (ms: number) => void (blfAnswerHoldMs = Math.max(0, ms)),
    async stop() {
      hub.stop();
      await stopBase();
    },
  });
}

const notFound = (what: string): ActionResult => ({ status: 404, summary: ` ${what} not found`, errorCode: 4008 });
