// The start-up machine's own effect requests (machines/startup/contract.ts): branding and license
// from the Kakapo portal (kakapo.md §2), release and profile over the logged-in OCI link (seed §1.1).
// Each answer enters through dispatch to the root actor; a failure is an event, never a throw.
import type { BrandingResponse, LicenseRequest as WireLicenseRequest } from '../codecs/kakapo/types.ts';
import type { Branding, StartupEffect, UserProfile } from '../machines/startup/contract.ts';
import type { LoggedEvent } from '../machines/log/log-entry.ts';
import type { PortalClient } from '../adapters/portal/portal-client.ts';
import type { PortalFailure as ClientPortalFailure } from '../adapters/portal/portal-failure.ts';
import type { PortalFailure } from '../machines/startup/contract.ts';
import type { Dispatcher } from '../adapters/runtime/connection-runner.ts';
import type { OciDriver } from '../adapters/runtime/oci-driver.ts';
import type { PortalAnswers } from './portal-answers.ts';

export function brandingOf(response: BrandingResponse): Branding {
  const c = response.connectivity;
  return {
    level: response.level,
    connectivity: {
      voipServerPort: c.voipServerPort,
      ...(c.ociTls ? { ociTls: c.ociTls } : {}),
      useCtiInsteadOfCap: c.useCtiInsteadOfCap,
      cti: c.cti,
    },
    imp: { host: c.imp.host, port: c.imp.port },
    ...(c.xsi ? { xsiBaseUrl: c.xsi.baseUrl } : {}),
    keepaliveSeconds: c.keepaliveSeconds,
  };
}

function machineFailureOf(failure: ClientPortalFailure): PortalFailure {
  switch (failure.kind) {
    case 'unreachable': {
      const k = failure.netKind;
      const kind = k === 'refused' ? 'refused' : k === 'timeout' ? 'timeout' : k.startsWith('tls') ? 'tls' : k === 'http' ? 'http' : 'unreachable';
      return { kind, message: failure.message };
    }
    case 'bad-response':
    case 'bad-envelope':
    case 'encode':
      return { kind: 'bad-response', message: failure.message };
    default:
      return { kind: 'http', message: failure.message };
  }
}

function wireLicenseRequest(effect: Extract<StartupEffect, { type: 'effect.requestLicense' }>): WireLicenseRequest {
  const org = effect.enterpriseId !== undefined ? { enterpriseId: effect.enterpriseId } : { serviceProviderId: effect.serviceProviderId ?? '' };
  const common = { serverHost: effect.serverHost, groupId: effect.groupId, clientVersion: effect.clientVersion, ...org };
  if (effect.clientType === 'Wallboard' || effect.clientType === 'Dashboard') {
    return { ...common, clientType: effect.clientType, macAddress: effect.macAddress ?? '', computerName: effect.computerName ?? '' };
  }
  return {
    ...common,
    clientType: effect.clientType,
    loginId: effect.loginId ?? '',
    firstName: effect.firstName ?? '',
    lastName: effect.lastName ?? '',
    ...(effect.phoneNumber !== undefined ? { phoneNumber: effect.phoneNumber } : {}),
  };
}

/** Answers the start-up machine's own effect requests (the root actor's). */
export interface StartupEffects {
  handle(effect: StartupEffect): void;
}

/**
 * @example
 * const startup = createStartupEffects({ system, rootId: system.rootId, portal, oci: drivers.oci, answers });
 * system.onEffect((effect, from) => from === system.rootId && startup.handle(effect as StartupEffect));
 */
export function createStartupEffects(options: { system: Dispatcher; rootId: string; portal: PortalClient; oci: OciDriver; answers: PortalAnswers }): StartupEffects {
  const { system, rootId, portal, oci, answers } = options;
  const answer = (event: LoggedEvent): void => system.dispatch(rootId, event, 'network');

  async function fetchBranding(effect: Extract<StartupEffect, { type: 'effect.fetchBranding' }>): Promise<void> {
    const result = await portal.getBranding({
      ...(effect.by === 'loginId' && effect.loginId !== undefined ? { loginId: effect.loginId } : {}),
      serverHost: effect.serverHost,
      clientType: effect.clientType,
      clientVersion: effect.clientVersion,
    });
    if (result.ok) {
      answers.branding = result.value.branding;
      return answer({ type: 'BRANDING.LOADED', branding: brandingOf(result.value.branding) });
    }
    const f = result.error;
    if (f.kind === 'unknown-provider' || f.kind === 'unknown-user') return answer({ type: 'BRANDING.NOT_FOUND', message: f.message });
    return answer({ type: 'BRANDING.FAILED', failure: machineFailureOf(f) });
  }

  async function fetchProfile(): Promise<void> {
    const link = oci.link;
    if (link === null) return answer({ type: 'PROFILE.FAILED', message: 'the OCI session is not logged in' });
    const release = await link.fetchRelease();
    if (!release.ok) return answer({ type: 'PROFILE.FAILED', message: release.error.message });
    const got = await link.fetchProfile(release.value);
    if (!got.ok) return answer({ type: 'PROFILE.FAILED', message: got.error.message });
    const p = got.value;
    const profile: UserProfile = {
      userId: p.userId,
      firstName: p.firstName,
      lastName: p.lastName,
      ...(p.phoneNumber !== undefined ? { phoneNumber: p.phoneNumber } : {}),
      ...(p.extension !== undefined ? { extension: p.extension } : {}),
      groupId: p.groupId,
      serviceProviderId: p.enterpriseId ?? p.serviceProviderId ?? '',
      isEnterprise: p.enterpriseId !== undefined,
      ...(p.impId !== undefined ? { xmppId: p.impId } : {}),
      // OCI's profile does not list assigned services; CAP's registration is the authority (seed §2.2,
      // cap.md §3): a refusal there stops start-up as capServiceMissing.
      clientCallControl: true,
    };
    answer({ type: 'PROFILE.LOADED', release: release.value.text, profile });
  }

  async function requestLicense(effect: Extract<StartupEffect, { type: 'effect.requestLicense' }>): Promise<void> {
    const result = await portal.requestLicense(wireLicenseRequest(effect));
    if (result.ok) {
      answers.impToken = result.value.impToken; // the token stays here, out of events and logs
      const { status, features } = result.value;
      return answer({
        type: 'LICENSE.LOADED',
        license: { status, features, ...(result.value.trialDaysLeft !== undefined ? { trialDaysLeft: result.value.trialDaysLeft } : {}) },
      });
    }
    // kakapo.md §2: LicenseDenied is the portal refusing a license: to the user it is "no license".
    if (result.error.kind === 'license-denied') {
      return answer({ type: 'LICENSE.LOADED', license: { status: 'Unlicensed', features: { imp: false, xmpp: false, callCenter: false, reception: false } } });
    }
    answer({ type: 'LICENSE.FAILED', failure: machineFailureOf(result.error) });
  }

  return {
    handle(effect: StartupEffect): void {
      switch (effect.type) {
        case 'effect.fetchBranding':
          void fetchBranding(effect);
          return;
        case 'effect.fetchProfile':
          void fetchProfile();
          return;
        case 'effect.requestLicense':
          void requestLicense(effect);
          return;
      }
    },
  };
}
