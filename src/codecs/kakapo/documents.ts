// Plaintext Kakapo Licensing & Branding documents (kakapo.md §2.1, §2.2).
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
import { CodecError } from '../errors.ts';
import type { FieldContext, ObjectCodec } from '../xsi/fields.ts';
import { brandingRequestCodec, brandingResponseCodec } from './branding.ts';
import { licenseRequestWire, licenseResponseCodec, toLicenseRequest } from './license.ts';
import type { BrandingRequest, BrandingResponse, LicenseRequest, LicenseResponse } from './types.ts';

export const KAKAPO_NS = 'urn:kakapo:unity:1';
export const KAKAPO_CTX: FieldContext = { ns: KAKAPO_NS, prefix: '' };

export interface KakapoDocuments {
  BrandingRequest: BrandingRequest;
  BrandingResponse: BrandingResponse;
  LicenseRequest: LicenseRequest;
  LicenseResponse: LicenseResponse;
}
export type KakapoDocumentName = keyof KakapoDocuments;

const CODECS: { [K in KakapoDocumentName]: { encode(v: KakapoDocuments[K]): string; decode(el: Parameters<ObjectCodec<unknown>['decodeElement']>[0]): KakapoDocuments[K] } } = {
  BrandingRequest: { encode: (v) => brandingRequestCodec.encodeChildren(v, KAKAPO_CTX), decode: (el) => brandingRequestCodec.decodeElement(el, KAKAPO_CTX) },
  BrandingResponse: { encode: (v) => brandingResponseCodec.encodeChildren(v, KAKAPO_CTX), decode: (el) => brandingResponseCodec.decodeElement(el, KAKAPO_CTX) },
  LicenseRequest: {
    encode: (v) => {
      toLicenseRequest({ ...v } as ReturnType<typeof licenseRequestWire.decodeElement>); // same checks both ways
      return licenseRequestWire.encodeChildren(v as ReturnType<typeof licenseRequestWire.decodeElement>, KAKAPO_CTX);
    },
    decode: (el) => toLicenseRequest(licenseRequestWire.decodeElement(el, KAKAPO_CTX)),
  },
  LicenseResponse: { encode: (v) => licenseResponseCodec.encodeChildren(v, KAKAPO_CTX), decode: (el) => licenseResponseCodec.decodeElement(el, KAKAPO_CTX) },
};

/**
 * `<Name xmlns="urn:kakapo:unity:1">…</Name>`; throws CodecError.
 *
 * @example
 * const xml = encodeKakapoDocument('BrandingRequest', { loginId: 'ann@example.com', serverHost: 'ocs.example.com', clientType: 'Desktop', clientVersion: '1.0.0' });
 */
export function encodeKakapoDocument<K extends KakapoDocumentName>(name: K, value: KakapoDocuments[K]): string {
  const body = CODECS[name].encode(value);
  return body === '' ? `<${name} xmlns="${KAKAPO_NS}"/>` : `<${name} xmlns="${KAKAPO_NS}">${body}</${name}>`;
}

/**
 * Decodes the root element as document `name`; throws CodecError (UNKNOWN_TYPE for another document).
 *
 * @example
 * const branding = decodeKakapoDocument('BrandingResponse', element);
 */
export function decodeKakapoDocument<K extends KakapoDocumentName>(name: K, el: Parameters<ObjectCodec<unknown>['decodeElement']>[0]): KakapoDocuments[K] {
  if (el.ns !== KAKAPO_NS || el.name !== name) {
    throw new CodecError('UNKNOWN_TYPE', `expected a ${name} document`, { element: el.name.slice(0, 64) });
  }
  return CODECS[name].decode(el);
}

// Compile-time guard: the codecs' inferred shapes and the declared types in types.ts must agree
// both ways, so a renamed or retyped field cannot drift silently.
type Deep<T> = T extends object ? { [K in keyof T]-?: [Deep<T[K]>, undefined extends T[K] ? 'optional' : 'required'] } : T;
type Same<A, B> = (<T>() => T extends Deep<A> ? 1 : 2) extends <T>() => T extends Deep<B> ? 1 : 2 ? true : false;
type Infer<C> = C extends { decodeElement(...args: never[]): infer T } ? T : never;
export const CODEC_SHAPES_MATCH: [
  Same<Infer<typeof brandingRequestCodec>, BrandingRequest>,
  Same<Infer<typeof brandingResponseCodec>, BrandingResponse>,
  Same<Infer<typeof licenseResponseCodec>, LicenseResponse>,
] = [true, true, true];
