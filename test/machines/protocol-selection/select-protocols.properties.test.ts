// The rules of issue 2 as properties over the whole input space (arbitraries.ts), compared with an
// independent restatement of the rules (spec-oracle.ts).
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  PROTOCOL_NOTE_WARNING,
  parseRelease,
  selectProtocols,
  type ProtocolPlan,
  type ProtocolSelectionInput,
} from '../../../src/machines/protocol-selection/index.ts';
import { input, supportedInput, tlsSetting } from './arbitraries.ts';
import { expectedCallControl, expectedCode, isSet } from './spec-oracle.ts';

const runs = { numRuns: 400 };
type OkPlan = Extract<ProtocolPlan, { ok: true }>;

/** The plan, asserting the input is one that must yield a plan. */
function okPlanOf(i: ProtocolSelectionInput): OkPlan {
  const result = selectProtocols(i);
  const parsed = parseRelease(i.release);
  fc.pre(expectedCode(i, parsed.ok ? parsed.release : null) === null);
  if (!result.ok) throw new Error(`expected a plan, got ${result.code}`);
  return result;
}
const warnings = (p: OkPlan) => p.notes.filter((n) => n.startsWith(PROTOCOL_NOTE_WARNING));

describe('selectProtocols properties', () => {
  test.prop([input], runs)('is total and deterministic, and leaves its input untouched', (i) => {
    const copy = structuredClone(i);
    const first = selectProtocols(i);
    expect(i).toEqual(copy);
    expect(selectProtocols(copy)).toEqual(first);
  });

  test.prop([input], runs)('fails exactly when one of its error conditions holds, with the first one in order', (i) => {
    const parsed = parseRelease(i.release);
    const result = selectProtocols(i);
    expect(result.ok ? null : result.code).toBe(expectedCode(i, parsed.ok ? parsed.release : null));
  });

  test.prop([input], runs)('explains every error in words, pointing at the portal or the platform', (i) => {
    const result = selectProtocols(i);
    fc.pre(!result.ok);
    if (result.ok) return;
    expect(result.message).toMatch(/Kakapo portal/);
    // The release text is quoted as received; everything else must read as words.
    if (result.code !== 'UNPARSEABLE_RELEASE') expect(result.message).not.toMatch(/undefined|NaN|\[object/);
  });

  test.prop([supportedInput], runs)('reports the release it parsed', (i) => {
    const plan = okPlanOf(i);
    const parsed = parseRelease(i.release);
    expect(parsed.ok && plan.release).toEqual(parsed.ok && parsed.release);
  });

  test.prop([supportedInput], runs)('chooses CAP on R20 and below, the portal on R21, CTI on R22 and later', (i) => {
    const plan = okPlanOf(i);
    const { major } = plan.release;
    if (major <= 20) expect(plan.callControl).toBe('CAP');
    else if (major === 21) expect(plan.callControl === 'CAP').toBe(!i.branding.useCtiInsteadOfCap);
    else expect(plan.callControl).toBe('CTI');
    expect(plan.callControl).toBe(expectedCallControl(major, i.branding.useCtiInsteadOfCap));
  });

  test.prop([supportedInput], runs)('has a CTI endpoint exactly when CTI is the call control (CAP rides OCI)', (i) => {
    const plan = okPlanOf(i);
    expect(plan.cti !== undefined).toBe(plan.callControl === 'CTI');
  });

  test.prop([supportedInput], runs)('secures OCI exactly when OCI TLS is on, on the TLS port, else the VoIP port in plain', (i) => {
    const plan = okPlanOf(i);
    const tls = i.branding.ociTls;
    expect(plan.oci.tls !== null).toBe(tls?.enabled === true);
    expect(plan.oci.port).toBe(tls?.enabled === true ? tls.port : i.branding.voipServerPort);
    expect(plan.oci.host).toBe(i.ociHost.trim());
    if (plan.oci.tls !== null) expect(plan.oci.tls.version).toBe(tls?.securityProtocol);
  });

  test.prop([supportedInput], runs)('takes the CTI host from the branding, else the OCI host', (i) => {
    const plan = okPlanOf(i);
    fc.pre(plan.cti !== undefined);
    const ctiHost = i.branding.cti.host;
    expect(plan.cti?.host).toBe(isSet(ctiHost) ? ctiHost.trim() : i.ociHost.trim());
  });

  test.prop([supportedInput], runs)('secures CTI exactly when CTI TLS is on, on the CTI TLS port, else the CTI port in plain', (i) => {
    const plan = okPlanOf(i);
    fc.pre(plan.cti !== undefined);
    const tls = i.branding.cti.tls;
    expect(plan.cti?.tls != null).toBe(tls?.enabled === true);
    expect(plan.cti?.port).toBe(tls?.enabled === true ? tls.port : i.branding.cti.port);
    if (plan.cti?.tls != null) expect(plan.cti.tls.version).toBe(tls?.securityProtocol);
  });

  test.prop([supportedInput], runs)('names the certificate host as TLS server name when set, else the host connected to', (i) => {
    const plan = okPlanOf(i);
    const cases = [
      { endpoint: plan.oci, certificateHost: i.branding.ociTls?.certificateHost },
      { endpoint: plan.cti, certificateHost: i.branding.cti.tls?.certificateHost },
    ];
    for (const { endpoint, certificateHost } of cases) {
      if (endpoint?.tls == null) continue;
      expect(endpoint.tls.servername).toBe(isSet(certificateHost) ? certificateHost.trim() : endpoint.host);
    }
  });

  test.prop([supportedInput, fc.option(tlsSetting, { nil: undefined })], runs)(
    'never changes the CTI endpoint when only the OCI TLS settings change (seed §2.3)',
    (i, otherOciTls) => {
      const changed = { ...i, branding: { ...i.branding, ociTls: otherOciTls } };
      const before = selectProtocols(i);
      const after = selectProtocols(changed);
      fc.pre(before.ok && after.ok);
      if (before.ok && after.ok) expect(after.cti).toEqual(before.cti);
    },
  );

  test.prop([supportedInput, fc.option(tlsSetting, { nil: undefined }), fc.option(fc.domain(), { nil: undefined })], runs)(
    'never lets CTI settings change or block a CAP plan\'s OCI connection',
    (i, otherCtiTls, otherCtiHost) => {
      const before = selectProtocols(i);
      fc.pre(before.ok && before.callControl === 'CAP');
      const after = selectProtocols({ ...i, branding: { ...i.branding, cti: { ...i.branding.cti, tls: otherCtiTls, host: otherCtiHost } } });
      expect(after.ok).toBe(true);
      if (before.ok && after.ok) expect(after.oci).toEqual(before.oci);
    },
  );

  test.prop([supportedInput], runs)('explains every plan in notes that cite no document a user does not have', (i) => {
    const plan = okPlanOf(i);
    expect(plan.notes.length).toBeGreaterThan(0);
    for (const note of plan.notes) expect(note.trim().length).toBeGreaterThan(0);
    expect(plan.notes.join('\n')).not.toMatch(/seed|§/); // file names: the scan of every string in src/ (test/smoke/user-facing-text)
    expect(plan.notes.join('\n').replaceAll(i.release.trim(), '')).not.toMatch(/\[object|undefined/);
  });

  test.prop([supportedInput], runs)('warns about a plain VoIP port equal to the OCI TLS port exactly when OCI TLS is off', (i) => {
    const plan = okPlanOf(i);
    const tls = i.branding.ociTls;
    const trap = tls?.enabled !== true && tls?.port !== undefined && tls.port === i.branding.voipServerPort;
    expect(warnings(plan).some((w) => w.includes('"VoIP Server Port" equals "OCI over TLS server port"'))).toBe(trap);
  });

  test.prop([supportedInput], runs)('warns about the CTI host fallback exactly when CTI is used without a CTI host', (i) => {
    const plan = okPlanOf(i);
    const trap = plan.callControl === 'CTI' && !isSet(i.branding.cti.host);
    expect(warnings(plan).some((w) => w.includes('CTI server host is not set'))).toBe(trap);
  });

  test.prop([supportedInput], runs)('warns that the portal\'s CTI request is ignored exactly on R20 and below', (i) => {
    const plan = okPlanOf(i);
    const trap = plan.release.major <= 20 && i.branding.useCtiInsteadOfCap;
    expect(warnings(plan).some((w) => w.includes('"Use CTI instead of CAP protocol" is on'))).toBe(trap);
  });

  test.prop([supportedInput], runs)('warns about a plain CTI port equal to the CTI TLS port exactly when CTI is used with CTI TLS off', (i) => {
    const plan = okPlanOf(i);
    const tls = i.branding.cti.tls;
    const trap = plan.callControl === 'CTI' && tls?.enabled !== true && tls?.port !== undefined && tls.port === i.branding.cti.port;
    expect(warnings(plan).some((w) => w.includes('"CTI Port" equals "CTI over TLS server port"'))).toBe(trap);
  });
});
