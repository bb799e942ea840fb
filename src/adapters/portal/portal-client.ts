// Kakapo Licensing & Branding client (seed §1.1, kakapo.md §2): SOAP 1.1 over HTTPS with an
// AES-256-GCM sealed document, through the httpsRequest effect (verification on, extra CAs by
// configuration, names through the injected resolver). Randomness (the envelope nonce) is injected.
import { firstValueFrom, type SchedulerLike } from 'rxjs';
import { createEnvelopeCipher, NONCE_BYTES, type KeyRing } from '../../codecs/kakapo/cipher.ts';
import {
  decodeKakapoResponse, encodeKakapoRequest, KAKAPO_SOAP_CONTENT_TYPE, KAKAPO_SOAP_PATH, soapAction, type KakapoExchange, type SoapFault,
} from '../../codecs/kakapo/soap.ts';
import type { BrandingRequest, BrandingResponse, KakapoOperation, LicenseRequest, LicenseResponse } from '../../codecs/kakapo/types.ts';
import type { HttpsAgentPool } from '../../effects/https-agent-pool.ts';
import { httpsRequest, type HttpsResponse } from '../../effects/https-request.ts';
import { isNetFailure } from '../../effects/net-failure.ts';
import type { Resolver } from '../../effects/resolver.ts';
import { failWith, succeed, type Outcome } from '../oci/oci-failure.ts';
import { unreachable, type PortalFailure } from './portal-failure.ts';

export interface PortalClientOptions {
  /** The portal's base URL (`https://portal.unityclient.com`); the SOAP path is appended when the URL has none. */
  url: string;
  resolver: Resolver;
  /** Extra trusted CAs (PEM), e.g. the lab CA. */
  ca?: string[];
  /** kakapo.md §1: keys by id; the lab and demo use DEVELOPMENT_KEY_RING. */
  keyRing: KeyRing;
  /** The key that seals requests. */
  keyId: string;
  /** Fresh random bytes (the 12-byte GCM nonce per request). */
  randomBytes: (length: number) => Uint8Array;
  /** Whole exchange, on `scheduler`. Default 15 s. */
  timeoutMs?: number;
  scheduler?: SchedulerLike;
  agentPool?: HttpsAgentPool;
}

export interface BrandingResult {
  branding: BrandingResponse;
  /**
   * seed §1.1: branding for the user by login ID, "or if the user doesn't yet exist then branding
   * details for the system provider (based on the server hostname)". True when the client had to
   * ask again without the login ID.
   */
  fellBackToServerHost: boolean;
}

export interface PortalClient {
  getBranding(request: BrandingRequest): Promise<Outcome<BrandingResult, PortalFailure>>;
  requestLicense(request: LicenseRequest): Promise<Outcome<LicenseResponse, PortalFailure>>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

function soapUrl(base: string): string {
  try {
    const u = new URL(base);
    if (u.pathname === '' || u.pathname === '/') u.pathname = KAKAPO_SOAP_PATH;
    return u.toString();
  } catch {
    return base; // httpsRequest reports an invalid URL as a typed failure
  }
}

function failureOfFault(fault: SoapFault, context: { operation: KakapoOperation; host: string; keyId: string; clientType: string }): PortalFailure {
  switch (fault.errorCode) {
    case 'UnknownProvider':
      return {
        kind: 'unknown-provider',
        message: `The Kakapo portal knows no system provider for the server host "${context.host}". Check the server address, or ask the system provider to register this host in the Kakapo portal.`,
      };
    case 'UnknownUser':
      return { kind: 'unknown-user', message: 'The Kakapo portal does not know this login ID yet.' };
    case 'LicenseDenied':
      return {
        kind: 'license-denied',
        message: `The Kakapo portal denied a license for a ${context.clientType} client. Ask the reseller or system provider to enable this client type for the user in the Kakapo portal.`,
      };
    case 'BadEnvelope':
      return {
        kind: 'bad-envelope',
        message: `The Kakapo portal could not open the ${context.operation} request sealed with key "${context.keyId}": the client's key ring does not match the portal's. Update the client or its key configuration.`,
      };
    default:
      return {
        kind: 'fault',
        faultcode: fault.faultcode,
        ...(fault.errorCode !== undefined ? { errorCode: fault.errorCode } : {}),
        message: `The Kakapo portal refused ${context.operation}: ${fault.faultstring}${fault.errorCode !== undefined ? ` (${fault.errorCode})` : ''}.`,
      };
  }
}

export function createPortalClient(options: PortalClientOptions): PortalClient {
  const cipher = createEnvelopeCipher(options.keyRing);
  const url = soapUrl(options.url);

  async function call<Op extends KakapoOperation>(
    operation: Op,
    request: KakapoExchange[Op]['request'],
    context: { host: string; clientType: string },
  ): Promise<Outcome<KakapoExchange[Op]['response'], PortalFailure>> {
    const body = encodeKakapoRequest(cipher, operation, request, { keyId: options.keyId, nonce: options.randomBytes(NONCE_BYTES) });
    if (!body.ok) return failWith({ kind: 'encode', code: body.error.code, message: `the ${operation} request could not be built: ${body.error.message}` });
    let response: HttpsResponse;
    try {
      response = await firstValueFrom(
        httpsRequest({
          url,
          method: 'POST',
          headers: { 'content-type': KAKAPO_SOAP_CONTENT_TYPE, soapaction: soapAction(operation) },
          body: body.value,
          resolver: options.resolver,
          timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          ...(options.ca ? { ca: options.ca } : {}),
          ...(options.scheduler ? { scheduler: options.scheduler } : {}),
          ...(options.agentPool ? { agentPool: options.agentPool } : {}),
        }),
      );
    } catch (error) {
      if (isNetFailure(error)) return failWith(unreachable(error));
      return failWith({ kind: 'unreachable', netKind: 'http', message: `The Kakapo portal at ${url} could not be reached.` });
    }
    // SOAP 1.1: a fault arrives with HTTP 500; the body decides, not the status.
    const decoded = decodeKakapoResponse(cipher, operation, response.body);
    if (!decoded.ok) {
      const what = decoded.error.code === 'ENVELOPE_AUTH' ? 'failed authentication (wrong key or tampered)' : `could not be read (${decoded.error.message})`;
      return failWith({
        kind: 'bad-response',
        code: decoded.error.code,
        status: response.status,
        message: `The Kakapo portal's ${operation} answer (HTTP ${response.status}) ${what}. Check the portal URL and the client's key configuration.`,
      });
    }
    const reply = decoded.value;
    if (reply.kind === 'fault') return failWith(failureOfFault(reply.fault, { operation, keyId: options.keyId, ...context }));
    return succeed(reply.document);
  }

  return {
    async getBranding(request) {
      const context = { host: request.serverHost, clientType: request.clientType };
      const first = await call('GetBranding', request, context);
      if (first.ok) return succeed({ branding: first.value, fellBackToServerHost: false });
      // seed §1.1: a user the portal does not know yet gets the system provider's branding (by server host).
      if (first.error.kind === 'unknown-user' && request.loginId !== undefined) {
        const { loginId: _dropped, ...byHost } = request;
        const second = await call('GetBranding', byHost, context);
        return second.ok ? succeed({ branding: second.value, fellBackToServerHost: true }) : second;
      }
      return first;
    },

    requestLicense(request) {
      return call('RequestLicense', request, { host: request.serverHost, clientType: request.clientType });
    },
  };
}
