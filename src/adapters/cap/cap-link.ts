// CAP on the OCS connection the OCI link already uses (seed §2.2: "the same connection … is used for
// OCI and CAP"; cap.md §1). It reads the CAP documents of the shared BroadsoftStream and writes its
// own. Registration (cap.md §3), callAction (§5), BLF monitoring (§9), serverStatusRequest keepalive
// (§10), unRegister (§4) and the server's updates (§6–§8). Plain TypeScript + RxJS; nothing throws.
import { asyncScheduler, Subject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { CAP_UNUSED_MESSAGE_TYPES, capCommandType, decodeCapElement, encodeCapMessage } from '../../codecs/cap/document.ts';
import type {
  CapAction, CapCallUpdate, CapMessage, CapMessageType, CapProfileUpdate, CapSessionUpdate, CapUnRegister, CapUserType,
} from '../../codecs/cap/types.ts';
import { ociSignedPassword } from '../../codecs/oci/signed-password.ts';
import type { TransportFailureKind } from '../../machines/connection/contract.ts';
import type { BroadsoftInbound, BroadsoftStream } from '../oci/broadsoft-stream.ts';
import { failWith, succeed, type Outcome } from '../oci/oci-failure.ts';
import { OCS_WORDING } from '../oci/broadsoft-stream.ts';
import { transportFailureOfEnd } from '../shared/link-end.ts';
import { failureOfCause, type CapFailure } from './cap-failure.ts';

export interface CapLinkOptions {
  stream: BroadsoftStream;
  /** cap.md §3: the client's applicationId, echoed by the server. */
  applicationId: string;
  /** cap.md §3: `CallClient` (own-line call control, default) or `AttendantConsole`. */
  userType?: CapUserType;
  /** For answers the server does send (registration, monitoring), on `scheduler`. Default 30 s. */
  responseTimeoutMs?: number;
  scheduler?: SchedulerLike;
}

export interface CapRegistration {
  userId: string;
  userUid: string;
}

export type CapLinkUpdate =
  | CapCallUpdate
  | CapSessionUpdate
  | CapProfileUpdate
  /** cap.md §4: the server unregistered this client — the CAP session ended. */
  | (CapUnRegister & { readonly fromServer: true })
  | { readonly type: 'protocol-error'; readonly code: string; readonly message: string }
  /**
   * A monitoringUsersResponse that answers no outstanding request (it came after its request timed
   * out): the server monitors these users on this registration after all (issue 14).
   */
  | { readonly type: 'late-monitoring'; readonly users: readonly string[] }
  | { readonly type: 'dropped'; readonly kind: TransportFailureKind; readonly message: string };

export interface CapLink {
  readonly registration: CapRegistration | null;
  register(credentials: { userId: string; password: string }): Promise<Outcome<CapRegistration, CapFailure>>;
  /** cap.md §5. CAP answers no callAction: the effect shows in callUpdate/sessionUpdate. */
  callAction(action: CapAction): Outcome<void, CapFailure>;
  /** cap.md §9 BLF: resolves with the users the server accepted (monitoringUsersResponse). */
  monitor(users: readonly string[], monType?: 'Add' | 'Delete'): Promise<Outcome<{ users: string[] }, CapFailure>>;
  /**
   * cap.md §10 keepalive: serverStatusRequest, FIRE-AND-FORGET — the server answers nothing, so
   * `ok` means "written"; a dead link shows as a drop, not as a missing answer.
   */
  keepalive(): Outcome<void, CapFailure>;
  /** cap.md §4: unRegister with userLogoutReason ClientLogout. The OCI session stays. */
  unRegister(): Outcome<void, CapFailure>;
  readonly updates$: Observable<CapLinkUpdate>;
}

interface Waiter {
  readonly types: ReadonlySet<CapMessageType>;
  /** Whether a message of one of `types` answers this request (default: any). */
  readonly answers?: (message: CapMessage) => boolean;
  readonly resolve: (outcome: Outcome<CapMessage, CapFailure>) => void;
  timer: Subscription | null;
}

const DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;

export function createCapLink(options: CapLinkOptions): CapLink {
  const { stream, applicationId } = options;
  const userType = options.userType ?? 'CallClient';
  const scheduler = options.scheduler ?? asyncScheduler;
  const timeoutMs = options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS;
  const updates = new Subject<CapLinkUpdate>();
  const waiters: Waiter[] = [];
  let registration: CapRegistration | null = null;
  let leaving = false;

  const settle = (waiter: Waiter, outcome: Outcome<CapMessage, CapFailure>): void => {
    const at = waiters.indexOf(waiter);
    if (at === -1) return;
    waiters.splice(at, 1);
    waiter.timer?.unsubscribe();
    waiter.resolve(outcome);
  };

  const onMessage = (message: CapMessage): void => {
    const waiter = waiters.find((w) => w.types.has(message.type) && (w.answers?.(message) ?? true));
    if (waiter !== undefined) return settle(waiter, succeed(message));
    if (message.type === 'monitoringUsersResponse') {
      if (registration !== null) updates.next({ type: 'late-monitoring', users: [...message.users] });
      return;
    }
    switch (message.type) {
      case 'callUpdate':
      case 'sessionUpdate':
      case 'profileUpdate':
        if (registration !== null) updates.next(message);
        return;
      case 'unRegister':
        registration = null;
        updates.next({ ...message, fromServer: true });
        return;
      case 'serverStatusResponse':
        return; // cap.md §10: lab-defined optional answer to the keepalive; nothing to do
      default:
        updates.next({ type: 'protocol-error', code: 'UNEXPECTED_RESPONSE', message: `unexpected CAP ${message.type} from the server` });
    }
  };

  const onInbound = (event: BroadsoftInbound): void => {
    if (event.type === 'bad-document') {
      if (event.protocol === 'CAP') updates.next({ type: 'protocol-error', code: event.error.code, message: `unreadable CAP document: ${event.error.message}` });
      return;
    }
    if (event.protocol !== 'CAP') return;
    const decoded = decodeCapElement(event.root);
    // cap.md §2: messages the server may send that the client does not use are ignored, not errors.
    if (!decoded.ok && decoded.error.code === 'UNKNOWN_TYPE' && CAP_UNUSED_MESSAGE_TYPES.includes(capCommandType(event.root) ?? '')) return;
    if (!decoded.ok) {
      updates.next({ type: 'protocol-error', code: decoded.error.code, message: `unreadable CAP document: ${decoded.error.message}` });
      return;
    }
    onMessage(decoded.value.message);
  };

  stream.inbound$.subscribe({ next: onInbound });
  stream.ended$.subscribe((end) => {
    for (const w of [...waiters]) settle(w, failWith({ kind: 'closed', message: 'the OCS connection closed before the CAP answer' }));
    const wasRegistered = registration !== null;
    registration = null;
    if (end.reason !== 'local' && wasRegistered && !leaving) updates.next({ type: 'dropped', ...transportFailureOfEnd(end, stream.socket.info, OCS_WORDING) });
    updates.complete();
  });

  const send = (message: CapMessage): Outcome<void, CapFailure> => {
    if (stream.ended !== null) return failWith({ kind: 'closed', message: 'the OCS connection is closed' });
    const bytes = encodeCapMessage(message);
    if (!bytes.ok) return failWith({ kind: 'encode', code: bytes.error.code, message: bytes.error.message });
    stream.write(bytes.value);
    return succeed(undefined);
  };

  /** Sends `message` and waits for the first server message of one of `types`. */
  const ask = (message: CapMessage, types: CapMessageType[], what: string, answers?: (message: CapMessage) => boolean): Promise<Outcome<CapMessage, CapFailure>> =>
    new Promise((resolve) => {
      const waiter: Waiter = { types: new Set(types), resolve, timer: null, ...(answers ? { answers } : {}) };
      waiters.push(waiter);
      waiter.timer = scheduler.schedule(() => {
        waiter.timer = null;
        settle(waiter, failWith({ kind: 'timeout', message: `the server did not answer the CAP ${what} within ${timeoutMs} ms` }));
      }, timeoutMs);
      const sent = send(message);
      if (!sent.ok) settle(waiter, sent);
    });

  const needRegistration = (what: string): Outcome<CapRegistration, CapFailure> =>
    registration === null ? failWith({ kind: 'not-registered', message: `CAP ${what} needs a registered CAP session` }) : succeed(registration);

  const unexpected = (what: string, got: CapMessage): CapFailure => ({ kind: 'protocol', code: 'UNEXPECTED_RESPONSE', message: `the server answered the CAP ${what} with ${got.type}` });

  return {
    get registration() {
      return registration;
    },
    updates$: updates.asObservable(),

    async register({ userId, password }) {
      // cap.md §3: registerAuthentication → responseAuthentication (nonce) → registerRequest with
      // securePassword (the OCI signed-password recipe) → registerResponse → acknowledgement.
      const challenge = await ask({ type: 'registerAuthentication', userType, userId, applicationId }, ['responseAuthentication', 'registerResponse'], 'registerAuthentication');
      if (!challenge.ok) return challenge;
      const c = challenge.value;
      if (c.type === 'registerResponse') return failWith(failureOfCause(userId, c.failure?.cause));
      if (c.type !== 'responseAuthentication') return failWith(unexpected('registerAuthentication', c));
      const securePassword = ociSignedPassword(c.nonce, password);
      const answer = await ask({ type: 'registerRequest', userType, userId, securePassword, applicationId }, ['registerResponse'], 'registerRequest');
      if (!answer.ok) return answer;
      const a = answer.value;
      if (a.type !== 'registerResponse') return failWith(unexpected('registerRequest', a));
      if (a.failure !== undefined || a.userUid === undefined) return failWith(failureOfCause(userId, a.failure?.cause));
      registration = { userId, userUid: a.userUid };
      leaving = false;
      // cap.md §3 step 5: every public client acknowledges registerResponse (and only it).
      const ack = send({ type: 'acknowledgement', userType, userId, userUid: a.userUid, messageName: 'registerResponse', applicationId });
      return ack.ok ? succeed(registration) : ack;
    },

    callAction(action) {
      const reg = needRegistration(action.actionType);
      if (!reg.ok) return reg;
      return send({ type: 'callAction', userType, userUid: reg.value.userUid, action, applicationId });
    },

    async monitor(users, monType = 'Add') {
      const reg = needRegistration('monitoringUsersRequest');
      if (!reg.ok) return reg;
      // cap.md §9: the monitoring request is made as an AttendantConsole.
      const asked = new Set(users);
      const answer = await ask(
        { type: 'monitoringUsersRequest', userType: 'AttendantConsole', userUid: reg.value.userUid, monType, users: [...users], applicationId },
        ['monitoringUsersResponse'],
        'monitoringUsersRequest',
        // cap.md §9: the response lists the users accepted, so with several requests in flight it
        // answers the one that asked for all of them (an empty list: the oldest one waiting).
        (m) => m.type === 'monitoringUsersResponse' && m.users.every((u) => asked.has(u)),
      );
      if (!answer.ok) return answer;
      const a = answer.value;
      return a.type === 'monitoringUsersResponse' ? succeed({ users: [...a.users] }) : failWith(unexpected('monitoringUsersRequest', a));
    },

    keepalive() {
      const reg = needRegistration('serverStatusRequest');
      if (!reg.ok) return reg;
      return send({ type: 'serverStatusRequest', userType, userUid: reg.value.userUid, applicationId });
    },

    unRegister() {
      const reg = needRegistration('unRegister');
      if (!reg.ok) return reg;
      leaving = true;
      registration = null;
      return send({ type: 'unRegister', userType, userLogoutReason: 'ClientLogout', userId: reg.value.userId, applicationId });
    },
  };
}
