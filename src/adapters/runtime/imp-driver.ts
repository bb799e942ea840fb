// Kakapo IM&P on the connection runner (seed §1.1; kakapo.md §3): authenticate = KEMP REGISTER with
// the login ID and the group ID (service provider group) or enterprise ID (enterprise group), plus
// the license's impToken; keepalive = PING. The outbox lives here, across links: a message leaves it
// when its own answer came (200, or a refusal), is in flight on at most one link at a time, and is
// sent again (same id) on a later link only when its answer never came (§3.3; issue 10: exactly once,
// delivery reported once). A token refused at REGISTER is renewed from the portal once per attempt.
import { Subject } from 'rxjs';
import type { KeyRing } from '../../codecs/kakapo/cipher.ts';
import { createKempLink, type KempInboundMessage, type KempLink, type KempOutgoing } from '../kemp/kemp-link.ts';
import { emptyOutbox, enqueue, isQueued, settle, type Outbox } from '../kemp/outbox.ts';
import { KEMP_BYE_REPLACED } from '../../codecs/kakapo/kemp-body.ts';
import { createReceivedIds } from '../kemp/received-ids.ts';
import type { AttemptContext, AuthStep, ConnectionDriver } from './connection-driver.ts';
import type { KempFailure } from '../kemp/kemp-failure.ts';
import { badAnswerKindOf } from '../shared/bad-answer-kind.ts';
import { loginStepOf, type LoginFailure } from './login-failure.ts';
import type { DriverDeps } from './driver-deps.ts';

export interface ImpDriver extends ConnectionDriver {
  readonly link: KempLink | null;
  readonly messages$: Subject<KempInboundMessage>;
  /** Delivery news for messages this client queued. */
  readonly delivery$: Subject<{ id: string; status: 'delivered' | 'rejected'; message?: string }>;
  /** Queues a message (sent now when online, else after the next registration); returns its id. */
  send(message: { to: string; body: string; id?: string }): string;
  /** Ids still waiting for the server's 200. */
  pending(): string[];
}

/**
 * A KEMP REGISTER failure in the login policy's terms (login-failure.ts): 401 and 403 (kakapo.md
 * §3.2: no or bad impToken, wrong group, unknown user; the failure kind 'auth') are the server
 * refusing the login; any other status (a 5xx, 400) is a server error, an answer that does not
 * open or fit a bad answer.
 */
export function loginFailureOfKemp(failure: KempFailure): LoginFailure {
  switch (failure.kind) {
    case 'auth':
      return { kind: 'refused', message: failure.message };
    case 'rejected':
      return { kind: 'server-error', message: failure.message };
    case 'timeout':
      return { kind: 'timeout', message: failure.message };
    case 'closed':
      return { kind: 'closed', message: failure.message, ...(failure.failure ? { failure: failure.failure } : {}) };
    case 'protocol':
    case 'encode':
      return { kind: 'bad-answer', reason: badAnswerKindOf(failure.code), message: failure.message };
    case 'not-registered':
      return { kind: 'bad-answer', reason: 'unexpected', message: failure.message };
  }
}

export function createImpDriver(deps: DriverDeps, options: { keyRing: KeyRing; keyId: string; now: () => number }): ImpDriver {
  let link: KempLink | null = null;
  let outbox: Outbox<KempOutgoing> = emptyOutbox();
  const received = createReceivedIds(); // kept across links: a resend after reconnect shows once
  const messages$ = new Subject<KempInboundMessage>();
  const delivery$ = new Subject<{ id: string; status: 'delivered' | 'rejected'; message?: string }>();

  /** id → the link it is in flight on: never on two links at once, never sent twice on one. */
  const sending = new Map<string, KempLink>();

  const flush = (l: KempLink): void => {
    for (const { id, item } of outbox.entries) {
      if (sending.has(id)) continue;
      sending.set(id, l);
      void l.send(id, item).then((result) => {
        if (sending.get(id) === l) sending.delete(id);
        // No answer: it stays queued and goes out again on the next link (or flush).
        if (result === 'pending' || !isQueued(outbox, id)) return;
        outbox = settle(outbox, id);
        delivery$.next(result === 'delivered' ? { id, status: 'delivered' } : { id, status: 'rejected', message: result.message });
      });
    }
  };

  return {
    messages$,
    delivery$,
    get link() {
      return link;
    },
    send(message) {
      const id = message.id ?? deps.ids();
      outbox = enqueue(outbox, id, { to: message.to, body: message.body, sent: options.now() });
      if (link !== null) flush(link);
      return id;
    },
    pending: () => outbox.entries.map((e) => e.id),
    async authenticate(ctx: AttemptContext): Promise<AuthStep> {
      if (ctx.socket === null) return { type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'no IM&P socket' } };
      const profile = deps.facts.profile;
      // Not the server's refusal: start-up has not read the profile yet; a later attempt will have it.
      if (profile === null) return loginStepOf({ kind: 'closed', message: 'no BroadWorks profile to register with yet' });
      const l = createKempLink({
        socket: ctx.socket,
        keyRing: options.keyRing,
        keyId: options.keyId,
        random: deps.randomBytes,
        received,
        ...(deps.net.scheduler ? { scheduler: deps.net.scheduler } : {}),
      });
      l.events$.subscribe((event) => {
        if (event.type === 'dropped') ctx.dropped({ kind: event.kind, message: event.message });
        else if (event.type === 'session-ended')
          ctx.sessionEnded(
            event.reason === KEMP_BYE_REPLACED ? 'the Kakapo IM&P server says another login took this registration over' : `the Kakapo IM&P server said BYE (${event.reason})`,
            { replaced: event.reason === KEMP_BYE_REPLACED },
          );
        else if (event.type === 'unanswered' && link === l) ctx.unanswered(event.what, event.timeoutMs);
      });
      l.messages$.subscribe((m) => messages$.next(m));
      // seed §1.1: the login ID, and the group ID or the enterprise ID; nothing else (+ the impToken, kakapo.md §3.2).
      const organisation = profile.isEnterprise ? { enterpriseId: profile.serviceProviderId } : { groupId: profile.groupId };
      const register = (token: string | undefined) => l.register({ loginId: deps.credentials.loginId, ...organisation, ...(token !== undefined ? { impToken: token } : {}) });
      const token = deps.facts.impToken;
      let outcome = await register(token);
      // kakapo.md §3.2: the token lives minutes. Refused (401) after its lifetime: ask the portal
      // again, as start-up does, and register once more on this connection; a fresh token refused
      // too is the server's own refusal (authFailed).
      if (!outcome.ok && outcome.error.kind === 'auth' && outcome.error.status === 401 && token !== undefined && deps.renewImpToken !== undefined && !ctx.closed) {
        const renewed = await deps.renewImpToken();
        if (!renewed.ok) {
          l.close();
          return loginStepOf({ kind: 'server-error', message: `the IM&P server refused the token, and a new one could not be had from the Kakapo portal (${renewed.message})` });
        }
        if (!ctx.closed) outcome = await register(deps.facts.impToken);
      }
      if (!outcome.ok) {
        l.close();
        return loginStepOf(loginFailureOfKemp(outcome.error));
      }
      if (ctx.closed) {
        l.close();
        return { type: 'AUTH.OK' };
      }
      link = l;
      flush(l); // kakapo.md §3.3: what waited in the outbox goes out now, same ids
      return { type: 'AUTH.OK' };
    },
    async keepalive() {
      const l = link;
      if (l === null) return false;
      return (await l.ping()).ok;
    },
    async close(_ctx, reason) {
      const l = link;
      link = null;
      if (l === null) return;
      if (reason === 'user') await l.bye('Client Logout');
      else l.close();
    },
  };
}
