// The client configuration that points at a running lab (the demo and the e2e tests): the lab's
// OCI FQDN as the server host, its portal URL, its CA as the only extra trust, its host map, and
// a credential provider holding the lab user's seeded password (never written anywhere).
import type { ClientType } from '../machines/startup/contract.ts';
import type { UnityClientConfig } from './client-config.ts';

/**
 * What labClientConfig reads of a running lab (a `Lab` from unity-connect/lab fits): the client
 * layer takes the lab's facts, never the lab itself.
 */
export interface LabEndpoints {
  readonly scenario: { readonly name: string; readonly clientType: ClientType };
  readonly users: ReadonlyArray<{ readonly loginId: string; readonly password: string }>;
  readonly services: Readonly<Record<string, { readonly host: string; readonly port: number } | undefined>>;
  readonly caCertPem: string;
  readonly hostMap: Record<string, string>;
}

/**
 * @example
 * const lab = await startLab({ scenario: 'r22-cti' });
 * const client = createUnityClient(labClientConfig(lab, { clock: new VirtualClock() }));
 */
export function labClientConfig(lab: LabEndpoints, overrides: Partial<UnityClientConfig> & { userIndex?: number } = {}): UnityClientConfig {
  const { userIndex = 0, ...rest } = overrides;
  const user = lab.users[userIndex];
  if (user === undefined) throw new Error(`the lab scenario ${lab.scenario.name} has no user #${userIndex}`);
  const portal = lab.services['portal'];
  if (portal === undefined) throw new Error('the lab runs no portal');
  const ociHost = (lab.services['oci'] ?? lab.services['oci-tls'])?.host ?? 'ocs.lab.test';
  const password = user.password;
  return {
    serverHost: ociHost,
    loginId: user.loginId,
    password: async () => password,
    portalUrl: `https://${portal.host}:${portal.port}`,
    clientType: lab.scenario.clientType,
    ca: [lab.caCertPem],
    hostMap: lab.hostMap,
    // seed §1.1 fixes XMPP on 5222; the lab's Prosody listens on an ephemeral port.
    ...(lab.services['xmpp'] ? { portMap: { [`${lab.services['xmpp'].host}:5222`]: lab.services['xmpp'].port } } : {}),
    // seed §1.1: Wallboard/Dashboard licenses carry the PC's identity; the lab's PC is fixed.
    ...(lab.scenario.clientType === 'Wallboard' || lab.scenario.clientType === 'Dashboard'
      ? { device: { macAddress: '02:00:5E:10:00:01', computerName: 'LAB-WALLBOARD-1' } }
      : {}),
    ...rest,
  };
}
