// One example per rule of the seed (§2.2, §2.3, §3.1–§3.3, §4.1, §4.2, §5.2), with the portal's defaults.
import { describe, expect, it } from 'vitest';
import {
  PROTOCOL_NOTE_WARNING,
  selectProtocols,
  type BrandingConnectivity,
  type ProtocolPlan,
} from '../../../src/machines/protocol-selection/index.ts';

const OCI_HOST = 'oci.example.com';
/** The portal's defaults: plain OCI on 2208, CAP, CTI on 8011 with no host, no TLS anywhere. */
const defaults: BrandingConnectivity = { voipServerPort: 2208, useCtiInsteadOfCap: false, cti: { port: 8011 } };
const TLS12 = { enabled: true, port: 2209, securityProtocol: 'TLSv1.2' } as const;
const CTI_TLS12 = { enabled: true, port: 8012, securityProtocol: 'TLSv1.2' } as const;

function plan(release: string, branding: Partial<BrandingConnectivity> = {}): ProtocolPlan {
  return selectProtocols({ release, ociHost: OCI_HOST, branding: { ...defaults, ...branding } });
}
function okPlan(release: string, branding: Partial<BrandingConnectivity> = {}) {
  const result = plan(release, branding);
  if (!result.ok) throw new Error(`expected a plan, got ${result.code}: ${result.message}`);
  return result;
}
const warnings = (notes: string[]) => notes.filter((n) => n.startsWith(PROTOCOL_NOTE_WARNING));

describe('selectProtocols: release', () => {
  it('refuses releases below R17 (seed §3)', () => {
    const result = plan('16sp1');
    expect(result).toMatchObject({ ok: false, code: 'UNSUPPORTED_RELEASE' });
    if (!result.ok) expect(result.message).toContain('R17');
  });

  it('accepts R17 as the oldest supported release (seed §3)', () => {
    expect(okPlan('17sp4').release).toEqual({ major: 17, sp: 4 });
  });

  it('names an unreadable release UNPARSEABLE_RELEASE', () => {
    expect(plan('unknown')).toMatchObject({ ok: false, code: 'UNPARSEABLE_RELEASE' });
  });
});

describe('selectProtocols: CAP or CTI', () => {
  it('uses CAP on R20 even when the portal asks for CTI, and warns that the setting is ignored (seed §3.1)', () => {
    const result = okPlan('20.0', { useCtiInsteadOfCap: true });
    expect(result.callControl).toBe('CAP');
    expect(result.cti).toBeUndefined();
    expect(warnings(result.notes).join('\n')).toMatch(/ignored on R20/);
  });

  it('uses CAP on R21 when the portal does not ask for CTI (seed §3.2)', () => {
    expect(okPlan('21.sp1').callControl).toBe('CAP');
  });

  it('uses CTI on R21 when the portal asks for it (seed §3.2, §4.2)', () => {
    expect(okPlan('21sp1', { useCtiInsteadOfCap: true }).callControl).toBe('CTI');
  });

  it('always uses CTI on R22 and later, whatever the portal says (seed §3.3)', () => {
    for (const release of ['22', 'R24', '24.0.944.ip1']) {
      const result = okPlan(release, { useCtiInsteadOfCap: false });
      expect(result.callControl).toBe('CTI');
      expect(result.notes.join('\n')).toMatch(/firewall/);
    }
  });
});

describe('selectProtocols: OCI and CAP endpoints', () => {
  it('connects OCI in plain to the VoIP server port by default (seed §4.1)', () => {
    expect(okPlan('20').oci).toEqual({ host: OCI_HOST, port: 2208, tls: null });
  });

  it('connects OCI to the OCI-over-TLS port with the explicit TLS version when OCI TLS is on (seed §4.1)', () => {
    expect(okPlan('20', { ociTls: TLS12 }).oci).toEqual({
      host: OCI_HOST,
      port: 2209,
      tls: { servername: OCI_HOST, version: 'TLSv1.2' },
    });
  });

  it('checks the OCI certificate against the certificate host when one is set (seed §4.1)', () => {
    const result = okPlan('20', { ociTls: { ...TLS12, certificateHost: 'bw-cert.example.com' } });
    expect(result.oci.tls?.servername).toBe('bw-cert.example.com');
    expect(result.oci.host).toBe(OCI_HOST);
  });

  it('gives CAP no endpoint: it rides the OCI connection and shares its TLS (seed §2.2)', () => {
    const result = okPlan('19', { ociTls: TLS12 });
    expect(result.callControl).toBe('CAP');
    expect(result.cti).toBeUndefined();
    expect(result.notes.join('\n')).toMatch(/secured by OCI over TLS/);
    expect(result.notes.join('\n')).toMatch(/Client Call Control/);
  });

  it('warns when the VoIP server port equals the OCI TLS port while OCI TLS is off (seed §4.1, §5.2)', () => {
    const result = okPlan('22', { voipServerPort: 2209, ociTls: { enabled: false, port: 2209 } });
    expect(result.oci).toEqual({ host: OCI_HOST, port: 2209, tls: null });
    expect(warnings(result.notes).join('\n')).toMatch(/VoIP Server Port" equals "OCI over TLS server port" \(2209\)/);
  });

  it('does not warn for a TLS-only OCI server set up as the seed says: both ports 2209, TLS on (seed §4.1)', () => {
    const result = okPlan('20', { voipServerPort: 2209, ociTls: TLS12 });
    expect(result.oci.port).toBe(2209);
    expect(warnings(result.notes)).toEqual([]);
  });

  it('warns when the OCI TLS port is the default plain OCI port 2208 (seed §1)', () => {
    const result = okPlan('20', { ociTls: { ...TLS12, port: 2208 } });
    expect(warnings(result.notes).join('\n')).toMatch(/"OCI over TLS server port" is 2208, BroadWorks' default port for unsecured OCI/);
  });

  it('names an unknown security protocol value in the error', () => {
    // Branding arrives as data from the portal: a value outside TlsVersion must be reported, not trusted.
    const ociTls = { enabled: true, port: 2209, securityProtocol: 'SSLv3' } as unknown as BrandingConnectivity['ociTls'];
    const result = plan('20', { ociTls });
    expect(result).toMatchObject({ ok: false, code: 'TLS_PROTOCOL_MISSING' });
    if (!result.ok) expect(result.message).toMatch(/"SSLv3", which Unity does not know/);
  });

  it('warns about an obsolete TLS version', () => {
    const result = okPlan('20', { ociTls: { ...TLS12, securityProtocol: 'TLSv1' } });
    expect(warnings(result.notes).join('\n')).toMatch(/obsolete/);
  });

  it('stops with OCI_TLS_PORT_MISSING when OCI TLS is on without its port, saying what to set (seed §4.1)', () => {
    const result = plan('22', { ociTls: { enabled: true, securityProtocol: 'TLSv1.2' } });
    expect(result).toMatchObject({ ok: false, code: 'OCI_TLS_PORT_MISSING' });
    if (!result.ok) expect(result.message).toMatch(/Kakapo portal, set "OCI over TLS server port"/);
  });

  it('treats a zero OCI TLS port (a blank portal field) as missing', () => {
    expect(plan('22', { ociTls: { ...TLS12, port: 0 } })).toMatchObject({ ok: false, code: 'OCI_TLS_PORT_MISSING' });
  });

  it('stops with TLS_PROTOCOL_MISSING when OCI TLS is on without a security protocol (seed §4.1)', () => {
    const result = plan('20', { ociTls: { enabled: true, port: 2209 } });
    expect(result).toMatchObject({ ok: false, code: 'TLS_PROTOCOL_MISSING' });
    if (!result.ok) expect(result.message).toMatch(/"OCI over TLS security protocol"/);
  });

  it('ignores incomplete OCI TLS settings while OCI TLS is off', () => {
    expect(okPlan('20', { ociTls: { enabled: false } }).oci.tls).toBeNull();
  });
});

describe('selectProtocols: CTI endpoint', () => {
  it('connects CTI to the branding CTI host on the CTI port in plain (seed §3.3)', () => {
    const result = okPlan('22', { cti: { host: 'cti.example.com', port: 8011 } });
    expect(result.cti).toEqual({ host: 'cti.example.com', port: 8011, tls: null });
    expect(warnings(result.notes)).toEqual([]);
  });

  it('falls back to the OCI host when no CTI host is set, and warns that this usually fails (seed §3.3, §5.2)', () => {
    for (const host of [undefined, '', '  ']) {
      const result = okPlan('22', { cti: { host, port: 8011 } });
      expect(result.cti?.host).toBe(OCI_HOST);
      expect(warnings(result.notes).join('\n')).toMatch(/separate/);
    }
  });

  it('secures CTI on the CTI-over-TLS port, independently of OCI (seed §2.3, §4.2)', () => {
    const result = okPlan('22', { cti: { host: 'cti.example.com', port: 8011, tls: CTI_TLS12 } });
    expect(result.oci.tls).toBeNull();
    expect(result.cti).toEqual({
      host: 'cti.example.com',
      port: 8012,
      tls: { servername: 'cti.example.com', version: 'TLSv1.2' },
    });
  });

  it('leaves CTI plain when only OCI is secured, and says so (seed §2.3, §3.2)', () => {
    const result = okPlan('22', { ociTls: TLS12, cti: { host: 'cti.example.com', port: 8011 } });
    expect(result.oci.tls).not.toBeNull();
    expect(result.cti?.tls).toBeNull();
    expect(result.notes.join('\n')).toMatch(/securing OCI does not secure CTI/);
  });

  it('uses the CTI certificate host as TLS server name, else the CTI host it connects to', () => {
    const withCert = okPlan('22', { cti: { port: 8011, tls: { ...CTI_TLS12, certificateHost: 'cti-cert.example.com' } } });
    expect(withCert.cti?.tls?.servername).toBe('cti-cert.example.com');
    const fallback = okPlan('22', { cti: { port: 8011, tls: CTI_TLS12 } });
    expect(fallback.cti?.tls?.servername).toBe(OCI_HOST);
  });

  it('warns when the CTI TLS port is the default plain CTI port 8011 (seed §1)', () => {
    const result = okPlan('22', { cti: { host: 'cti.example.com', port: 8011, tls: { ...CTI_TLS12, port: 8011 } } });
    expect(warnings(result.notes).join('\n')).toMatch(/"CTI over TLS server port" is 8011/);
  });

  it('warns when the CTI port equals the CTI TLS port while CTI TLS is off (seed §4.2, §5.2)', () => {
    const result = okPlan('22', { cti: { host: 'cti.example.com', port: 8012, tls: { enabled: false, port: 8012 } } });
    expect(warnings(result.notes).join('\n')).toMatch(/"CTI Port" equals "CTI over TLS server port" \(8012\)/);
  });

  it('stops with CTI_TLS_PORT_MISSING when CTI TLS is on without its port (seed §4.2)', () => {
    const result = plan('22', { cti: { port: 8011, tls: { enabled: true, securityProtocol: 'TLSv1.3' } } });
    expect(result).toMatchObject({ ok: false, code: 'CTI_TLS_PORT_MISSING' });
    if (!result.ok) expect(result.message).toMatch(/Kakapo portal, set "CTI over TLS server port"/);
  });

  it('stops with TLS_PROTOCOL_MISSING when CTI TLS is on without a security protocol (seed §4.2)', () => {
    const result = plan('21', { useCtiInsteadOfCap: true, cti: { port: 8011, tls: { enabled: true, port: 8012 } } });
    expect(result).toMatchObject({ ok: false, code: 'TLS_PROTOCOL_MISSING' });
    if (!result.ok) expect(result.message).toMatch(/"CTI over TLS security protocol"/);
  });

  it('does not stop on incomplete CTI TLS settings when CAP is used, but warns they will matter on CTI', () => {
    const result = okPlan('21', { useCtiInsteadOfCap: false, cti: { port: 8011, tls: { enabled: true } } });
    expect(result.callControl).toBe('CAP');
    expect(warnings(result.notes).join('\n')).toMatch(/once CTI is used/);
  });
});
