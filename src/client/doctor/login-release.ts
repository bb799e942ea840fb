// Optional: with a login and password, log in over OCI as the client would to learn the BroadWorks
// release (which decides CAP or CTI) and the user's profile: the names and organisation the license
// request needs, and the Integrated IM&P id whose domain is the XMPP server. Each part reports how
// it answered, so a profile answered only in part is said, never silently dropped. The password is
// used for this one login and goes nowhere else.
import { randomUUID } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import { openBroadsoftStream } from '../../adapters/oci/broadsoft-stream.ts';
import { createOciLink, type OciUserProfileInfo } from '../../adapters/oci/oci-link.ts';
import type { KakapoConnectivity } from '../../codecs/kakapo/types.ts';
import { isNetFailure } from '../../effects/net-failure.ts';
import type { Resolver } from '../../effects/resolver.ts';
import { connectTcp } from '../../effects/tcp-connect.ts';
import { upgradeTls } from '../../effects/tls-upgrade.ts';
import { ociEndpoint } from '../../machines/protocol-selection/oci-endpoint.ts';

export interface LoginReleaseOptions {
  serverHost: string;
  loginId: string;
  password: string;
  connectivity: KakapoConnectivity;
  resolver: Resolver;
  ca: string[];
  timeoutMs: number;
}

/** The user as the profile gave it, for the license request. */
export interface DoctorProfile {
  userId: string;
  firstName: string;
  lastName: string;
  groupId: string;
  serviceProviderId?: string;
  enterpriseId?: string;
}

/** What the profile says about XMPP (Integrated IM&P). */
export type XmppIdAnswer =
  | { kind: 'id'; jid: string; domain: string; partial?: string }
  /** The service is not active for the user: no XMPP connection. */
  | { kind: 'inactive' }
  /** No id: the release's profile has none, or the IM&P part was refused (`refused` = its message). */
  | { kind: 'unknown'; why: string; refused?: string }
  | { kind: 'malformed'; value: string };

export type ProfileAnswer = { ok: true; profile: DoctorProfile; xmpp: XmppIdAnswer } | { ok: false; message: string };

export type LoginRelease =
  | { ok: true; release: string; profile: ProfileAnswer }
  | { ok: false; stage: 'connect' | 'login' | 'release'; message: string };

function xmppIdOf(info: OciUserProfileInfo): XmppIdAnswer {
  const refused = info.impAnswer?.kind === 'refused' ? info.impAnswer.message : undefined;
  const id = info.impId?.trim();
  if (id !== undefined && id !== '') {
    const at = id.lastIndexOf('@');
    const domain = at > 0 ? id.slice(at + 1).split('/')[0]! : '';
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(domain)) return { kind: 'malformed', value: id.slice(0, 100) };
    return { kind: 'id', jid: id, domain: domain.toLowerCase(), ...(refused !== undefined ? { partial: refused } : {}) };
  }
  if (refused !== undefined) {
    return { kind: 'unknown', why: 'the Integrated IM&P part of the profile was refused', refused };
  }
  if (info.impAnswer?.kind === 'inactive') return { kind: 'inactive' };
  return { kind: 'unknown', why: 'the profile has no Integrated IM&P ID' };
}

/**
 * Logs in, reads the release and the profile, logs out.
 *
 * @example
 * const learned = await loginForRelease({ serverHost, loginId, password, connectivity, resolver, ca: [], timeoutMs: 6000 });
 * if (learned.ok && learned.profile.ok && learned.profile.xmpp.kind === 'id') console.log(learned.profile.xmpp.domain);
 */
export async function loginForRelease(options: LoginReleaseOptions): Promise<LoginRelease> {
  // OCI is connected before the release is known; its endpoint does not depend on it.
  const planned = ociEndpoint(options.serverHost, options.connectivity);
  if (!planned.ok) return { ok: false, stage: 'connect', message: planned.message };
  const { endpoint } = planned;
  let socket;
  try {
    socket = await firstValueFrom(connectTcp({ host: endpoint.host, port: endpoint.port, resolver: options.resolver, timeoutMs: options.timeoutMs }));
    if (endpoint.tls !== null) {
      socket = await firstValueFrom(upgradeTls(socket, { servername: endpoint.tls.servername, version: endpoint.tls.version, ca: options.ca, timeoutMs: options.timeoutMs }));
    }
  } catch (error) {
    return { ok: false, stage: 'connect', message: isNetFailure(error) ? error.message : 'the OCI connection failed' };
  }
  const link = createOciLink({ stream: openBroadsoftStream(socket), ids: randomUUID, requestTimeoutMs: options.timeoutMs });
  try {
    const login = await link.login({ userId: options.loginId, password: options.password });
    if (!login.ok) return { ok: false, stage: 'login', message: login.error.message };
    const release = await link.fetchRelease();
    if (!release.ok) return { ok: false, stage: 'release', message: release.error.message };
    const info = await link.fetchProfile(release.value);
    await link.logout();
    if (!info.ok) return { ok: true, release: release.value.text, profile: { ok: false, message: info.error.message } };
    const p = info.value;
    const profile: DoctorProfile = {
      userId: p.userId,
      firstName: p.firstName,
      lastName: p.lastName,
      groupId: p.groupId,
      ...(p.enterpriseId !== undefined ? { enterpriseId: p.enterpriseId } : { serviceProviderId: p.serviceProviderId }),
    };
    return { ok: true, release: release.value.text, profile: { ok: true, profile, xmpp: xmppIdOf(p) } };
  } finally {
    link.close();
  }
}
