// fast-check arbitraries over the whole input space of selectProtocols: well-formed and garbage
// release strings, valid/blank/invalid ports, set/blank hosts, every combination of TLS blocks.
import fc from 'fast-check';
import type { BrandingConnectivity, ProtocolSelectionInput, TlsSetting, TlsVersion } from '../../../src/machines/protocol-selection/index.ts';

export const tlsVersion: fc.Arbitrary<TlsVersion> = fc.constantFrom('TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3');

/** Ports as the branding may carry them: the seed's usual values, any valid port, and invalid ones. */
export const port: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(2208, 2209, 8011, 8012, 1, 65535) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 65535 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 65536, 2208.5, Number.NaN) },
);
export const optionalPort: fc.Arbitrary<number | undefined> = fc.option(port, { nil: undefined, freq: 4 });

export const host: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('oci.example.com', 'cti.example.com', 'as1.bw.example.net', ' padded.example.com '),
  fc.domain(),
);
/** A host setting that may be absent or blank (blank counts as not set). */
export const optionalHost: fc.Arbitrary<string | undefined> = fc.oneof(
  host,
  fc.constantFrom(undefined, '', '   '),
);

export const tlsSetting: fc.Arbitrary<TlsSetting> = fc.record(
  {
    enabled: fc.boolean(),
    port: optionalPort,
    certificateHost: optionalHost,
    securityProtocol: fc.option(tlsVersion, { nil: undefined, freq: 4 }),
  },
  { requiredKeys: ['enabled'] },
);

export const branding: fc.Arbitrary<BrandingConnectivity> = fc.record(
  {
    voipServerPort: port,
    ociTls: tlsSetting,
    useCtiInsteadOfCap: fc.boolean(),
    cti: fc.record(
      { host: optionalHost, port, tls: tlsSetting },
      { requiredKeys: ['port'] },
    ),
  },
  { requiredKeys: ['voipServerPort', 'useCtiInsteadOfCap', 'cti'] },
);

/** A release string in one of the forms seen in the field, with the major and sp it encodes. */
export const wellFormedRelease: fc.Arbitrary<{ text: string; major: number; sp: number | null }> = fc
  .record({
    prefix: fc.constantFrom('', 'R', 'r', 'Release ', 'release', 'Rel_', 'BroadWorks R', 'R '),
    major: fc.oneof(fc.integer({ min: 14, max: 30 }), fc.integer({ min: 0, max: 999 })),
    sp: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    spForm: fc.constantFrom('sp', '.sp', ' SP', '.Sp ', '_sp', '.0.sp'),
    tail: fc.constantFrom('', '.0', '.0.944.ip1', '_1.551', ' (build 12)', 'V2'),
    upper: fc.boolean(),
    pad: fc.constantFrom('', ' ', '\t', '  \n'),
  })
  .map(({ prefix, major, sp, spForm, tail, upper, pad }) => {
    const body = `${prefix}${major}${sp === null ? '' : `${spForm}${sp}`}${tail}`;
    return { text: `${pad}${upper ? body.toUpperCase() : body}${pad}`, major, sp };
  });

/** Any release text: well-formed ones and arbitrary garbage. */
export const anyRelease: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: wellFormedRelease.map((r) => r.text) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[Rr]?\d{1,5}([.a-z]{0,4}\d{0,3}){0,3}$/) },
);

export const input: fc.Arbitrary<ProtocolSelectionInput> = fc.record({
  release: anyRelease,
  ociHost: host,
  branding,
});

/** Inputs whose release is supported (R17+), so the rules after the release checks are exercised. */
export const supportedInput: fc.Arbitrary<ProtocolSelectionInput> = fc.record({
  release: wellFormedRelease.filter((r) => r.major >= 17).map((r) => r.text),
  ociHost: host,
  branding,
});
