// One XMPP login to online, timed, by each client. "Online" for both = TCP, STARTTLS, SCRAM-SHA-1,
// bind, XEP-0198 enable (xmpp.js waits for <enabled/> before 'online' when the server offers it, as
// our adapters/xmpp driver does before its presence), then initial presence written.
import { randomBytes } from 'node:crypto';
import { concatMap, firstValueFrom } from 'rxjs';
import { createXmppSession } from '../../src/adapters/xmpp/index.ts';
import { createHostMapResolver } from '../../src/effects/resolver.ts';
import { connectTcp } from '../../src/effects/tcp-connect.ts';

export const XMPP_DOMAIN = 'xmpp.lab.test';

export interface XmppTarget {
  port: number;
  /** The lab CA (PEM): ours trusts it through configuration; xmpp.js through NODE_EXTRA_CA_CERTS. */
  ca: string;
  password: string;
}

export interface OursOnline {
  ms: number;
  /** The TLS version STARTTLS negotiated (for the round-trip count). */
  tls: string | null;
}

export async function oursOnline(target: XmppTarget, user: string): Promise<OursOnline> {
  const started = performance.now();
  const session = createXmppSession({ jid: `${user}@${XMPP_DOMAIN}`, resource: 'bench', ca: [target.ca], random: (n) => randomBytes(n) });
  const resolver = createHostMapResolver({ [XMPP_DOMAIN]: '127.0.0.1' });
  let tls: string | null = null;
  await firstValueFrom(
    connectTcp({ host: XMPP_DOMAIN, port: target.port, resolver, timeoutMs: 10_000 }).pipe(
      concatMap((socket) => session.open(socket)),
      concatMap(() => session.startTls()),
      concatMap((secured) => {
        tls = secured.version;
        return session.authenticate({ password: target.password });
      }),
      concatMap(() => session.bind()),
      concatMap(() => session.enableAcks()),
    ),
  );
  session.sendPresence();
  const elapsed = performance.now() - started;
  await firstValueFrom(session.close(), { defaultValue: undefined });
  return { ms: elapsed, tls };
}

export async function xmppJsOnline(target: XmppTarget, user: string): Promise<number> {
  const { client, xml } = await import('@xmpp/client');
  const started = performance.now();
  const xmpp = client({ service: `xmpp://127.0.0.1:${target.port}`, domain: XMPP_DOMAIN, resource: 'bench', username: user, password: target.password });
  xmpp.reconnect.stop(); // xmpp.md: its reconnect retries every second; not part of this measure
  const online = new Promise<void>((resolve, reject) => {
    xmpp.on('online', () => resolve());
    xmpp.on('error', reject);
  });
  await xmpp.start();
  await online;
  await xmpp.send(xml('presence'));
  const elapsed = performance.now() - started;
  await xmpp.stop();
  return elapsed;
}
