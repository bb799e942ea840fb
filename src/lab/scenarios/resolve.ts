// Turns a scenario's symbolic settings into concrete values once the lab's ports are known.
import type { KakapoConnectivity, KakapoTlsSetting } from '../../codecs/kakapo/types.ts';
import { createPrng } from '../telephony/prng.ts';
import type { LabServiceKey, PortRef, ScenarioConnectivity, ScenarioTlsSetting, ScenarioUser } from './types.ts';

export type LabPorts = Partial<Record<LabServiceKey, { plain?: number; tls?: number }>>;

/**
 * @example
 * try { resolvePort(ref, {}); } catch (e) { if (e instanceof ScenarioPortError) console.error(e.message); }
 */
export class ScenarioPortError extends Error {
  readonly code = 'LAB_PORT_UNRESOLVED';
}

/**
 * @example
 * resolvePort({ service: 'cti', endpoint: 'tls' }, ports); // the CTI server's TLS port
 */
export function resolvePort(ref: PortRef, ports: LabPorts): number {
  if (typeof ref === 'number') return ref;
  const port = ports[ref.service]?.[ref.endpoint];
  if (port === undefined) throw new ScenarioPortError(`no ${ref.endpoint} port for lab service ${ref.service}`);
  return port;
}

/** A port that may be unknown (a server not running): the setting is then left out. */
function tryPort(ref: PortRef | undefined, ports: LabPorts): number | undefined {
  if (ref === undefined) return undefined;
  try {
    return resolvePort(ref, ports);
  } catch {
    return undefined;
  }
}

function resolveTls(setting: ScenarioTlsSetting | undefined, ports: LabPorts): KakapoTlsSetting | undefined {
  if (!setting) return undefined;
  const port = tryPort(setting.port, ports);
  return {
    enabled: setting.enabled,
    ...(port !== undefined ? { port } : {}),
    ...(setting.certificateHost !== undefined ? { certificateHost: setting.certificateHost } : {}),
    ...(setting.securityProtocol !== undefined ? { securityProtocol: setting.securityProtocol } : {}),
  };
}

/**
 * The branding connectivity (kakapo.md §2.1) the lab's portal serves for this scenario.
 *
 * @example
 * const branding = resolveConnectivity(scenario.portal.connectivity, ports);
 */
export function resolveConnectivity(c: ScenarioConnectivity, ports: LabPorts): KakapoConnectivity {
  const ociTls = resolveTls(c.ociTls, ports);
  const ctiTls = resolveTls(c.cti.tls, ports);
  const impPort = tryPort(c.imp.port, ports) ?? 2208; // kakapo.md §2.1 default
  const xsiPort = c.xsi ? tryPort(c.xsi.port, ports) : undefined;
  return {
    voipServerPort: resolvePort(c.voipServerPort, ports),
    ...(ociTls ? { ociTls } : {}),
    useCtiInsteadOfCap: c.useCtiInsteadOfCap,
    cti: {
      ...(c.cti.host !== undefined ? { host: c.cti.host } : {}),
      port: tryPort(c.cti.port, ports) ?? 8011, // seed §4.2 default
      ...(ctiTls ? { tls: ctiTls } : {}),
    },
    imp: { host: c.imp.host, port: impPort },
    ...(c.xsi && xsiPort !== undefined ? { xsi: { baseUrl: `https://${c.xsi.host}:${xsiPort}` } } : {}),
    keepaliveSeconds: c.keepaliveSeconds,
    callCenterStatsRefresh: { ...c.callCenterStatsRefresh },
  };
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * Per-start passwords: drawn from the lab seed, so a seeded lab is reproducible.
 *
 * @example
 * labPasswords('seed', scenario.users).get('ann@lab.test'); // the same password for the same seed
 */
export function labPasswords(seed: string, users: ScenarioUser[]): Map<string, string> {
  const prng = createPrng(`passwords:${seed}`);
  return new Map(users.map((u) => [u.loginId, `Lab-${prng.text(14, PASSWORD_ALPHABET)}`]));
}
