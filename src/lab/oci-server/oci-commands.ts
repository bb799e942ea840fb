// OCI-P request handling for one session (oci-p.md §5–§10). Pure except for the nonce source.
import { ociSignedPassword } from '../../codecs/oci/signed-password.ts';
import type { OciLoginFields, OciRequest, OciResponse, OciUserGetResponse } from '../../codecs/oci/types.ts';
import type { OciDirectory } from './directory.ts';
import * as errors from './errors.ts';
import { releaseAtLeast, type LabRelease, type OciDirectoryUser } from './types.ts';

export interface OciSessionState {
  user: OciDirectoryUser | null;
  /** AuthenticationRequest nonces by lower-case user id; each is used once. */
  nonces: Map<string, string>;
}

export interface OciServerContext {
  directory: OciDirectory;
  releaseText: string;
  release: LabRelease;
  userMayReadRelease: boolean;
  cleartextLogin: 'tls-only' | 'anywhere';
  nextNonce(): string;
}

export interface OciHandled {
  response: OciResponse;
  /** LogoutRequest: the session is gone after this answer (oci-p.md §6). */
  endSession?: boolean;
}

/** The release a UserGetRequest version first appears in (`17sp4` → 17 sp4, `23V2` → 23, `21sp1` → 21 sp1). */
function versionRelease(version: string): { major: number; sp: number } {
  const m = /^(\d+)(?:sp(\d+))?/.exec(version);
  return { major: Number(m?.[1] ?? '0'), sp: Number(m?.[2] ?? '0') };
}

// OCI-P schema (OCISchemaDataTypes.xsd) length limits the OCS checks before it reads a request:
// UserId 1..161, Password 1..60, SignedPassword at least 1.
const LIMITS: Record<string, { min: number; max: number }> = {
  userId: { min: 1, max: 161 },
  password: { min: 1, max: 60 },
  plainTextPassword: { min: 1, max: 60 },
  signedPassword: { min: 1, max: Number.MAX_SAFE_INTEGER },
};

/** The first schema length violation of a decoded request, worded with the element name; null when none. */
export function requestLengthViolation(request: OciRequest): string | null {
  for (const [field, { min, max }] of Object.entries(LIMITS)) {
    const value = (request as unknown as Record<string, unknown>)[field];
    if (typeof value !== 'string') continue;
    if (value.length < min) return `${request.type}: element ${field} is shorter than ${min} character`;
    if (value.length > max) return `${request.type}: element ${field} is longer than ${max} characters`;
  }
  return null;
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
    // UserGetResponse23V2 requires allowVideo (OCISchemaUser.xsd); the codec writes it for 23V2 only.
    allowVideo: true,
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
      // oci-p.md §5.2: single-stage login exists from R22; an older OCS does not know the type.
      if (!releaseAtLeast(ctx.release, 22)) return { response: errors.unknownCommandType(request.type) };
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
      if (!ctx.userMayReadRelease) return { response: errors.unauthorizedRequest(request.type) };
      return { response: { type: 'SystemSoftwareVersionGetResponse', echo: '', version: ctx.releaseText } };
    case 'UserIntegratedIMPGetRequest21sp1': {
      // oci-p.md §9: UserIntegratedIMPGetRequest21sp1 exists from 21sp1 (the type is validated before the session).
      if (!releaseAtLeast(ctx.release, 21, 1)) return { response: errors.unknownCommandType(request.type) };
      if (!state.user) return { response: errors.notLoggedIn() };
      const target = ctx.directory.find(request.userId);
      if (!target) return { response: errors.userNotFound(request.userId) };
      if (target !== state.user) return { response: errors.unauthorizedRequest(request.type) };
      const active = ctx.directory.hasService(target.loginId, 'Integrated IM&P') && target.impId !== undefined;
      return {
        response: {
          type: 'UserIntegratedIMPGetResponse21sp1',
          echo: '',
          isActive: active,
          // isAlternateImpId is fixed to true in the schema: left out, the lab's ids are never alternates.
          ...(active ? { impId: target.impId } : {}),
        },
      };
    }
    default: {
      if (!request.type.startsWith('UserGetRequest')) return { response: errors.unknownCommandType(request.type) };
      const version = request.type.slice('UserGetRequest'.length);
      // oci-p.md §8: a newer request than the release is unknown to it — how clients probe the release.
      // The OCS validates the type before it looks at the session, so this comes first.
      const since = versionRelease(version);
      if (!releaseAtLeast(ctx.release, since.major, since.sp)) return { response: errors.unknownCommandType(request.type) };
      if (!state.user) return { response: errors.notLoggedIn() };
      const target = ctx.directory.find(request.userId);
      if (!target) return { response: errors.userNotFound(request.userId) };
      if (target !== state.user) return { response: errors.unauthorizedRequest(request.type) };
      return { response: profile(ctx, target, version) };
    }
  }
}

/** Request types that carry login material (for the close-mid-login fault). */
export function isLoginRequest(type: string): boolean {
  return type === 'AuthenticationRequest' || type.startsWith('LoginRequest');
}
