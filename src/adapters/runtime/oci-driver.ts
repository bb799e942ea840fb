// OCI on the connection runner (seed §1.1: connect to the OCI server and log in; oci-p.md): the
// socket from the runner becomes a BroadsoftStream shared with CAP (seed §2.2), the OCI link logs
// in, answers keepalives (VerifySessionIsValidRequest), and reports drops and pushed logouts.
import type { SchedulerLike } from 'rxjs';
import type { Clock } from '../../machines/clock/clock.ts';
import type { BroadsoftStream } from '../oci/broadsoft-stream.ts';
import { openBroadsoftStream } from '../oci/broadsoft-stream.ts';
import { createOciLink, type IdSource, type OciLink } from '../oci/oci-link.ts';
import type { OciFailure } from '../oci/oci-failure.ts';
import { badAnswerKindOf } from '../shared/bad-answer-kind.ts';
import { loginStepOf, type LoginFailure } from './login-failure.ts';
import type { AttemptContext, AuthStep, ConnectionDriver } from './connection-driver.ts';
import type { Credentials } from './credentials.ts';

export interface OciDriver extends ConnectionDriver {
  /** The logged-in link, or null (CAP registers on its stream; the profile is read through it). */
  readonly link: OciLink | null;
  readonly stream: BroadsoftStream | null;
  /** Resolves true once OCI is logged in (at once when it is), false after `timeoutMs`. */
  whenOnline(timeoutMs: number): Promise<boolean>;
}

/**
 * An OCI login failure in the login policy's terms (login-failure.ts): [Error 4962]/[Error 4008]
 * (oci-p.md §7, the failure kind 'auth') is the server refusing the credentials; any other
 * ErrorResponse is a server error, an unreadable or unexpected answer a bad answer.
 */
export function loginFailureOfOci(failure: OciFailure): LoginFailure {
  switch (failure.kind) {
    case 'auth':
      return { kind: 'refused', message: failure.message };
    case 'server-error':
      return { kind: 'server-error', message: failure.message };
    case 'timeout':
      return { kind: 'timeout', message: failure.message };
    case 'closed':
      return { kind: 'closed', message: failure.message, ...(failure.failure ? { failure: failure.failure } : {}) };
    case 'protocol':
    case 'encode':
      return { kind: 'bad-answer', reason: badAnswerKindOf(failure.code), message: failure.message };
    case 'not-logged-in':
      return { kind: 'bad-answer', reason: 'unexpected', message: failure.message };
  }
}

export function createOciDriver(options: {
  credentials: Credentials;
  ids: IdSource;
  requestTimeoutMs?: number;
  /** The session's clock: whenOnline's bound runs on it (virtual in tests). */
  clock: Clock;
  /** The same time source for the link's request timeouts. */
  scheduler?: SchedulerLike;
}): OciDriver {
  let link: OciLink | null = null;
  let stream: BroadsoftStream | null = null;
  const waiters = new Set<() => void>();

  return {
    get link() {
      return link;
    },
    get stream() {
      return stream;
    },
    whenOnline(timeoutMs) {
      if (link !== null && stream?.ended === null) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = (): void => {
          options.clock.clearTimeout(timer);
          waiters.delete(wake);
          resolve(true);
        };
        const timer = options.clock.setTimeout(() => {
          waiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    async authenticate(ctx: AttemptContext): Promise<AuthStep> {
      if (ctx.socket === null) return { type: 'TRANSPORT.DROPPED', failure: { kind: 'peer-closed', message: 'no OCI socket' } };
      const s = openBroadsoftStream(ctx.socket);
      const l = createOciLink({
        stream: s,
        ids: options.ids,
        ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
        ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      });
      l.events$.subscribe((event) => {
        if (event.type === 'dropped') ctx.dropped({ kind: event.kind, message: event.message });
        else if (event.type === 'session-ended') ctx.sessionEnded(event.reason);
      });
      const secret = await options.credentials.password();
      if (!secret.ok) {
        l.close();
        return loginStepOf({ kind: 'no-credentials', message: secret.message });
      }
      const outcome = await l.login({ userId: options.credentials.loginId, password: secret.password });
      if (!outcome.ok) {
        const step = loginStepOf(loginFailureOfOci(outcome.error));
        if (step.type === 'AUTH.FAILED') l.close();
        return step;
      }
      if (ctx.closed) {
        l.close();
        return { type: 'AUTH.OK' };
      }
      link = l;
      stream = s;
      for (const wake of [...waiters]) wake();
      return { type: 'AUTH.OK' };
    },
    async keepalive() {
      const l = link;
      if (l === null) return false;
      const answer = await l.keepalive();
      return answer.ok;
    },
    async close(_ctx, reason) {
      const l = link;
      link = null;
      stream = null;
      if (l === null) return;
      // A user close logs out politely (oci-p.md §6); any other close just drops the connection.
      if (reason === 'user') await l.logout();
      else l.close();
    },
  };
}
