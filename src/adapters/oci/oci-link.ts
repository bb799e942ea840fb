// The OCI-P session over one established OCS connection (plain or TLS ByteSocket): login, release,
// profile, keepalive, logout, and the session's events. Plain TypeScript + RxJS; everything it needs
// (socket, ids, scheduler) is passed in. Each operation resolves to an Outcome and never throws.
import { Subject, type Observable, type SchedulerLike } from 'rxjs';
import { ociErrorCode } from '../../codecs/oci/error-code.ts';
import { ociSignedPassword } from '../../codecs/oci/signed-password.ts';
import type { OciErrorResponse, OciLoginFields, OciRequest, OciResponse, OciUserGetResponse, OciUserGetVersion } from '../../codecs/oci/types.ts';
import type { TransportFailureKind } from '../../machines/connection/contract.ts';
import { OCS_WORDING, type BroadsoftStream, type BroadsoftStreamEnd } from './broadsoft-stream.ts';
import { createOciExchange } from './oci-exchange.ts';
import { failureOfErrorResponse, failWith, scrub, succeed, type OciFailure, type Outcome } from './oci-failure.ts';
import { hasIntegratedImpRequest, parseRelease, releaseOfUserGetVersion, USER_GET_LADDER, userGetVersionFor, type BroadWorksRelease } from './oci-release.ts';
import { transportFailureOfEnd } from '../shared/link-end.ts';

/** Source of unique tokens (session ids); injected so runs are reproducible. */
export type IdSource = () => string;

export interface OciLinkOptions {
  stream: BroadsoftStream;
  ids: IdSource;
  /** Per request document (default 30 s), on `scheduler`. */
  requestTimeoutMs?: number;
  scheduler?: SchedulerLike;
}

export interface OciLoginRequest {
  userId: string;
  /** Used for this login only; never stored, never in an outcome or event. */
  password: string;
  /** Set false to forbid the single-stage login even on TLS. The socket decides otherwise. */
  overTls?: boolean;
}

export interface OciLoginInfo {
  userId: string;
  /** Which login the server accepted (oci-p.md §5). */
  method: 'LoginRequest14sp4' | 'LoginRequest22V5';
  loginType: string;
  groupId?: string;
  serviceProviderId?: string;
  isEnterprise: boolean;
  userDomain: string;
}

export type OciOrganisation = { serviceProviderId: string; enterpriseId?: undefined } | { enterpriseId: string; serviceProviderId?: undefined };

export type OciUserProfileInfo = {
  userId: string;
  firstName: string;
  lastName: string;
  phoneNumber?: string;
  extension?: string;
  groupId: string;
  /** Integrated IM&P id = the user's XMPP id (seed §1.1), when the service is assigned. */
  impId?: string;
  /**
   * How the Integrated IM&P part of the profile answered: from R21sp1 the profile document also asks
   * UserIntegratedIMPGetRequest21sp1 (`active` / `inactive`, or `refused` with the server's message
   * when that part failed while the rest answered); before, the id comes from the profile itself.
   */
  impAnswer?: { kind: 'active' | 'inactive' | 'from-profile' } | { kind: 'refused'; message: string };
  /** The UserGetRequest version used. */
  userGetVersion: OciUserGetVersion;
} & OciOrganisation;

export type OciLinkEvent =
  /** oci-p.md §6: the OCS pushed a LogoutRequest — the session is gone (connection machine SESSION.ENDED). */
  | { type: 'session-ended'; reason: string }
  /** The connection closed or broke without this side closing it (TRANSPORT.DROPPED). */
  | { type: 'dropped'; kind: TransportFailureKind; message: string }
  /** The server sent something unreadable or unsolicited; the link carries on. */
  | { type: 'protocol-error'; code: string; message: string }
  /**
   * A request of the logged-in session (not the keepalive, whose timing is the connection
   * machine's) got no answer in time: issue 10 counts it as a missed keepalive answer.
   */
  | { type: 'unanswered'; what: string; timeoutMs: number }
  /** An answer the schema refuses that the link still acted on (issue 9); informational. */
  | { type: 'protocol-note'; message: string };

export interface OciLink {
  readonly sessionId: string;
  readonly secure: boolean;
  login(request: OciLoginRequest): Promise<Outcome<OciLoginInfo>>;
  fetchRelease(): Promise<Outcome<BroadWorksRelease>>;
  fetchProfile(release: BroadWorksRelease): Promise<Outcome<OciUserProfileInfo>>;
  /** VerifySessionIsValidRequest (oci-p.md §10). */
  keepalive(): Promise<Outcome<void>>;
  /** LogoutRequest, then the connection is closed (one session per connection, oci-p.md §1). */
  logout(): Promise<Outcome<void>>;
  /** Closes the connection now, without logging out. */
  close(): void;
  readonly events$: Observable<OciLinkEvent>;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

function unexpected(what: string, got: OciResponse | undefined): OciFailure {
  return { kind: 'protocol', code: 'UNEXPECTED_RESPONSE', message: `the OCI server answered ${what} with ${got?.type ?? 'nothing'}` };
}

const isError = (r: OciResponse | undefined): r is OciErrorResponse => r?.type === 'ErrorResponse';

export function createOciLink(options: OciLinkOptions): OciLink {
  const { stream } = options;
  const sessionId = options.ids();
  const secure = stream.socket.info.tls !== null;
  const events = new Subject<OciLinkEvent>();
  let login: OciLoginInfo | null = null;
  let sessionEnded = false;
  let loggingOut = false;

  const exchange = createOciExchange({
    stream,
    sessionId,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    onPushedLogout: (reason) => {
      sessionEnded = true;
      login = null;
      events.next({ type: 'session-ended', reason });
    },
    onProtocolError: (code, message) => events.next({ type: 'protocol-error', code, message }),
    onProtocolNote: (message) => events.next({ type: 'protocol-note', message }),
  });

  stream.ended$.subscribe((end: BroadsoftStreamEnd) => {
    // After a pushed logout the OCS closes the socket: that is the same ending, not a second one.
    // Our own logout is answered and then closed by the OCS (oci-p.md §6): not a drop either.
    if (end.reason !== 'local' && !sessionEnded && !loggingOut) events.next({ type: 'dropped', ...transportFailureOfEnd(end, stream.socket.info, OCS_WORDING) });
    events.complete();
  });

  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  /** One document; a timeout of the logged-in session's own requests is reported as 'unanswered'. */
  // Documents heard from the OCS: a timeout while others arrived meets a slow server, not a dead link.
  let heard = 0;
  stream.inbound$.subscribe(() => void heard++);
  const sendCommands = async (commands: OciRequest[]): Promise<Outcome<OciResponse[]>> => {
    const heardBefore = heard;
    const answer = await exchange.send(commands);
    const first = commands[0]!.type;
    if (!answer.ok && answer.error.kind === 'timeout' && login !== null && !loggingOut && first !== 'VerifySessionIsValidRequest' && heard === heardBefore) {
      events.next({ type: 'unanswered', what: `the OCI ${first}`, timeoutMs: requestTimeoutMs });
    }
    return answer;
  };

  const one = async (request: OciRequest): Promise<Outcome<OciResponse | undefined>> => {
    const answer = await sendCommands([request]);
    return answer.ok ? succeed(answer.value[0]) : answer;
  };

  const errorFailure = (response: OciErrorResponse, context: string, secret?: string): OciFailure =>
    failureOfErrorResponse(response, ociErrorCode(response), context, secret);

  const loggedIn = (what: string): Outcome<OciLoginInfo> =>
    login === null ? failWith({ kind: 'not-logged-in', message: `${what} needs a logged-in OCI session` }) : succeed(login);

  function loginInfo(userId: string, method: OciLoginInfo['method'], fields: OciLoginFields): OciLoginInfo {
    const info: OciLoginInfo = { userId, method, loginType: fields.loginType, isEnterprise: fields.isEnterprise, userDomain: fields.userDomain };
    if (fields.groupId !== undefined) info.groupId = fields.groupId;
    if (fields.serviceProviderId !== undefined) info.serviceProviderId = fields.serviceProviderId;
    return info;
  }

  async function signedLogin(userId: string, password: string): Promise<Outcome<OciLoginInfo>> {
    // oci-p.md §5.1: AuthenticationRequest → nonce → LoginRequest14sp4 with the signed password.
    const challenge = await one({ type: 'AuthenticationRequest', userId });
    if (!challenge.ok) return challenge;
    const c = challenge.value;
    if (isError(c)) return failWith(errorFailure(c, `OCI login of ${userId} refused`, password));
    if (c?.type !== 'AuthenticationResponse') return failWith(unexpected('AuthenticationRequest', c));
    const signedPassword = ociSignedPassword(c.nonce, password);
    const answer = await one({ type: 'LoginRequest14sp4', userId, signedPassword });
    if (!answer.ok) return answer;
    const a = answer.value;
    if (isError(a)) return failWith(errorFailure(a, `OCI login of ${userId} refused`, password));
    if (a?.type !== 'LoginResponse14sp4') return failWith(unexpected('LoginRequest14sp4', a));
    return succeed(loginInfo(userId, 'LoginRequest14sp4', a));
  }

  async function singleStageLogin(userId: string, password: string): Promise<Outcome<OciLoginInfo> | 'unsupported'> {
    const answer = await one({ type: 'LoginRequest22V5', userId, password });
    if (!answer.ok) return answer;
    const a = answer.value;
    if (isError(a)) {
      const failure = errorFailure(a, `OCI login of ${userId} refused`, password);
      // A pre-R22 server does not know LoginRequest22V5: fall back to the signed login (oci-p.md §5.1, all releases).
      return failure.kind === 'auth' ? failWith(failure) : 'unsupported';
    }
    if (a?.type !== 'LoginResponse22V5') return failWith(unexpected('LoginRequest22V5', a));
    return succeed(loginInfo(userId, 'LoginRequest22V5', a));
  }

  async function profileDocument(userId: string, version: OciUserGetVersion, withImp: boolean): Promise<Outcome<OciResponse[]>> {
    const commands: OciRequest[] = [{ type: `UserGetRequest${version}`, userId }];
    if (withImp) commands.push({ type: 'UserIntegratedIMPGetRequest21sp1', userId });
    return sendCommands(commands);
  }

  async function probeRelease(userId: string): Promise<Outcome<BroadWorksRelease>> {
    // oci-p.md §8: "UserGetRequest22 succeeds → R22+; else step down the ladder in §9".
    let last: OciFailure | null = null;
    for (const version of USER_GET_LADDER) {
      const answer = await one({ type: `UserGetRequest${version}`, userId });
      if (!answer.ok) return answer; // transport trouble: probing further would prove nothing
      const a = answer.value;
      if (a?.type === `UserGetResponse${version}`) return succeed(releaseOfUserGetVersion(version));
      last = isError(a) ? errorFailure(a, `UserGetRequest${version}`) : unexpected(`UserGetRequest${version}`, a);
    }
    return failWith({
      kind: 'server-error',
      summary: last?.kind === 'server-error' || last?.kind === 'auth' ? last.summary : 'no UserGetRequest version accepted',
      message: `the BroadWorks release could not be determined: the server refused every UserGetRequest from 22 down to 17sp4 (${last?.message ?? 'no answer'})`,
    });
  }

  return {
    sessionId,
    secure,
    events$: events.asObservable(),

    async login({ userId, password, overTls }) {
      // oci-p.md §5.2 project rule: the single-stage cleartext login ONLY over TLS; plain TCP signs.
      if (secure && overTls !== false) {
        const single = await singleStageLogin(userId, password);
        if (single !== 'unsupported') {
          if (single.ok) login = single.value;
          return single;
        }
      }
      const signed = await signedLogin(userId, password);
      if (signed.ok) login = signed.value;
      return signed.ok ? signed : failWith(scrubFailure(signed.error, password));
    },

    async fetchRelease() {
      const who = loggedIn('fetchRelease');
      if (!who.ok) return who;
      const answer = await one({ type: 'SystemSoftwareVersionGetRequest' });
      if (!answer.ok) return answer;
      const a = answer.value;
      if (a?.type === 'SystemSoftwareVersionGetResponse') {
        const release = parseRelease(a.version);
        if (release !== undefined) return succeed(release);
      } else if (!isError(a)) {
        return failWith(unexpected('SystemSoftwareVersionGetRequest', a));
      }
      // oci-p.md §8: a user-level login may not be allowed to read the version (or it is unreadable).
      return probeRelease(who.value.userId);
    },

    async fetchProfile(release) {
      const who = loggedIn('fetchProfile');
      if (!who.ok) return who;
      const version = userGetVersionFor(release);
      if (version === undefined) {
        return failWith({ kind: 'server-error', summary: `release ${release.text}`, message: `BroadWorks ${release.text} is older than R17, which Unity does not support` });
      }
      const withImp = hasIntegratedImpRequest(release);
      const answer = await profileDocument(who.value.userId, version, withImp);
      if (!answer.ok) return answer;
      const [profile, imp] = answer.value;
      if (isError(profile)) return failWith(errorFailure(profile, `UserGetRequest${version}`));
      if (profile?.type !== `UserGetResponse${version}`) return failWith(unexpected(`UserGetRequest${version}`, profile));
      const p = profile as OciUserGetResponse;
      // The IM&P request is authoritative where the release has it (isActive); the profile's impId otherwise.
      const impId = imp?.type === 'UserIntegratedIMPGetResponse21sp1' ? (imp.isActive ? imp.impId : undefined) : p.impId;
      const impAnswer: OciUserProfileInfo['impAnswer'] = !withImp
        ? { kind: 'from-profile' }
        : imp?.type === 'UserIntegratedIMPGetResponse21sp1'
          ? { kind: imp.isActive ? 'active' : 'inactive' }
          : { kind: 'refused', message: isError(imp) ? errorFailure(imp, 'UserIntegratedIMPGetRequest21sp1').message : unexpected('UserIntegratedIMPGetRequest21sp1', imp).message };
      const org: OciOrganisation = who.value.isEnterprise ? { enterpriseId: p.serviceProviderId } : { serviceProviderId: p.serviceProviderId };
      const info: OciUserProfileInfo = {
        userId: p.userId ?? who.value.userId, // 21sp1 and older omit userId (oci-p.md §9)
        firstName: p.firstName,
        lastName: p.lastName,
        groupId: p.groupId,
        userGetVersion: version,
        ...org,
        ...(p.phoneNumber !== undefined ? { phoneNumber: p.phoneNumber } : {}),
        ...(p.extension !== undefined ? { extension: p.extension } : {}),
        ...(impId !== undefined ? { impId } : {}),
        impAnswer,
      };
      return succeed(info);
    },

    async keepalive() {
      const answer = await one({ type: 'VerifySessionIsValidRequest' });
      if (!answer.ok) return answer;
      const a = answer.value;
      if (a?.type === 'SuccessResponse') return succeed(undefined);
      return failWith(isError(a) ? errorFailure(a, 'the OCI session is no longer valid') : unexpected('VerifySessionIsValidRequest', a));
    },

    async logout() {
      const who = loggedIn('logout');
      if (!who.ok) {
        stream.close();
        return succeed(undefined);
      }
      loggingOut = true;
      const answer = await one({ type: 'LogoutRequest', userId: who.value.userId, reason: 'Client Logout' });
      login = null;
      stream.close();
      if (!answer.ok) return answer.error.kind === 'closed' ? succeed(undefined) : answer;
      const a = answer.value;
      if (a?.type === 'SuccessResponse') return succeed(undefined);
      return failWith(isError(a) ? errorFailure(a, 'OCI logout') : unexpected('LogoutRequest', a));
    },

    close() {
      login = null;
      stream.close();
    },
  };
}

function scrubFailure(failure: OciFailure, password: string): OciFailure {
  return { ...failure, message: scrub(failure.message, password) } as OciFailure;
}
