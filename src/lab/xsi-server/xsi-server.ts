// The lab XSI server (cti-xsi.md §3, §4): HTTPS with Basic auth (full user@domain, 401 otherwise),
// XSI-Actions for profile, versions, calls, recording, voicemail and call center (plus the PROJECT
// report API), and XSI-Events with the streaming channel. Certificate from the lab PKI.
import { randomUUID } from 'node:crypto';
import type { KakapoTlsVersion } from '../../codecs/kakapo/types.ts';
import { LAB_HOSTS } from '../net/hosts.ts';
import { startLabHttpsServer, type LabHttpsServer } from '../portal/https-lab-server.ts';
import type { LabTelephony } from '../telephony/index.ts';
import type { RecordingMode } from './actions.ts';
import { handleActions, type UserProfileFacts } from './actions-routes.ts';
import { CallCenterStats } from './call-center-report.ts';
import { XsiEventHub, type UnackedEvent } from './event-hub.ts';
import { ChannelLiveness, handleEvents, openChannel, type ChannelStreams } from './events-routes.ts';
import { authenticate, challenge, sendError } from './http-io.ts';
import { passwordIndex, type Passwords } from './user-directory.ts';
import { VoicemailStore } from './voicemail-store.ts';

export interface XsiServerOptions {
  /** Default xsp.lab.test. */
  host?: string;
  certPem: string;
  keyPem: string;
  minVersion?: KakapoTlsVersion;
  maxVersion?: KakapoTlsVersion;
  port?: number;
  telephony: LabTelephony;
  /** user@domain → password (the web-portal password, cti-xsi.md §4.1). */
  passwords: Passwords;
  /** The BroadWorks release, e.g. "22.0" or "22.0_1.1123": the Versions baseline. */
  release: string;
  /** Group / provider / IM&P id per user for the Profile. */
  profiles?: Readonly<Record<string, UserProfileFacts>>;
  recordingModes?: Readonly<Record<string, RecordingMode>>;
  /** End a streaming channel that received no heartbeat for this long (cti-xsi.md §3.1). Default: off. */
  eventTimeoutMs?: number;
  /** Seeds the voicemail boxes of users with Voice Messaging User. */
  seed?: string | number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

export interface XsiServer extends LabHttpsServer {
  readonly hub: XsiEventHub;
  readonly voicemail: VoicemailStore;
  readonly stats: CallCenterStats;
  /** https://xsp.lab.test:<port> */
  readonly url: string;
  unackedEvents(): UnackedEvent[];
}

const ACTIONS = 'com.broadsoft.xsi-actions';
const EVENTS = 'com.broadsoft.xsi-events';
const ASYNC = 'com.broadsoft.async';

/**
 * @example
 * const xsi = await startXsiServer({ certPem, keyPem, telephony, passwords, release: '22.0' });
 */
export async function startXsiServer(options: XsiServerOptions): Promise<XsiServer> {
  const t = options.telephony;
  const now = options.now ?? Date.now;
  const host = options.host ?? LAB_HOSTS.xsi;
  const passwords = passwordIndex(options.passwords);
  let hub: XsiEventHub | undefined;
  const voicemail = new VoicemailStore(
    options.seed ?? 0,
    t.users().filter((u) => u.services.includes('Voice Messaging User')).map((u) => u.userId),
    now(),
    (userId) => hub?.voicemailChanged(userId),
  );
  hub = new XsiEventHub({ telephony: t, now, voicemailSummary: (userId) => voicemail.summary(userId) });
  const eventHub = hub;
  const stats = new CallCenterStats(t, now);
  const streams: ChannelStreams = new Map();
  const sessions = new Map<string, string>(); // JSESSIONID → user id
  const liveness = new ChannelLiveness(eventHub, options.eventTimeoutMs);
  const actionsContext = {
    telephony: t,
    voicemail,
    stats,
    release: options.release,
    profiles: options.profiles ?? {},
    recordingMode: (userId: string): RecordingMode => options.recordingModes?.[userId] ?? 'on-demand-user-start',
    now,
  };

  const server = await startLabHttpsServer({
    name: 'xsi',
    host,
    certPem: options.certPem,
    keyPem: options.keyPem,
    minVersion: options.minVersion,
    maxVersion: options.maxVersion,
    port: options.port,
    onError: options.onError,
    handler: (req, res) => {
      const url = new URL(req.url ?? '/', 'https://xsp');
      let segs: string[];
      try {
        segs = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      } catch {
        return sendError(res, 400, ' Malformed path', 4003);
      }
      // §4.1: Basic on every request, 401 challenge otherwise; the JSESSIONID cookie only saves
      // re-authentication (a session is bound to the user that authenticated it).
      const cookie = /(?:^|;\s*)JSESSIONID=([0-9a-f-]{36})/i.exec(String(req.headers.cookie ?? ''))?.[1];
      const basicUser = authenticate(req, passwords);
      const userId = basicUser ?? (cookie ? sessions.get(cookie) : undefined);
      if (!userId) return challenge(res);
      if (basicUser && (!cookie || sessions.get(cookie) !== basicUser)) {
        const id = randomUUID();
        sessions.set(id, basicUser);
        if (sessions.size > 10_000) sessions.delete(sessions.keys().next().value as string); // bounded: oldest first
        res.setHeader('set-cookie', `JSESSIONID=${id}; Path=/; Secure; HttpOnly`);
      }
      const l = segs.map((s) => s.toLowerCase());
      const run = (p: Promise<void>) =>
        void p.catch((error) => {
          options.onError?.(error);
          if (!res.headersSent) sendError(res, 500, ' Internal error', 5000);
          else res.destroy();
        });
      if (l[0] === ASYNC && l[1] === EVENTS && l[2] === 'v2.0' && l[3] === 'channel' && l.length === 4 && req.method === 'POST')
        return run(openChannel(req, res, eventHub, streams, liveness, userId));
      if (l[0] === EVENTS && l[1] === 'v2.0') return run(handleEvents(req, res, eventHub, streams, liveness, userId, segs.slice(2), options.release));
      if (l[0] === ACTIONS && l[1] === 'v2.0') return run(handleActions(req, res, actionsContext, userId, segs.slice(2), url.searchParams));
      sendError(res, 404, ' The requested resource was not found', 4008);
    },
  });

  const stopBase = server.stop.bind(server);
  return Object.assign(server, {
    hub: eventHub,
    voicemail,
    stats,
    url: `https://${host}:${server.port}`,
    unackedEvents: () => eventHub.unackedEvents(),
    async stop() {
      eventHub.stop();
      liveness.stop();
      stats.dispose();
      for (const res of streams.values()) res.destroy();
      await stopBase();
    },
  });
}
