import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCipheriv } from 'node:crypto';
import type { BrandingConnectivity } from '../../src/machines/protocol-selection/types.ts';
import { brandingRequestCodec, brandingResponseCodec } from '../../src/codecs/kakapo/branding.ts';
import { createEnvelopeCipher, DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../../src/codecs/kakapo/cipher.ts';
import { licenseResponseCodec } from '../../src/codecs/kakapo/license.ts';
import {
  decodeKakapoRequest,
  decodeKakapoResponse,
  decodeSoapBody,
  encodeKakapoRequest,
  encodeKakapoResponse,
  encodeSoapBody,
  parseSoapAction,
  soapAction,
} from '../../src/codecs/kakapo/soap.ts';
import type { BrandingRequest, BrandingResponse, LicenseRequest, LicenseResponse } from '../../src/codecs/kakapo/types.ts';
import { arbitraryFor, xmlText } from './xsi-arbitrary.ts';

const cipher = createEnvelopeCipher(DEVELOPMENT_KEY_RING);
const NONCE = Uint8Array.from({ length: 12 }, (_, i) => i + 1);
const seal = { keyId: DEVELOPMENT_KEY_ID, nonce: NONCE };
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const K = 'urn:kakapo:unity:1';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

const brandingRequest: BrandingRequest = { loginId: 'alice@example.com', serverHost: 'oci.example.com', clientType: 'Desktop', clientVersion: '4.2.0' };

const brandingResponse: BrandingResponse = {
  level: 'Group',
  brand: { name: 'ABC Telecom', colours: { primary: '#0a5c8c', secondary: '#ffffff' }, supportEmail: 'help@abc.example' },
  connectivity: {
    voipServerPort: 2208,
    ociTls: { enabled: true, port: 2209, certificateHost: 'oci.example.com', securityProtocol: 'TLSv1.2' },
    useCtiInsteadOfCap: true,
    cti: { host: 'xsp.example.com', port: 8011, tls: { enabled: false } },
    imp: { host: 'im.unityclient.com', port: 2208 },
    xsi: { baseUrl: 'https://xsp.example.com' },
    keepaliveSeconds: 300,
    callCenterStatsRefresh: { minSeconds: 20, maxSeconds: 40 },
  },
  policy: { callDetailsAvailable: true, enterpriseViewAvailable: false, permittedUpdateVersion: '4.2.1' },
};

describe('Kakapo SOAP golden forms (kakapo.md §2)', () => {
  it('writes the encrypted envelope with KeyId, Nonce and Payload = AES-256-GCM(plaintext) || tag, AAD = operation', () => {
    const soap = must(encodeKakapoRequest(cipher, 'GetBranding', brandingRequest, seal));
    const plaintext =
      `<BrandingRequest xmlns="${K}"><loginId>alice@example.com</loginId><serverHost>oci.example.com</serverHost>` +
      '<clientType>Desktop</clientType><clientVersion>4.2.0</clientVersion></BrandingRequest>';
    const ref = createCipheriv('aes-256-gcm', DEVELOPMENT_KEY_RING[DEVELOPMENT_KEY_ID]!, NONCE);
    ref.setAAD(Buffer.from('GetBranding'));
    const payload = Buffer.concat([ref.update(plaintext, 'utf8'), ref.final(), ref.getAuthTag()]).toString('base64');
    expect(soap).toBe(
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP}"><soap:Body><k:EncryptedDocument xmlns:k="${K}">` +
        `<k:KeyId>${DEVELOPMENT_KEY_ID}</k:KeyId><k:Nonce>AQIDBAUGBwgJCgsM</k:Nonce><k:Payload>${payload}</k:Payload>` +
        '</k:EncryptedDocument></soap:Body></soap:Envelope>',
    );
    expect(soapAction('GetBranding')).toBe('"urn:kakapo:unity:1#GetBranding"');
    expect(parseSoapAction('"urn:kakapo:unity:1#RequestLicense"')).toEqual({ ok: true, value: 'RequestLicense' });
    expect(codeOf(parseSoapAction('"urn:kakapo:unity:1#DeleteEverything"'))).toBe('UNKNOWN_TYPE');
  });

  it('writes and reads a SOAP fault with k:ErrorCode and no user data', () => {
    const soap = must(encodeKakapoResponse(cipher, 'RequestLicense', { kind: 'fault', fault: { faultcode: 'soap:Client', faultstring: 'License denied', errorCode: 'LicenseDenied' } }));
    expect(soap).toBe(
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP}"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode>` +
        `<faultstring>License denied</faultstring><detail><k:ErrorCode xmlns:k="${K}">LicenseDenied</k:ErrorCode></detail></soap:Fault></soap:Body></soap:Envelope>`,
    );
    expect(decodeKakapoResponse(cipher, 'RequestLicense', soap)).toEqual({
      ok: true,
      value: { kind: 'fault', fault: { faultcode: 'soap:Client', faultstring: 'License denied', errorCode: 'LicenseDenied' } },
    });
  });

  it('carries the full branding response, whose connectivity is a BrandingConnectivity', () => {
    const soap = must(encodeKakapoResponse(cipher, 'GetBranding', { kind: 'document', document: brandingResponse, seal }));
    const reply = must(decodeKakapoResponse(cipher, 'GetBranding', soap));
    expect(reply).toEqual({ kind: 'document', document: brandingResponse });
    if (reply.kind === 'document') {
      const forProtocolSelection: BrandingConnectivity = reply.document.connectivity; // same field names (issue 2)
      expect(forProtocolSelection.cti.port).toBe(8011);
    }
  });

  it('applies the documented defaults to absent connectivity values', () => {
    const minimal =
      `<BrandingResponse xmlns="${K}"><level>SystemProvider</level><brand><name>K</name><colours><primary>#000</primary><secondary>#fff</secondary></colours></brand>` +
      '<connectivity><cti/><callCenterStatsRefresh><minSeconds>10</minSeconds><maxSeconds>30</maxSeconds></callCenterStatsRefresh></connectivity>' +
      '<policy><callDetailsAvailable>false</callDetailsAvailable><enterpriseViewAvailable>true</enterpriseViewAvailable></policy></BrandingResponse>';
    const sealed = must(cipher.seal({ keyId: DEVELOPMENT_KEY_ID, nonce: NONCE, aad: 'GetBranding', plaintext: new TextEncoder().encode(minimal) }));
    const soap = must(encodeSoapBody({ kind: 'encrypted', document: { keyId: DEVELOPMENT_KEY_ID, nonce: NONCE, payload: sealed } }));
    const reply = must(decodeKakapoResponse(cipher, 'GetBranding', soap));
    expect(reply.kind === 'document' && reply.document.connectivity).toEqual({
      voipServerPort: 2208,
      useCtiInsteadOfCap: false,
      cti: { port: 8011 },
      imp: { host: 'im.unityclient.com', port: 2208 },
      keepaliveSeconds: 300,
      callCenterStatsRefresh: { minSeconds: 10, maxSeconds: 30 },
    });
  });
});

const org = fc.oneof(xmlText.map((serviceProviderId) => ({ serviceProviderId })), xmlText.map((enterpriseId) => ({ enterpriseId })));
const licenseRequestArb: fc.Arbitrary<LicenseRequest> = fc.oneof(
  fc
    .tuple(
      org,
      fc.record(
        {
          serverHost: xmlText,
          groupId: xmlText,
          clientVersion: xmlText,
          clientType: fc.constantFrom('Desktop' as const, 'Reception' as const, 'CallCenter' as const),
          loginId: xmlText,
          firstName: xmlText,
          lastName: xmlText,
          phoneNumber: xmlText,
        },
        { requiredKeys: ['serverHost', 'groupId', 'clientVersion', 'clientType', 'loginId', 'firstName', 'lastName'] },
      ),
    )
    .map(([o, r]) => ({ ...r, ...o }) as LicenseRequest),
  fc
    .tuple(
      org,
      fc.record({
        serverHost: xmlText,
        groupId: xmlText,
        clientVersion: xmlText,
        clientType: fc.constantFrom('Wallboard' as const, 'Dashboard' as const),
        macAddress: fc.stringMatching(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/),
        computerName: xmlText,
      }),
    )
    .map(([o, r]) => ({ ...r, ...o }) as LicenseRequest),
);

const nonceArb = fc.uint8Array({ minLength: 12, maxLength: 12 });

describe('Kakapo full path round trips (object → XML → seal → SOAP → back)', () => {
  it('round-trips both requests and both responses', () => {
    fc.assert(
      fc.property(
        arbitraryFor(brandingRequestCodec.shape) as fc.Arbitrary<BrandingRequest>,
        arbitraryFor(brandingResponseCodec.shape) as fc.Arbitrary<BrandingResponse>,
        licenseRequestArb,
        arbitraryFor(licenseResponseCodec.shape) as fc.Arbitrary<LicenseResponse>,
        nonceArb,
        (bReq, bRes, lReq, lRes, nonce) => {
          const s = { keyId: 'dev-2026-02', nonce };
          expect(decodeKakapoRequest(cipher, 'GetBranding', must(encodeKakapoRequest(cipher, 'GetBranding', bReq, s)))).toEqual({ ok: true, value: bReq });
          expect(decodeKakapoRequest(cipher, 'RequestLicense', must(encodeKakapoRequest(cipher, 'RequestLicense', lReq, s)))).toEqual({ ok: true, value: lReq });
          const bSoap = must(encodeKakapoResponse(cipher, 'GetBranding', { kind: 'document', document: bRes, seal: s }));
          expect(decodeKakapoResponse(cipher, 'GetBranding', bSoap)).toEqual({ ok: true, value: { kind: 'document', document: bRes } });
          const lSoap = must(encodeKakapoResponse(cipher, 'RequestLicense', { kind: 'document', document: lRes, seal: s }));
          expect(decodeKakapoResponse(cipher, 'RequestLicense', lSoap)).toEqual({ ok: true, value: { kind: 'document', document: lRes } });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives ENVELOPE_AUTH for any tampered payload byte', () => {
    const doc = must(decodeSoapBody(must(encodeKakapoRequest(cipher, 'GetBranding', brandingRequest, seal))));
    if (doc.kind !== 'encrypted') throw new Error('expected an encrypted document');
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const payload = doc.document.payload.slice();
        payload[at % payload.length]! ^= flip;
        const soap = must(encodeSoapBody({ kind: 'encrypted', document: { ...doc.document, payload } }));
        expect(codeOf(decodeKakapoRequest(cipher, 'GetBranding', soap))).toBe('ENVELOPE_AUTH');
      }),
      { numRuns: 100 },
    );
  });
});

describe('Kakapo typed errors at each step', () => {
  const good = must(encodeKakapoRequest(cipher, 'GetBranding', brandingRequest, seal));
  const sealRaw = (aad: string, plaintext: string) => {
    const payload = must(cipher.seal({ keyId: DEVELOPMENT_KEY_ID, nonce: NONCE, aad, plaintext: new TextEncoder().encode(plaintext) }));
    return must(encodeSoapBody({ kind: 'encrypted', document: { keyId: DEVELOPMENT_KEY_ID, nonce: NONCE, payload } }));
  };

  it('refuses what is not a SOAP envelope or lacks the encrypted document (the portal answers BadEnvelope)', () => {
    expect(codeOf(decodeKakapoRequest(cipher, 'GetBranding', '<Envelope/>'))).toBe('UNKNOWN_TYPE');
    expect(codeOf(decodeKakapoRequest(cipher, 'GetBranding', `<s:Envelope xmlns:s="${SOAP}"><s:Body/></s:Envelope>`))).toBe('MISSING_FIELD');
    expect(codeOf(decodeKakapoRequest(cipher, 'GetBranding', good.replace('</soap:Body>', '')))).toBe('MALFORMED_XML');
    expect(codeOf(decodeKakapoRequest(cipher, 'GetBranding', good.slice(0, 120)))).toBe('TRUNCATED');
  });

  it('refuses bad base64 in Nonce or Payload', () => {
    const r = decodeKakapoRequest(cipher, 'GetBranding', good.replace('<k:Payload>', '<k:Payload>*'));
    expect(r.ok ? 'ok' : [r.error.code, r.error.detail?.field]).toEqual(['INVALID_FIELD', 'Payload']);
    const n = decodeKakapoRequest(cipher, 'GetBranding', good.replace('AQIDBAUGBwgJCgsM', 'AQID'));
    expect(n.ok ? 'ok' : [n.error.code, n.error.detail?.field]).toEqual(['INVALID_FIELD', 'nonce']);
  });

  it('gives ENVELOPE_AUTH when opened as another operation, and UNKNOWN_TYPE for a document of another operation', () => {
    expect(codeOf(decodeKakapoRequest(cipher, 'RequestLicense', good))).toBe('ENVELOPE_AUTH');
    const swapped = sealRaw('RequestLicense', `<BrandingRequest xmlns="${K}"><serverHost>h</serverHost><clientType>Desktop</clientType><clientVersion>1</clientVersion></BrandingRequest>`);
    expect(codeOf(decodeKakapoRequest(cipher, 'RequestLicense', swapped))).toBe('UNKNOWN_TYPE');
  });

  it('names missing and invalid plaintext fields', () => {
    const cases: Array<[string, string, string]> = [
      [`<BrandingRequest xmlns="${K}"><clientType>Desktop</clientType><clientVersion>1</clientVersion></BrandingRequest>`, 'MISSING_FIELD', 'serverHost'],
      [`<BrandingRequest xmlns="${K}"><serverHost>h</serverHost><clientType>Phone</clientType><clientVersion>1</clientVersion></BrandingRequest>`, 'INVALID_FIELD', 'clientType'],
    ];
    for (const [plain, code, field] of cases) {
      const r = decodeKakapoRequest(cipher, 'GetBranding', sealRaw('GetBranding', plain));
      expect(r.ok ? 'ok' : [r.error.code, r.error.detail?.field]).toEqual([code, field]);
    }
    const license = (inner: string) => sealRaw('RequestLicense', `<LicenseRequest xmlns="${K}">${inner}</LicenseRequest>`);
    const both = license('<serverHost>h</serverHost><loginId>a</loginId><firstName>A</firstName><lastName>B</lastName><groupId>g</groupId><serviceProviderId>sp</serviceProviderId><enterpriseId>e</enterpriseId><clientType>Desktop</clientType><clientVersion>1</clientVersion>');
    expect(codeOf(decodeKakapoRequest(cipher, 'RequestLicense', both))).toBe('INVALID_FIELD');
    const wallboardWithoutMac = license('<serverHost>h</serverHost><computerName>PC</computerName><groupId>g</groupId><enterpriseId>e</enterpriseId><clientType>Wallboard</clientType><clientVersion>1</clientVersion>');
    const w = decodeKakapoRequest(cipher, 'RequestLicense', wallboardWithoutMac);
    expect(w.ok ? 'ok' : [w.error.code, w.error.detail?.field]).toEqual(['MISSING_FIELD', 'macAddress']);
  });

  it('only ever gives a value or a typed error for mutated SOAP bytes', () => {
    const bytes = new TextEncoder().encode(good);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (mutations) => {
        const b = bytes.slice();
        for (const [at, v] of mutations) b[at % b.length] = v;
        const r = decodeKakapoRequest(cipher, 'GetBranding', b);
        if (!r.ok) expect(r.error.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 200 },
    );
  });
});
