// A real lab IM&P server (plain + TLS with a lab-PKI certificate for im.lab.test) on loopback, the
// lab's people, impTokens issued the way the portal issues them, and client links opened through
// the project's effects.
import { randomBytes } from 'node:crypto';
import { firstValueFrom, ReplaySubject, filter, type Observable } from 'rxjs';
import { createKempLink, type KempInboundMessage, type KempLink, type KempLinkEvent } from '../../../../src/adapters/kemp/kemp-link.ts';
import type { ReceivedIds } from '../../../../src/adapters/kemp/received-ids.ts';
import { DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../../../../src/codecs/kakapo/cipher.ts';
import { connectTcp, createHostMapResolver, upgradeTls } from '../../../../src/effects/index.ts';
import { startImpServer, type ImpServer } from '../../../../src/lab/imp-server/index.ts';
import { LAB_HOSTS, labHostMap } from '../../../../src/lab/net/hosts.ts';
import { createLabPki } from '../../../../src/lab/pki/index.ts';
import { issueImpToken } from '../../../../src/lab/portal/imp-token.ts';
import { labUsers } from '../../../../src/lab/scenarios/index.ts';

export const ANN = 'ann@lab.test';
export const BOB = 'bob@lab.test';
export const CY = 'cy@lab.test';
export const GROUP = 'G-Lab';

export interface ImpLab {
  server: ImpServer;
  caCertPem: string;
  token(loginId: string): string;
  stop(): Promise<void>;
}

export async function startImpLab(options: { legacy?: boolean; enterprise?: string } = {}): Promise<ImpLab> {
  const pki = await createLabPki();
  const cert = await pki.issueServerCertificate({ dnsNames: [LAB_HOSTS.imp] });
  const secret = new Uint8Array(randomBytes(32));
  const server = await startImpServer({
    host: LAB_HOSTS.imp,
    plain: true,
    tls: { certPem: cert.certPem, keyPem: cert.keyPem },
    impTokenSecret: secret,
    requireToken: options.legacy !== true,
    users: labUsers().map((u) => (options.enterprise ? { loginId: u.loginId, enterpriseId: options.enterprise } : { loginId: u.loginId, groupId: u.groupId })),
  });
  return {
    server,
    caCertPem: pki.caCertPem,
    token: (loginId) => issueImpToken(secret, { loginId, serverHost: LAB_HOSTS.oci }, Date.now()),
    stop: () => server.stop(),
  };
}

export interface OpenedKemp {
  link: KempLink;
  events: Observable<KempLinkEvent>;
  messages: KempInboundMessage[];
  written: string[];
}

const random = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

export async function openKemp(lab: ImpLab, options: { tls?: boolean; received?: ReceivedIds; /** Simulates loss: writes it returns false for never leave. */ lose?: (bytes: string) => boolean } = {}): Promise<OpenedKemp> {
  const resolver = createHostMapResolver(labHostMap());
  const port = options.tls ? lab.server.endpoints.tls!.port : lab.server.endpoints.plain!.port;
  let socket = await firstValueFrom(connectTcp({ host: LAB_HOSTS.imp, port, resolver, timeoutMs: 5_000 }));
  if (options.tls) socket = await firstValueFrom(upgradeTls(socket, { servername: LAB_HOSTS.imp, ca: [lab.caCertPem], timeoutMs: 5_000 }));
  const written: string[] = [];
  const inner = socket;
  const link = createKempLink({
    socket: {
      data$: inner.data$,
      info: inner.info,
      write(data) {
        const text = typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
        if (options.lose?.(text)) return;
        written.push(text);
        inner.write(data);
      },
      end: () => inner.end(),
      destroy: () => inner.destroy(),
    },
    keyRing: DEVELOPMENT_KEY_RING,
    keyId: DEVELOPMENT_KEY_ID,
    random,
    ...(options.received ? { received: options.received } : {}),
  });
  const replay = new ReplaySubject<KempLinkEvent>();
  link.events$.subscribe(replay);
  const messages: KempInboundMessage[] = [];
  link.messages$.subscribe((m) => messages.push(m));
  return { link, events: replay.asObservable(), messages, written };
}

export function eventOf<T extends KempLinkEvent['type']>(o: OpenedKemp, type: T): Promise<Extract<KempLinkEvent, { type: T }>> {
  return firstValueFrom(o.events.pipe(filter((e): e is Extract<KempLinkEvent, { type: T }> => e.type === type)));
}

/** Resolves once `count` messages arrived on `o` (a PING round trip flushes what is on the wire). */
export async function messagesArrived(o: OpenedKemp, count: number): Promise<KempInboundMessage[]> {
  for (let i = 0; i < 200 && o.messages.length < count; i++) {
    const p = await o.link.ping();
    if (!p.ok) break;
  }
  return o.messages;
}
