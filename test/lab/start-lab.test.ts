import { describe, it, expect, afterEach } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as https from 'node:https';
import { startLab, listScenarios, getScenario, hostMapLookup, type Lab } from '../../src/lab/index.ts';
import { systemProgram } from '../support/system-programs.ts';
import { rawClient, ociRequest, command, capRequest, type RawClient } from './support/raw-client.ts';
import { signed } from './support/ocs-fixture.ts';

const labs: Lab[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(labs.splice(0).map((l) => l.stop()));
});

async function lab(scenario: string, seed?: string): Promise<Lab> {
  const l = await startLab({ scenario, ...(seed ? { seed } : {}) });
  labs.push(l);
  return l;
}

/** Connects by lab FQDN through the lab host map, like the client's resolver does. */
function connectPlain(l: Lab, service: string): Promise<RawClient> {
  const { host, port } = l.services[service]!;
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port, lookup: hostMapLookup(l.hostMap) });
    sockets.push(s);
    s.once('connect', () => resolve(rawClient(s)));
    s.once('error', reject);
  });
}

function connectTls(l: Lab, service: string, opts: tls.ConnectionOptions = {}): Promise<RawClient> {
  const { host, port } = l.services[service]!;
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host, port, lookup: hostMapLookup(l.hostMap), ca: [readFileSync(l.caCertPath, 'utf8')], ...opts });
    sockets.push(s);
    s.once('secureConnect', () => resolve(rawClient(s)));
    s.once('error', reject);
  });
}

function failure(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'connected',
    (e: NodeJS.ErrnoException) => e.code ?? e.message,
  );
}

async function ociLogin(c: RawClient, loginId: string, password: string): Promise<string> {
  c.write(ociRequest('s', command('AuthenticationRequest', `<userId>${loginId}</userId>`)));
  const nonce = /<nonce>(\d+)</.exec(await c.next())?.[1] ?? '';
  c.write(ociRequest('s', command('LoginRequest14sp4', `<userId>${loginId}</userId><signedPassword>${signed(nonce, password)}</signedPassword>`), command('SystemSoftwareVersionGetRequest')));
  return c.next();
}

describe('startLab', () => {
  it('r22-cti: every service listens, the CA file is written, the users log in with their lab passwords; stop cleans up', async () => {
    const l = await lab('r22-cti');
    expect(Object.keys(l.services).sort()).toEqual(['cti', 'cti-tls', 'imp', 'imp-tls', 'oci', 'oci-tls', 'portal', 'xsi']);
    expect(l.branding.xsi?.baseUrl).toBe(`https://xsp.lab.test:${l.services['xsi']!.port}`);
    expect(readFileSync(l.caCertPath, 'utf8')).toBe(l.caCertPem);
    expect(l.branding).toMatchObject({ voipServerPort: l.services['oci']!.port, cti: { host: 'cti.lab.test', port: l.services['cti']!.port } });
    const ann = l.users.find((u) => u.loginId === 'ann@lab.test')!;
    const c = await connectPlain(l, 'oci');
    expect(await ociLogin(c, ann.loginId, ann.password)).toMatch(/LoginResponse14sp4.*<version>22\.0<\/version>/);
    const ctiPort = l.services['cti']!.port;
    await l.stop();
    expect(existsSync(l.caCertPath)).toBe(false);
    expect(await failure(connectPlain(l, 'cti'))).toBe('ECONNREFUSED');
    expect(ctiPort).toBeGreaterThan(0);
  });

  it('XSI answers the lab user with the same lab password over HTTPS verified by the lab CA', async () => {
    const l = await lab('r22-cti');
    const ann = l.users.find((u) => u.loginId === 'ann@lab.test')!;
    const get = (password: string) =>
      new Promise<number>((resolve, reject) => {
        const req = https.request(
          {
            host: 'xsp.lab.test',
            port: l.services['xsi']!.port,
            path: '/com.broadsoft.xsi-actions/v2.0/user/ann@lab.test/profile',
            lookup: hostMapLookup(l.hostMap),
            ca: [l.caCertPem],
            auth: `ann@lab.test:${password}`,
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await get(ann.password)).toBe(200);
    expect(await get('wrong')).toBe(401);
  });

  it('passwords are reproducible from the seed and differ between seeds', async () => {
    const a = await lab('r22-cti', 'seed-a');
    const b = await lab('r22-cti', 'seed-a');
    const c = await lab('r22-cti', 'seed-b');
    expect(a.users.map((u) => u.password)).toEqual(b.users.map((u) => u.password));
    expect(a.users[0]!.password).not.toBe(c.users[0]!.password);
  });

  it('r24-cti-tls: OCI TLS verifies against the certificate host from the portal, not the connect host', async () => {
    const l = await lab('r24-cti-tls');
    expect(l.branding.ociTls).toMatchObject({ enabled: true, certificateHost: 'ocs-tls.lab.test', securityProtocol: 'TLSv1.2', port: l.services['oci-tls']!.port });
    const ok = await connectTls(l, 'oci-tls', { servername: 'ocs-tls.lab.test', minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    const ann = l.users[0]!;
    expect(await ociLogin(ok, ann.loginId, ann.password)).toContain('<version>24</version>');
    expect(await failure(connectTls(l, 'oci-tls', { servername: 'ocs.lab.test' }))).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(await failure(connectTls(l, 'cti-tls', { servername: 'cti-tls.lab.test' }))).toBe('connected');
  });

  it('oci-tls-only-plain: only a TLS endpoint, given by the branding as the plain VoIP port; plain OCI gets no OCI answer', async () => {
    const l = await lab('oci-tls-only-plain');
    expect(l.services['oci']).toBeUndefined();
    expect(l.branding.voipServerPort).toBe(l.services['oci-tls']!.port);
    expect(l.branding.ociTls?.enabled).toBe(false);
    const c = await connectPlain(l, 'oci-tls');
    c.write(ociRequest('s', command('AuthenticationRequest', '<userId>ann@lab.test</userId>')));
    expect(await c.closed).not.toContain('BroadsoftDocument');
  });

  it('tls-version-mismatch: a client pinned to TLS 1.2 fails, TLS 1.3 succeeds', async () => {
    const l = await lab('tls-version-mismatch');
    expect(await failure(connectTls(l, 'oci-tls', { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }))).not.toBe('connected');
    expect(await failure(connectTls(l, 'oci-tls', { minVersion: 'TLSv1.3' }))).toBe('connected');
  });

  it('cert-host-mismatch: the OCI certificate fails verification for ocs.lab.test', async () => {
    const l = await lab('cert-host-mismatch');
    expect(await failure(connectTls(l, 'oci-tls'))).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('cti-unreachable: the CTI port in the branding refuses connections', async () => {
    const l = await lab('cti-unreachable');
    expect(l.services['cti']).toMatchObject({ listening: false });
    expect(l.branding.cti.port).toBe(l.services['cti']!.port);
    expect(await failure(connectPlain(l, 'cti'))).toBe('ECONNREFUSED');
  });

  it('cti-host-fallback: no CTI host in the branding, the CTI server is named after the OCI host', async () => {
    const l = await lab('cti-host-fallback');
    expect(l.branding.cti.host).toBeUndefined();
    expect(l.services['cti']!.host).toBe('ocs.lab.test');
    expect(await failure(connectTls(l, 'cti-tls', { servername: 'ocs.lab.test' }))).toBe('connected');
  });

  it('cap-service-missing: CAP registration is refused for the lab user', async () => {
    const l = await lab('cap-service-missing');
    const ann = l.users.find((u) => u.loginId === 'ann@lab.test')!;
    const c = await connectPlain(l, 'oci');
    c.write(capRequest('registerAuthentication', '<user userType="CallClient"><id>ann@lab.test</id><applicationId>unity</applicationId></user>'));
    const nonce = /<nonce>(\d+)</.exec(await c.next())![1]!;
    c.write(capRequest('registerRequest', `<user userType="CallClient"><id>ann@lab.test</id><securePassword>${signed(nonce, ann.password)}</securePassword><applicationId>unity</applicationId></user>`));
    expect(await c.next()).toContain('failureCause="Client Call Control service is not assigned to the user"');
  });

  it('lab.fault reaches a service: drop-all on OCI closes the session; unknown services are refused', async () => {
    const l = await lab('r22-cti');
    const c = await connectPlain(l, 'oci');
    await l.fault('oci', 'drop-all');
    await c.closed;
    await expect(l.fault('nope', 'drop-all')).rejects.toThrow(/no lab service 'nope'/);
  });

  it('the portal admin API applies a fault to another lab server (POST /admin/fault)', async () => {
    const l = await lab('r22-cti');
    const c = await connectPlain(l, 'oci');
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.request(
        {
          method: 'POST',
          host: 'portal.lab.test',
          port: l.services['portal']!.port,
          path: '/admin/fault',
          lookup: hostMapLookup(l.hostMap),
          ca: [l.caCertPem],
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ server: 'oci', fault: 'drop-all' }));
    });
    expect(status).toBe(202);
    await c.closed;
  });

  it('with activity, the driver changes the shared call model (IMs go to the IM&P server)', async () => {
    const l = await startLab({ scenario: 'r22-cti', seed: 'act', activity: { meanIntervalMs: 3_600_000 } });
    labs.push(l);
    const events: string[] = [];
    l.telephony.on((e) => events.push(e.type));
    for (let k = 0; k < 60; k++) l.activity!.step();
    expect(events.length).toBeGreaterThan(0);
    await l.stop();
  });

  async function startsAndStops(names: string[]): Promise<void> {
    for (const name of names) {
      const l = await startLab({ scenario: name, seed: 'all' });
      try {
        expect(l.scenario.name).toBe(name);
        expect(l.users.length).toBeGreaterThan(0);
        if (name === 'xmpp') expect(l.services['xmpp']).toMatchObject({ host: 'xmpp.lab.test' });
      } finally {
        await l.stop();
      }
    }
  }
  const withProsody = listScenarios().filter(({ name }) => getScenario(name).requires.includes('prosody')).map(({ name }) => name);

  it('every catalogue scenario that needs no system program starts and stops', async () => {
    const names = listScenarios().filter(({ name }) => getScenario(name).requires.length === 0).map(({ name }) => name);
    expect(names.length + withProsody.length).toBe(listScenarios().length);
    await startsAndStops(names);
  }, 120_000);

  systemProgram('prosody').it(`the scenarios that need Prosody start and stop (${withProsody.join(', ')})`, async () => {
    expect(withProsody).toContain('xmpp');
    await startsAndStops(withProsody);
  }, 60_000);
});
