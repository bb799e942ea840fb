// startLab (issue 4, "Interface"): one scenario → PKI, OCS (OCI + CAP), CTI, XSI, Kakapo portal,
// Kakapo IM&P, and Prosody when the scenario needs XMPP; all on loopback, ephemeral ports.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KakapoConnectivity } from '../codecs/kakapo/types.ts';
import { startCtiServer, type CtiServer } from './cti-server/cti-server.ts';
import { startImpServer, type ImpServer } from './imp-server/imp-server.ts';
import { issueFor } from './lab-certificates.ts';
import { findClosedPort } from './net/closed-port.ts';
import { parseLabFault, type LabFault } from './net/faults.ts';
import { LAB_HOSTS, labHostMap, type LabHostMap } from './net/hosts.ts';
import { startOciServer, type OciLabServer } from './oci-server/oci-server.ts';
import { createLabPki } from './pki/lab-pki.ts';
import { startPortalServer, type PortalServer } from './portal/portal-server.ts';
import { portalSpecFromScenario } from './portal/scenario-spec.ts';
import { getScenario } from './scenarios/catalogue.ts';
import { withMonitoredUsers } from './scenarios/monitored-users.ts';
import { labPasswords, resolveConnectivity, type LabPorts } from './scenarios/resolve.ts';
import { createScenarioTelephony } from './scenarios/scenario-telephony.ts';
import type { LabScenario, LabServiceKey, ScenarioUser } from './scenarios/types.ts';
import { createPrng } from './telephony/prng.ts';
import type { LabTelephony } from './telephony/telephony.ts';
import { startActivity, type ActivityDriver, type ActivityScheduler } from './telephony/activity.ts';
import { checkCallRate, startCallRate, type CallRate, type CallRateDriver } from './telephony/call-rate.ts';
import { startProsody, type ProsodyServer } from './xmpp/prosody.ts';
import { monitoredUsers, type UserProfileFacts } from './xsi-server/actions-routes.ts';
import { startXsiServer, type XsiServer } from './xsi-server/xsi-server.ts';

export interface StartLabOptions {
  /** Scenario name (default r22-cti) or a scenario object. */
  scenario?: string | LabScenario;
  /**
   * Reception scale: the scenario's first user gets exactly this many users (0 to 20,000) on its
   * Busy Lamp Field list, served over XSI and monitored over CTI or CAP (withMonitoredUsers).
   * A MonitoredUsersError (a RangeError) for anything else.
   */
  monitoredUsers?: number;
  /** Makes passwords, nonces and call ids reproducible. Default: random per start. */
  seed?: string;
  /**
   * Run an activity driver. `true` or `{ meanIntervalMs }`: the demo's (calls, BLF, queues, IMs on a
   * seeded schedule). `{ callsPerSecond, callDurationMs?, ringMs? }`: load at a steady rate — an
   * outside caller rings one of the first user's monitored users (its Busy Lamp Field list), who
   * answers and hangs up after the call's duration, so the lamps go ringing, busy and idle over
   * CTI, XSI and CAP (a CallRateError, a RangeError, for a bad rate).
   */
  activity?: boolean | { meanIntervalMs?: number } | CallRate;
  /**
   * The timers of the activity drivers; default real timers (that keep no process alive). A test
   * passes a virtual clock (anything with setTimeout and clearTimeout) and moves time itself.
   */
  scheduler?: ActivityScheduler;
  /**
   * The lab's notion of time for token lifetimes (portal, IM&P) and channel expiry (CTI); default
   * the wall clock. A test on a virtual clock passes its `now` so tokens expire in virtual time.
   */
  now?: () => number;
  /** Internal server errors (never carry passwords). Default: ignored. */
  onError?: (service: string, error: unknown) => void;
}

/** One listening endpoint. `host` is the FQDN to use (resolve it with the host map). */
export interface LabServiceEndpoint {
  host: string;
  port: number;
  tls: boolean;
  /** False for a port on which nothing listens on purpose (cti-unreachable). */
  listening: boolean;
}

export interface LabUser extends ScenarioUser {
  password: string;
  /** CAP userUid. */
  uid: number;
}

export interface Lab {
  scenario: LabScenario;
  seed: string;
  /** oci, oci-tls, cti, cti-tls, xsi, portal, imp, imp-tls, xmpp — whatever the scenario runs. */
  services: Record<string, LabServiceEndpoint>;
  /** The branding connectivity the portal serves for this scenario (kakapo.md §2.1). */
  branding: KakapoConnectivity;
  caCertPem: string;
  /** The CA certificate written to a temp file (removed by stop()). */
  caCertPath: string;
  hostMap: LabHostMap;
  users: LabUser[];
  telephony: LabTelephony;
  /** The OCS, for server pushes (pushLogout). */
  oci: OciLabServer;
  /** The other simulators, for tests that inspect them (unacknowledged CTI events, stored IMs, ...). */
  servers: { cti?: CtiServer; xsi: XsiServer; imp: ImpServer; portal: PortalServer };
  /** Present when started with `activity`. */
  activity?: ActivityDriver;
  /** Present when started with `activity: { callsPerSecond }`: the same driver, with its counters. */
  callRate?: CallRateDriver;
  /** Applies a fault to one service: oci, cti, xsi, portal, imp, xmpp. */
  fault(service: string, fault: LabFault | string): Promise<void>;
  stop(): Promise<void>;
}

interface Stoppable {
  fault(fault: LabFault): unknown;
  stop(): Promise<void>;
}

/**
 * @example
 * try { await startLab({ scenario: 'xmpp' }); } catch (e) { if (e instanceof LabStartError) console.error(e.message); }
 */
export class LabStartError extends Error {
  readonly code = 'LAB_START_FAILED';
}

function prosodyFault(server: ProsodyServer, fault: LabFault): Promise<void> {
  switch (fault.type) {
    case 'drop-all':
      return server.fault({ type: 'drop-all' });
    case 'half-open':
      return server.fault({ type: 'half-open' });
    case 'refuse-new':
      return server.fault({ type: 'shutdown' });
    case 'clear':
      return server.running ? server.fault({ type: 'clear' }) : server.fault({ type: 'restart' });
    default:
      return Promise.reject(new LabStartError(`the xmpp server (Prosody) cannot simulate ${fault.type}`));
  }
}

/**
 * @example
 * const lab = await startLab({ scenario: 'r22-cti' });
 * const client = createUnityClient(labClientConfig(lab));
 * // …
 * await lab.stop();
 */
export async function startLab(options: StartLabOptions = {}): Promise<Lab> {
  const chosen = typeof options.scenario === 'object' ? structuredClone(options.scenario) : getScenario(options.scenario);
  const scenario = options.monitoredUsers === undefined ? chosen : withMonitoredUsers(chosen, options.monitoredUsers);
  const callRate = typeof options.activity === 'object' && 'callsPerSecond' in options.activity ? checkCallRate(options.activity) : undefined;
  const seed = options.seed ?? randomUUID();
  const now = new Date();
  const started = new Map<string, Stoppable>();
  const onError = (service: string) => (error: unknown) => options.onError?.(service, error);
  const dir = await mkdtemp(join(tmpdir(), 'unity-connect-lab-'));

  const stopAll = async (): Promise<void> => {
    await Promise.allSettled([...started.values()].map((s) => s.stop()));
    started.clear();
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const pki = await createLabPki({ now });
    const caCertPath = join(dir, 'lab-ca.pem');
    await writeFile(caCertPath, pki.caCertPem, { mode: 0o644 });
    const passwords = labPasswords(seed, scenario.users);
    const passwordOf = (loginId: string): string => passwords.get(loginId) ?? '';
    const prng = createPrng(`lab:${seed}`);
    // Shared by portal and IM&P server; from the seed, so a seeded lab is reproducible (lab only).
    const impTokenSecret = Uint8Array.from({ length: 32 }, () => prng.int(0, 255));

    const telephony = createScenarioTelephony(seed, scenario.users, scenario.callCenters);
    const profiles: Record<string, UserProfileFacts> = Object.fromEntries(
      scenario.users.map((u) => [
        u.loginId,
        { groupId: u.groupId, serviceProviderId: u.serviceProviderId, isEnterprise: u.isEnterprise, ...(u.impId !== undefined ? { impId: u.impId } : {}), ...(u.monitorsGroup === false ? { monitorsGroup: false } : {}) },
      ]),
    );

    // ---- OCS: OCI + CAP (seed §2.1, §2.2)
    const ociCert = await issueFor(pki, scenario.oci.tls.certificate, now);
    const oci = await startOciServer({
      host: LAB_HOSTS.oci,
      release: scenario.release,
      users: scenario.users.map((u) => ({
        loginId: u.loginId,
        password: passwordOf(u.loginId),
        firstName: u.firstName,
        lastName: u.lastName,
        extension: u.extension,
        phoneNumber: u.phoneNumber,
        serviceProviderId: u.serviceProviderId,
        groupId: u.groupId,
        isEnterprise: u.isEnterprise,
        ...(u.impId !== undefined ? { impId: u.impId } : {}),
      })),
      telephony,
      // seed §5.2: a TLS-only server reached on the port the branding calls plain.
      plain: scenario.oci.tlsMode !== 'tls-only-on-plain-port',
      tls: {
        certPem: ociCert.certPem,
        keyPem: ociCert.keyPem,
        ...(scenario.oci.tls.minVersion ? { minVersion: scenario.oci.tls.minVersion } : {}),
        ...(scenario.oci.tls.maxVersion ? { maxVersion: scenario.oci.tls.maxVersion } : {}),
      },
      userMayReadRelease: scenario.oci.userMayReadRelease,
      cleartextLogin: scenario.oci.cleartextLogin,
      capServerStatusReply: scenario.oci.capServerStatusReply,
      declarationNewline: scenario.oci.declarationNewline,
      ...(scenario.oci.timeouts ? { timeouts: scenario.oci.timeouts } : {}),
      seed: `${seed}:oci`,
      onError: onError('oci'),
    });
    started.set('oci', oci);
    const ports: LabPorts = { oci: { ...(oci.endpoints.plain ? { plain: oci.endpoints.plain.port } : {}), ...(oci.endpoints.tls ? { tls: oci.endpoints.tls.port } : {}) } };
    const services: Record<string, LabServiceEndpoint> = {};
    if (oci.endpoints.plain) services['oci'] = { host: LAB_HOSTS.oci, port: oci.endpoints.plain.port, tls: false, listening: true };
    if (oci.endpoints.tls) services['oci-tls'] = { host: LAB_HOSTS.oci, port: oci.endpoints.tls.port, tls: true, listening: true };

    // ---- CTI (seed §2.3, §3.3)
    const ctiPasswords = Object.fromEntries(scenario.users.map((u) => [u.loginId, passwordOf(u.loginId)]));
    let ctiServer: CtiServer | undefined;
    if (scenario.cti.mode === 'unreachable') {
      const closed = await findClosedPort(); // seed §1.1: nothing listens on the CTI port
      ports.cti = { plain: closed };
      services['cti'] = { host: scenario.cti.host, port: closed, tls: false, listening: false };
    } else {
      const ctiCert = await issueFor(pki, scenario.cti.tls.certificate, now);
      const cti = await startCtiServer({
        host: scenario.cti.host,
        plain: true,
        tls: {
          certPem: ctiCert.certPem,
          keyPem: ctiCert.keyPem,
          ...(scenario.cti.tls.minVersion ? { minVersion: scenario.cti.tls.minVersion } : {}),
          ...(scenario.cti.tls.maxVersion ? { maxVersion: scenario.cti.tls.maxVersion } : {}),
        },
        telephony,
        passwords: ctiPasswords,
        ...(options.now ? { now: options.now } : {}),
        onError: onError('cti'),
      });
      started.set('cti', cti);
      ctiServer = cti;
      ports.cti = { plain: cti.endpoints.plain!.port, tls: cti.endpoints.tls!.port };
      services['cti'] = { host: scenario.cti.host, port: cti.endpoints.plain!.port, tls: false, listening: true };
      services['cti-tls'] = { host: scenario.cti.host, port: cti.endpoints.tls!.port, tls: true, listening: true };
    }

    // ---- XSI (HTTPS; seed §1.1: recording, voicemail, call-center reports)
    const xsiCert = await issueFor(pki, scenario.xsi.tls.certificate, now);
    const xsi = await startXsiServer({
      host: LAB_HOSTS.xsi,
      certPem: xsiCert.certPem,
      keyPem: xsiCert.keyPem,
      ...(scenario.xsi.tls.minVersion ? { minVersion: scenario.xsi.tls.minVersion } : {}),
      ...(scenario.xsi.tls.maxVersion ? { maxVersion: scenario.xsi.tls.maxVersion } : {}),
      telephony,
      passwords: ctiPasswords,
      release: scenario.release,
      profiles,
      seed,
      onError: onError('xsi'),
    });
    started.set('xsi', xsi);
    ports.xsi = { tls: xsi.port };
    services['xsi'] = { host: LAB_HOSTS.xsi, port: xsi.port, tls: true, listening: true };

    // ---- Kakapo IM&P (kakapo.md §3)
    const impCert = await pki.issueServerCertificate({ dnsNames: [LAB_HOSTS.imp] });
    const imp = await startImpServer({
      host: LAB_HOSTS.imp,
      plain: true,
      tls: { certPem: impCert.certPem, keyPem: impCert.keyPem },
      impTokenSecret,
      requireToken: !scenario.imp.legacyRegistration,
      users: scenario.users.map((u) => (u.isEnterprise ? { loginId: u.loginId, enterpriseId: u.serviceProviderId } : { loginId: u.loginId, groupId: u.groupId })),
      ...(options.now ? { now: options.now } : {}),
      onError: onError('imp'),
    });
    started.set('imp', imp);
    ports.imp = { plain: imp.endpoints.plain!.port, tls: imp.endpoints.tls!.port };
    services['imp'] = { host: LAB_HOSTS.imp, port: imp.endpoints.plain!.port, tls: false, listening: true };
    services['imp-tls'] = { host: LAB_HOSTS.imp, port: imp.endpoints.tls!.port, tls: true, listening: true };

    // ---- XMPP: a real Prosody, only for scenarios that need it (issue 4, "XMPP")
    if (scenario.requires.includes('prosody')) {
      const xmppCert = await pki.issueServerCertificate({ dnsNames: [LAB_HOSTS.xmpp] });
      const prosody = await startProsody({
        domain: LAB_HOSTS.xmpp,
        certPem: xmppCert.certPem,
        keyPem: xmppCert.keyPem,
        users: scenario.users
          .filter((u) => u.impId?.endsWith(`@${LAB_HOSTS.xmpp}`))
          .map((u) => ({ localpart: u.impId!.split('@')[0]!, password: passwordOf(u.loginId) })),
      });
      started.set('xmpp', { fault: (f: LabFault) => prosodyFault(prosody, f), stop: () => prosody.stop() });
      ports.xmpp = { plain: prosody.endpoints.plain.port };
      services['xmpp'] = { host: LAB_HOSTS.xmpp, port: prosody.endpoints.plain.port, tls: false, listening: true };
    }

    // ---- Kakapo portal (kakapo.md §2): needs every other port for its branding
    const portalCert = await pki.issueServerCertificate({ dnsNames: [LAB_HOSTS.portal] });
    const branding = resolveConnectivity(scenario.portal.connectivity, ports);
    const fault = async (service: string, input: LabFault | string): Promise<void> => {
      const server = started.get(service);
      if (!server) throw new LabStartError(`no lab service '${service}' in scenario ${scenario.name}; running: ${[...started.keys()].join(', ')}`);
      await server.fault(typeof input === 'string' ? parseLabFault(input) : input);
    };
    const portal = await startPortalServer({
      host: LAB_HOSTS.portal,
      certPem: portalCert.certPem,
      keyPem: portalCert.keyPem,
      portal: portalSpecFromScenario({
        systemProviderId: scenario.portal.systemProviderId,
        serverHosts: scenario.portal.serverHosts,
        dataProtection: scenario.portal.dataProtection,
        connectivity: branding,
        policy: scenario.portal.policy,
        license: scenario.license,
        users: scenario.users,
      }),
      impTokenSecret,
      ...(options.now ? { now: options.now } : {}),
      applyFault: (service, f) => fault(service, f),
      onError: onError('portal'),
    });
    started.set('portal', portal);
    services['portal'] = { host: LAB_HOSTS.portal, port: portal.port, tls: true, listening: true };

    for (const { service, fault: f } of scenario.faults) await fault(service satisfies LabServiceKey, f);

    const scheduler = options.scheduler ? { scheduler: options.scheduler } : {};
    const load = callRate
      ? startCallRate({
          telephony,
          users: scenario.users[0] ? monitoredUsers(profiles, scenario.users[0].loginId) : [],
          seed,
          ...callRate,
          ...scheduler,
          onError: onError('activity'),
        })
      : undefined;
    const meanIntervalMs = typeof options.activity === 'object' && 'meanIntervalMs' in options.activity ? options.activity.meanIntervalMs : undefined;
    const activity =
      load ??
      (options.activity
        ? startActivity({
            telephony,
            seed,
            ...(meanIntervalMs !== undefined ? { meanIntervalMs } : {}),
            ...scheduler,
            onInstantMessage: (m) => void imp.inject({ from: m.from, to: m.to, body: m.body }),
            onError: onError('activity'),
          })
        : undefined);
    if (activity) started.set('activity', { fault: () => undefined, stop: async () => activity.stop() });

    let stopped = false;
    return {
      ...(activity ? { activity } : {}),
      ...(load ? { callRate: load } : {}),
      scenario,
      seed,
      services,
      branding,
      caCertPem: pki.caCertPem,
      caCertPath,
      hostMap: labHostMap(),
      users: scenario.users.map((u) => ({ ...u, password: passwordOf(u.loginId), uid: telephony.user(u.loginId).uid })),
      telephony,
      oci,
      servers: { ...(ctiServer ? { cti: ctiServer } : {}), xsi, imp, portal },
      fault,
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

