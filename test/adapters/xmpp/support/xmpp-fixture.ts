// A lab Prosody with two users and a helper that brings one of our sessions online over the real
// effects (connectTcp with a host map, upgradeTls with the lab CA).
import { randomBytes } from 'node:crypto';
import { concatMap, first, firstValueFrom, type SchedulerLike } from 'rxjs';
import { createXmppSession, type UpgradeTls, type XmppSession, type XmppTimeouts } from '../../../../src/adapters/xmpp/index.ts';
import type { TlsVersion } from '../../../../src/machines/protocol-selection/types.ts';
import { connectTcp } from '../../../../src/effects/tcp-connect.ts';
import { createHostMapResolver } from '../../../../src/effects/resolver.ts';
import { createLabPki } from '../../../../src/lab/pki/index.ts';
import { startProsody, type ProsodySaslOptions, type ProsodyServer } from '../../../../src/lab/xmpp/index.ts';

export const DOMAIN = 'xmpp.lab.test';
export const USERS = { alice: 'alice-pw-ÄÖ 1', bob: 'bob-secret-2' } as const;

export interface XmppFixture {
  server: ProsodyServer;
  ca: string;
  /** A new session for `user` with a TCP connection made but nothing sent yet. */
  connect(user: keyof typeof USERS, options?: SessionOptions): Promise<{ session: XmppSession; socket: Awaited<ReturnType<typeof tcp>> }>;
  /**
   * A session taken through open → STARTTLS → SASL → bind → presence, resolved once the server
   * reflected our presence (so it has read everything we sent: a shutdown cannot race our presence
   * and reset the connection before its stream error is read).
   */
  online(user: keyof typeof USERS, options?: SessionOptions & { password?: string }): Promise<XmppSession>;
}

export interface SessionOptions {
  resource?: string;
  scheduler?: SchedulerLike;
  timeouts?: Partial<XmppTimeouts>;
  /** The TLS version the client pins for STARTTLS. */
  tlsVersion?: TlsVersion;
  /** Replaces the shared TLS effect (e.g. to tamper with the channel binding). */
  upgradeTls?: UpgradeTls;
}

const resolver = createHostMapResolver({ [DOMAIN]: '127.0.0.1' });
const tcp = (port: number) => firstValueFrom(connectTcp({ host: DOMAIN, port, resolver, timeoutMs: 5_000 }));

/** A lab Prosody with alice and bob; `sasl` sets what it offers (default: Prosody 0.12's own). */
export async function startXmppFixture(options: { sasl?: ProsodySaslOptions } = {}): Promise<XmppFixture> {
  const pki = await createLabPki();
  const cert = await pki.issueServerCertificate({ dnsNames: [DOMAIN] });
  const server = await startProsody({
    domain: DOMAIN,
    certPem: cert.certPem,
    keyPem: cert.keyPem,
    users: Object.entries(USERS).map(([localpart, password]) => ({ localpart, password })),
    ...(options.sasl ? { sasl: options.sasl } : {}),
  });
  const ca = pki.caCertPem;

  function session(user: keyof typeof USERS, options: SessionOptions = {}): XmppSession {
    return createXmppSession({
      jid: `${user}@${DOMAIN}`,
      resource: options.resource ?? 'desk',
      ca: [ca],
      random: (size) => randomBytes(size),
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...(options.upgradeTls ? { upgradeTls: options.upgradeTls } : {}),
    });
  }

  return {
    server,
    ca,
    async connect(user, options = {}) {
      return { session: session(user, options), socket: await tcp(server.endpoints.plain.port) };
    },
    async online(user, options = {}) {
      const s = session(user, options);
      const socket = await tcp(server.endpoints.plain.port);
      await firstValueFrom(
        s.open(socket).pipe(
          concatMap(() => s.startTls(options.tlsVersion ? { version: options.tlsVersion } : {})),
          concatMap(() => s.authenticate({ password: options.password ?? USERS[user] })),
          concatMap(() => s.bind()),
          concatMap((jid) => {
            const reflected = s.stanzas$.pipe(first((st) => st.name === 'presence' && st.attrs.from === jid));
            s.sendPresence();
            return reflected;
          }),
        ),
      );
      return s;
    },
  };
}
