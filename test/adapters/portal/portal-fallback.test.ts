// seed §1.1 fallback from "by login ID" to "by server host" when a portal answers an unknown login ID
// with a fault instead of resolving it itself (the lab portal resolves it itself, see
// portal-client.test.ts). A small portal double over real HTTPS (lab HTTPS base, lab PKI, real codec).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvelopeCipher, DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING } from '../../../src/codecs/kakapo/cipher.ts';
import { decodeKakapoRequest, encodeKakapoResponse } from '../../../src/codecs/kakapo/soap.ts';
import type { BrandingRequest, BrandingResponse } from '../../../src/codecs/kakapo/types.ts';
import { createHostMapResolver } from '../../../src/effects/index.ts';
import { createLabPki, labHostMap } from '../../../src/lab/index.ts';
import { startLabHttpsServer, type LabHttpsServer } from '../../../src/lab/portal/https-lab-server.ts';
import { createPortalClient } from '../../../src/adapters/portal/portal-client.ts';

const BRANDING: BrandingResponse = {
  level: 'SystemProvider',
  brand: { name: 'Double', colours: { primary: '#000000', secondary: '#ffffff' } },
  connectivity: {
    voipServerPort: 2208,
    useCtiInsteadOfCap: false,
    cti: { port: 8011 },
    imp: { host: 'im.lab.test', port: 2208 },
    keepaliveSeconds: 300,
    callCenterStatsRefresh: { minSeconds: 30, maxSeconds: 60 },
  },
  policy: { callDetailsAvailable: true, enterpriseViewAvailable: false },
};

let server: LabHttpsServer;
let caCertPem: string;
const seen: BrandingRequest[] = [];

beforeAll(async () => {
  const pki = await createLabPki();
  caCertPem = pki.caCertPem;
  const cert = await pki.issueServerCertificate({ dnsNames: ['portal.lab.test'] });
  const cipher = createEnvelopeCipher(DEVELOPMENT_KEY_RING);
  server = await startLabHttpsServer({
    name: 'portal-double',
    host: 'portal.lab.test',
    certPem: cert.certPem,
    keyPem: cert.keyPem,
    handler: (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const request = decodeKakapoRequest(cipher, 'GetBranding', Buffer.concat(chunks));
        if (!request.ok) return void res.writeHead(400).end();
        seen.push(request.value);
        const reply =
          request.value.loginId !== undefined
            ? encodeKakapoResponse(cipher, 'GetBranding', { kind: 'fault', fault: { faultcode: 'soap:Client', faultstring: 'Unknown user', errorCode: 'UnknownUser' } })
            : encodeKakapoResponse(cipher, 'GetBranding', { kind: 'document', document: BRANDING, seal: { keyId: DEVELOPMENT_KEY_ID, nonce: new Uint8Array(randomBytes(12)) } });
        if (!reply.ok) return void res.writeHead(500).end();
        res.writeHead(request.value.loginId !== undefined ? 500 : 200, { 'content-type': 'text/xml; charset=utf-8' }).end(reply.value);
      });
    },
  });
});
afterAll(async () => {
  await server?.stop();
});

describe('portal client: fallback to the server host', () => {
  it('asks again without the login ID when the portal does not know the user, and says so', async () => {
    const client = createPortalClient({
      url: `https://portal.lab.test:${server.port}`,
      resolver: createHostMapResolver(labHostMap()),
      ca: [caCertPem],
      keyRing: DEVELOPMENT_KEY_RING,
      keyId: DEVELOPMENT_KEY_ID,
      randomBytes: (n) => new Uint8Array(randomBytes(n)),
      timeoutMs: 5_000,
    });
    const result = await client.getBranding({ loginId: 'new@lab.test', serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '1.0.0' });
    expect(result).toEqual({ ok: true, value: { branding: BRANDING, fellBackToServerHost: true } });
    expect(seen.map((r) => r.loginId)).toEqual(['new@lab.test', undefined]);
    expect(seen[1]).toEqual({ serverHost: 'ocs.lab.test', clientType: 'Desktop', clientVersion: '1.0.0' });
  });
});
