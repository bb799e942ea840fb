// OCI-P request handling for one session (oci-p.md §5–§10). Pure except for the nonce source.
import { ociSignedPassword } from '../../codecs/oci/signed-password.ts';
import type { OciLoginFields, OciRequest, OciResponse, OciUserGetResponse } from '../../codecs/oci/types.ts';
import type { OciDirectory } from './directory.ts';
import * as errors from './errors.ts';
import type { OciDirectoryUser } from './types.ts';

export interface OciSessionState {
  user: OciDirectoryUser | null;
  /** AuthenticationRequest nonces by lower-case user id; each is used once. */
  nonces: Map<string, string>;
}

export interface OciServerContext {
  directory: OciDirectory;
  releaseText: string;
  releaseMajor: number;
  userMayReadRelease: boolean;
  cleartextLogin: 'tls-only' | 'anywhere';
  nextNonce(): string;
}

export interface OciHandled {
  response: OciResponse;
  /** LogoutRequest: the session is gone after this answer (oci-p.md §6). */
  endSession?: boolean;
}

/** Major release a UserGetRequest version belongs to (`17sp4` → 17, `23V2` → 23). */
function versionMajor(version: string): number {
  return Number(/^\d+/.exec(version)?.[0] ?? '0');
}

function loginFields(user: OciDirectoryUser): OciLoginFields {
  // oci-p.md §5.3 real values: en_US, ISO-8859-1, passwordExpiresDays 2147483647 (never).
  return {
    loginType: 'User',
    locale: 'en_US',
    encoding: 'ISO-8859-1',
    groupId: user.groupId,
    serviceProviderId: user.serviceProviderId,
    isEnterprise: user.isEnterprise,
    passwordExpiresDays: 2147483647,
    userDomain: user.loginId.split('@')[1] ?? 'lab.test',
  };
}

function profile(ctx: OciServerContext, user: OciDirectoryUser, version: string): OciUserGetResponse {
  const hasImp = ctx.directory.hasService(user.loginId, 'Integrated IM&P') && user.impId !== undefined;
  // oci-p.md §9 sequence order (the codec writes fields in schema order; userId only from 22).
  return {
    type: `UserGetResponse${version}` as OciUserGetResponse['type'],
    echo: '',
    serviceProviderId: user.serviceProviderId,
    groupId: user.groupId,
    userId: user.loginId,
    lastName: user.lastName,
    firstName: user.firstName,
    callingLineIdLastName: user.lastName,
    callingLineIdFirstName: user.firstName,
    phoneNumber: user.phoneNumber,
    extension: user.extension,
    language: 'English',
    timeZone: 'America/New_York',
    timeZoneDisplayName: '(GMT-04:00) (US) Eastern Time',
    defaultAlias: user.loginId,
    emailAddress: user.loginId,
    countryCode: '1',
    ...(hasImp ? { impId: user.impId } : {}),
  };
}

function login(ctx: OciServerContext, state: OciSessionState, user: OciDirectoryUser, single: boolean): OciHandled {
  state.user = user;
  state.nonces.clear();
  return {
    response: single
      ? { type: 'LoginResponse22V5', echo: '', ...loginFields(user) }
      : { type: 'LoginResponse14sp4', echo: '', ...loginFields(user) },
  };
}

export function handleOciRequest(
  ctx: OciServerContext,
  state: OciSessionState,
  request: OciRequest,
  secure: boolean,
): OciHandled {
  switch (request.type) {
    case 'AuthenticationRequest': {
      const user = ctx.directory.find(request.userId);
      if (!user) return { response: errors.userNotFound(request.userId) };
      const nonce = ctx.nextNonce();
      state.nonces.set(user.loginId.toLowerCase(), nonce);
      // oci-p.md §5.1: passwordAlgorithm's only value is MD5.
      return { response: { type: 'AuthenticationResponse', echo: '', userId: request.userId, nonce, passwordAlgorithm: 'MD5' } };
    }
    case 'LoginRequest14sp4': {
      const user = ctx.directory.find(request.userId);
      if (!user) return { response: errors.userNotFound(request.userId) };
      if (request.signedPassword !== undefined) {
        const key = user.loginId.toLowerCase();
        const nonce = state.nonces.get(key);
        if (nonce === undefined) return { response: errors.loginFirstAuthenticate() };
        state.nonces.delete(key); // a nonce signs one attempt
        if (request.signedPassword.toLowerCase() !== ociSignedPassword(nonce, user.password)) {
          return { response: errors.invalidPassword() };
        }
        return login(ctx, state, user, false);
      }
      if (request.plainTextPassword !== undefined) {
        if (!secure && ctx.cleartextLogin === 'tls-only') return { response: errors.cleartextRefused() };
        if (request.plainTextPassword !== user.password) return { response: errors.invalidPassword() };
        return login(ctx, state, user, false);
      }
      return { response: errors.invalidPassword() };
    }
    case 'LoginRequest22V5': {
      // oci-p.md §5.2: single-stage login exists from R22.
      if (ctx.releaseMajor < 22) return { response: errors.unsupportedRequest(request.type) };
      const user = ctx.directory.find(request.userId);
      if (!user) return { response: errors.userNotFound(request.userId) };
      if (request.password === undefined) return { response: errors.invalidPassword() };
      if (!secure && ctx.cleartextLogin === 'tls-only') return { response: errors.cleartextRefused() };
      if (request.password !== user.password) return { response: errors.invalidPassword() };
      return login(ctx, state, user, true);
    }
    case 'LogoutRequest': {
      if (!state.user) return { response: errors.notLoggedIn() };
      state.user = null;
      return { response: { type: 'SuccessResponse', echo: '' }, endSession: true };
    }
    case 'VerifySessionIsValidRequest':
      // oci-p.md §10: Success for a logged-in session, ErrorResponse otherwise.
      return { response: state.user ? { type: 'SuccessResponse', echo: '' } : errors.notLoggedIn() };
    case 'SystemSoftwareVersionGetRequest':
      if (!state.user) return { response: errors.notLoggedIn() };
      // oci-p.md §8 (UNVERIFIED): a scenario option whether a user-level login may read it.
      if (!ctx.userMayReadRelease) return { response: errors.notAuthorized('SystemSoftwareVersionGetRequest needs a system-level login') };
      return { response: { type: 'SystemSoftwareVersionGetResponse', echo: '', version: ctx.releaseText } };
    case 'UserIntegratedIMPGetRequest21sp1': {
      if (!state.user) return { response: errors.notLoggedIn() };
      if (ctx.releaseMajor < 21) return { response: errors.unsupportedRequest(request.type) };
      const target = ctx.directory.find(request.userId);
      if (!target) return { response: errors.userNotFound(request.userId) };
      if (target !== state.user) return { response: errors.notAuthorized('a user may read only its own settings') };
      const active = ctx.directory.hasService(target.loginId, 'Integrated IM&P') && target.impId !== undefined;
      return {
        response: {
          type: 'UserIntegratedIMPGetResponse21sp1',
          echo: '',
          isActive: active,
          ...(active ? { impId: target.impId, isAlternateImpId: false } : {}),
        },
      };
    }
    default: {
      if (!request.type.startsWith('UserGetRequest')) return { response: errors.unsupportedRequest(request.type) };
      if (!state.user) return { response: errors.notLoggedIn() };
      const version = request.type.slice('UserGetRequest'.length);
      // oci-p.md §8: a newer request than the release is refused — how clients probe the release.
      if (versionMajor(version) > ctx.releaseMajor) return { response: errors.unsupportedRequest(request.type) };
      const target = ctx.directory.find(request.userId);
      if (!target) return { response: errors.userNotFound(request.userId) };
      if (target !== state.user) return { response: errors.notAuthorized('a user may read only its own profile') };
      return { response: profile(ctx, target, version) };
    }
  }
}

/** Request types that carry login material (for the close-mid-login fault). */
export function isLoginRequest(type: string): boolean {
  return type === 'AuthenticationRequest' || type.startsWith('LoginRequest');
}
