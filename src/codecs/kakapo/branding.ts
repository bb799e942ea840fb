// GetBranding plaintext documents (kakapo.md §2.1). Element names: see documents.ts (PROJECT).
//
// PROJECT element names (the real schema is proprietary; kakapo.md fixes only the fields): the
// root is the type name (BrandingRequest, BrandingResponse, LicenseRequest, LicenseResponse) in
// the namespace urn:kakapo:unity:1 (default namespace, no prefix); every field is a child element
// named exactly like the field, nested as in the types, in the order of kakapo.md's listing:
//
//   <BrandingResponse xmlns="urn:kakapo:unity:1"><level/><brand><name/><colours><primary/>
//     <secondary/></colours><logoUrl/><supportPhone/><supportEmail/></brand><connectivity>
//     <voipServerPort/><ociTls><enabled/><port/><certificateHost/><securityProtocol/></ociTls>
//     <useCtiInsteadOfCap/><cti><host/><port/><tls>…</tls></cti><imp><host/><port/></imp>
//     <xsi><baseUrl/></xsi><keepaliveSeconds/><callCenterStatsRefresh><minSeconds/><maxSeconds/>
//     </callCenterStatsRefresh></connectivity><policy><callDetailsAvailable/>
//     <enterpriseViewAvailable/><permittedUpdateVersion/></policy></BrandingResponse>
//
// Booleans are xs:boolean text (true/false). Absent connectivity values decode to the defaults of
// kakapo.md §2.1 (2208, 8011, im.unityclient.com:2208, 300 s); `xsi` stays absent (its default
// https://{ociHost} is resolved by the caller, which knows the host).
import { bool, int, obj, oneOf, opt, text, withDefault } from '../xsi/fields.ts';
import { BRANDING_LEVELS, CLIENT_TYPES, KAKAPO_TLS_VERSIONS } from './types.ts';

export const tlsCodec = obj({
  enabled: bool(),
  port: opt(int()),
  certificateHost: opt(text()),
  securityProtocol: opt(oneOf(KAKAPO_TLS_VERSIONS)),
});

export const brandingRequestCodec = obj({
  loginId: opt(text()),
  serverHost: text(),
  clientType: oneOf(CLIENT_TYPES),
  clientVersion: text(),
});

export const brandingResponseCodec = obj({
  level: oneOf(BRANDING_LEVELS),
  brand: obj({
    name: text(),
    colours: obj({ primary: text(), secondary: text() }),
    logoUrl: opt(text()),
    supportPhone: opt(text()),
    supportEmail: opt(text()),
  }),
  connectivity: obj({
    voipServerPort: withDefault(int(), 2208),
    ociTls: opt(tlsCodec),
    useCtiInsteadOfCap: withDefault(bool(), false),
    cti: obj({ host: opt(text()), port: withDefault(int(), 8011), tls: opt(tlsCodec) }),
    imp: withDefault(obj({ host: withDefault(text(), 'im.unityclient.com'), port: withDefault(int(), 2208) }), {
      host: 'im.unityclient.com',
      port: 2208,
    }),
    xsi: opt(obj({ baseUrl: text() })),
    keepaliveSeconds: withDefault(int(), 300),
    callCenterStatsRefresh: obj({ minSeconds: int(), maxSeconds: int() }),
  }),
  policy: obj({
    callDetailsAvailable: bool(),
    enterpriseViewAvailable: bool(),
    permittedUpdateVersion: opt(text()),
  }),
});

