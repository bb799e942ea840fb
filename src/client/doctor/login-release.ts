// Optional: with a login and password, log in over OCI as the client would (seed §1.1) to learn the
// BroadWorks release (which decides CAP or CTI, seed §3) and the XMPP id's domain (seed §1.1).
// The password is used for this one login and goes nowhere else.
import { randomUUID } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import { openBroadsoftStream } from '../../adapters/oci/broadsoft-stream.ts';
import { createOciLink } from '../../adapters/oci/oci-link.ts';
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

export type LoginRelease = { ok: true; release: string; xmppDomain?: string } | { ok: false; message: string };

export async function loginForRelease(options: LoginReleaseOptions): Promise<LoginRelease> {
  // seed §1.1: OCI is connected before the release is known; its endpoint does not depend on it.
  const planned = ociEndpoint(options.serverHost, options.connectivity);
  if (!planned.ok) return { ok: false, message: planned.message };
  const { endpoint } = planned;
  let socket;
  try {
    socket = await firstValueFrom(connectTcp({ host: endpoint.host, port: endpoint.port, resolver: options.resolver, timeoutMs: options.timeoutMs }));
    if (endpoint.tls !== null) {
      socket = await firstValueFrom(upgradeTls(socket, { servername: endpoint.tls.servername, version: endpoint.tls.version, ca: options.ca, timeoutMs: options.timeoutMs }));
    }
  } catch (error) {
    return { ok: false, message: isNetFailure(error) ? error.message : 'the OCI connection failed' };
  }
  const link = createOciLink({ stream: openBroadsoftStream(socket), ids: randomUUID, requestTimeoutMs: options.timeoutMs });
  try {
    const login = await link.login({ userId: options.loginId, password: options.password });
    if (!login.ok) return { ok: false, message: login.error.message };
    const release = await link.fetchRelease();
    if (!release.ok) return { ok: false, message: release.error.message };
    const profile = await link.fetchProfile(release.value);
    const impId = profile.ok ? profile.value.impId : undefined;
    const domain = impId?.includes('@') ? impId.slice(impId.lastIndexOf('@') + 1) : undefined;
    await link.logout();
    return { ok: true, release: release.value.text, ...(domain ? { xmppDomain: domain } : {}) };
  } finally {
    link.close();
  }
}
