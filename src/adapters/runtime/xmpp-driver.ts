// XMPP on the connection runner (seed §1.1: RFC 6120 on port 5222 at the XMPP ID's domain;
// protocols/xmpp.md): the machine's `secure` step is STARTTLS then the TLS upgrade of the same
// socket (the shared effect), `authenticate` is SASL + bind + initial presence, keepalive is
// XEP-0199 ping. A stream end the user did not ask for is a drop.
import { firstValueFrom, Subject } from 'rxjs';
import { isNetFailure } from '../../effects/net-failure.ts';
import type { TlsVersion } from '../../machines/connection/contract.ts';
import { createXmppSession, XmppFailure, type XmppChatMessage, type XmppSession } from '../xmpp/index.ts';
import type { XmppStreamEnd } from '../xmpp/failure.ts';
import type { AttemptContext, AuthStep, ConnectionDriver, SecureEffect, SecureStep } from './connection-driver.ts';
import { tlsFailureOf, transportFailureOf } from './failure-mapping.ts';
import type { DriverDeps } from './session-runtime.ts';

export interface XmppDriver extends ConnectionDriver {
  /** The online session, or null. */
  readonly session: XmppSession | null;
  readonly messages$: Subject<XmppChatMessage>;
}

function endMessage(end: XmppStreamEnd): string {
  switch (end.reason) {
    case 'stream-error':
      return `the XMPP server ended the stream (${end.condition})`;
    case 'ping-timeout':
      return 'the XMPP server did not answer a ping';
    case 'protocol-error':
      return `the XMPP stream broke: ${end.detail}`;
    default:
      return 'the XMPP server closed the connection';
  }
}

export function createXmppDriver(deps: DriverDeps): XmppDriver {
  const sessions = new Map<number, XmppSession>();
  let online: XmppSession | null = null;
  const messages$ = new Subject<XmppChatMessage>();

  const failStep = (error: unknown): { type: 'TRANSPORT.DROPPED'; failure: { kind: 'peer-closed' | 'timeout'; message: string } } => ({
    type: 'TRANSPORT.DROPPED',
    failure: {
      kind: error instanceof XmppFailure && error.code === 'step-timeout' ? 'timeout' : 'peer-closed',
      message: error instanceof Error ? error.message : 'the XMPP stream ended',
    },
  });

  return {
    messages$,
    get session() {
      return online;
    },
    async secure(ctx: AttemptContext, effect: SecureEffect): Promise<SecureStep> {
      const socket = ctx.socket;
      const jid = deps.facts.profile?.xmppId;
      if (socket === null || jid === undefined) return { type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'no XMPP socket or XMPP ID' } };
      const session = createXmppSession({
        jid: jid.split('/')[0]!,
        resource: `unity-${deps.ids().slice(0, 8)}`,
        ca: deps.net.ca,
        random: deps.randomBytes,
      });
      sessions.set(ctx.attempt, session);
      session.end$.subscribe((end) => {
        if (end.reason === 'client-close') return;
        if (end.reason === 'socket-error' && isNetFailure(end.cause)) ctx.dropped(transportFailureOf(end.cause));
        else if (end.reason === 'stream-error') ctx.sessionEnded(endMessage(end));
        else ctx.dropped({ kind: end.reason === 'ping-timeout' ? 'timeout' : 'peer-closed', message: endMessage(end) });
      });
      try {
        await firstValueFrom(session.open(socket));
        // xmpp.md: STARTTLS is required; the TLS name is the domain, the version as planned.
        const secured = await firstValueFrom(session.startTls({ version: effect.version }));
        return { type: 'TLS.SECURED', version: (secured.version ?? effect.version) as TlsVersion };
      } catch (error) {
        if (error instanceof XmppFailure && error.code === 'tls-upgrade-failed' && isNetFailure(error.cause)) return tlsFailureOf(error.cause);
        if (error instanceof XmppFailure && (error.code === 'starttls-not-offered' || error.code === 'starttls-refused')) {
          return { type: 'TLS.FAILED', failure: { cause: 'version-refused', message: error.message } };
        }
        return failStep(error);
      }
    },
    async authenticate(ctx: AttemptContext): Promise<AuthStep> {
      const session = sessions.get(ctx.attempt);
      if (session === undefined) return { type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'the XMPP stream is not open' } };
      const secret = await deps.credentials.password();
      if (!secret.ok) return { type: 'AUTH.FAILED', message: secret.message };
      try {
        await firstValueFrom(session.authenticate({ password: secret.password }));
        await firstValueFrom(session.bind());
        session.sendPresence();
      } catch (error) {
        if (error instanceof XmppFailure && (error.code === 'auth-failed' || error.code === 'auth-server-unverified' || error.code === 'no-supported-mechanism')) {
          return { type: 'AUTH.FAILED', message: error.message };
        }
        return failStep(error);
      }
      if (!ctx.closed) {
        online = session;
        session.messages$.subscribe((m) => messages$.next(m));
      }
      return { type: 'AUTH.OK' };
    },
    async keepalive(ctx: AttemptContext) {
      const session = sessions.get(ctx.attempt);
      if (session === undefined) return false;
      try {
        await firstValueFrom(session.ping());
        return true;
      } catch {
        return false;
      }
    },
    async close(ctx, reason) {
      const session = sessions.get(ctx.attempt);
      sessions.delete(ctx.attempt);
      if (session === online) online = null;
      if (session === undefined) return;
      if (reason === 'user') {
        try {
          await firstValueFrom(session.close(), { defaultValue: undefined });
        } catch {
          session.destroy();
        }
      } else session.destroy();
    },
  };
}
