// POST /unity/v1/soap (kakapo.md §2): decrypt with the key ring, answer GetBranding and
// RequestLicense, reply encrypted under the client's key id with a fresh nonce, or with a
// soap:Fault that carries an error code and never any user data.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EnvelopeCipher } from '../../codecs/kakapo/cipher.ts';
import {
  decodeKakapoRequest,
  decodeSoapBody,
  encodeKakapoResponse,
  KAKAPO_SOAP_CONTENT_TYPE,
  parseSoapAction,
  type KakapoExchange,
  type SoapFault,
} from '../../codecs/kakapo/soap.ts';
import type { KakapoOperation, LicenseRequest, LicenseResponse } from '../../codecs/kakapo/types.ts';
import { brandingFor } from './branding.ts';
import { resolveBrandingNode } from './config-model.ts';
import { readBody } from './https-lab-server.ts';
import { issueImpToken } from './imp-token.ts';
import { systemByServerHost } from './hierarchy.ts';
import { licenseKey, type LicenseRequestFacts } from './licensing.ts';
import type { PortalStore } from './portal-store.ts';

export interface SoapEndpointContext {
  store: PortalStore;
  cipher: EnvelopeCipher;
  impTokenSecret: Uint8Array;
  impTokenMinutes: number;
  now: () => number;
}

const FAULTS = {
  BadEnvelope: { faultcode: 'soap:Client', faultstring: 'The request envelope could not be read or authenticated' },
  UnknownOperation: { faultcode: 'soap:Client', faultstring: 'The SOAPAction names no known operation' },
  UnknownProvider: { faultcode: 'soap:Client', faultstring: 'No system provider is registered for this server host' },
  BadRequest: { faultcode: 'soap:Client', faultstring: 'The request document is incomplete' },
  LicenseDenied: { faultcode: 'soap:Client', faultstring: 'The license does not permit this client type' },
  ServerError: { faultcode: 'soap:Server', faultstring: 'The portal could not answer' },
} as const satisfies Record<string, Omit<SoapFault, 'errorCode'>>;
type FaultName = keyof typeof FAULTS;

type Outcome<Op extends KakapoOperation> = { document: KakapoExchange[Op]['response'] } | { fault: FaultName };

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': KAKAPO_SOAP_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendFault(res: ServerResponse, ctx: SoapEndpointContext, name: FaultName): void {
  const encoded = encodeKakapoResponse(ctx.cipher, 'GetBranding', { kind: 'fault', fault: { ...FAULTS[name], errorCode: name } });
  // SOAP 1.1 over HTTP: a fault is answered with 500.
  send(res, 500, encoded.ok ? encoded.value : '');
}

export async function handleSoap(req: IncomingMessage, res: ServerResponse, ctx: SoapEndpointContext): Promise<void> {
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  const action = parseSoapAction(String(req.headers.soapaction ?? ''));
  const body = await readBody(req, 256 * 1024);
  if (!action.ok) return sendFault(res, ctx, 'UnknownOperation');
  if (body === null || !/^text\/xml\b/i.test(String(req.headers['content-type'] ?? ''))) return sendFault(res, ctx, 'BadEnvelope');
  const operation = action.value;
  const envelope = decodeSoapBody(body);
  if (!envelope.ok || envelope.value.kind !== 'encrypted') return sendFault(res, ctx, 'BadEnvelope');
  const keyId = envelope.value.document.keyId;

  const outcome: Outcome<KakapoOperation> =
    operation === 'GetBranding' ? getBranding(ctx, body) : requestLicense(ctx, body);
  if ('fault' in outcome) return sendFault(res, ctx, outcome.fault);
  const nonce = new Uint8Array(randomBytes(12)); // the lab may use node:crypto randomness
  const encoded = encodeKakapoResponse(ctx.cipher, operation, { kind: 'document', document: outcome.document as never, seal: { keyId, nonce } });
  if (!encoded.ok) return sendFault(res, ctx, 'ServerError');
  send(res, 200, encoded.value);
}

function getBranding(ctx: SoapEndpointContext, body: Buffer): Outcome<'GetBranding'> {
  const request = decodeKakapoRequest(ctx.cipher, 'GetBranding', body);
  if (!request.ok) return { fault: 'BadEnvelope' };
  // seed §1.1: branding for the user (login ID), else for the system provider (server host).
  const found = resolveBrandingNode(ctx.store.state, { loginId: request.value.loginId, serverHost: request.value.serverHost });
  if (!found) return { fault: 'UnknownProvider' };
  return { document: brandingFor(ctx.store.state, found.nodeId) };
}

function toFacts(r: LicenseRequest): LicenseRequestFacts {
  const org = r.enterpriseId !== undefined ? { enterpriseId: r.enterpriseId } : { serviceProviderId: r.serviceProviderId };
  const common = { serverHost: r.serverHost, clientType: r.clientType, clientVersion: r.clientVersion, groupId: r.groupId, ...org };
  return 'macAddress' in r
    ? { ...common, macAddress: r.macAddress, computerName: r.computerName }
    : { ...common, loginId: r.loginId, firstName: r.firstName, lastName: r.lastName };
}

function requestLicense(ctx: SoapEndpointContext, body: Buffer): Outcome<'RequestLicense'> {
  const request = decodeKakapoRequest(ctx.cipher, 'RequestLicense', body);
  if (!request.ok) return { fault: 'BadEnvelope' };
  const r = request.value;
  const system = systemByServerHost(ctx.store.state, r.serverHost);
  if (!system) return { fault: 'UnknownProvider' };
  const known = ctx.store.state.licenses.get(licenseKey('macAddress' in r ? r.macAddress : r.loginId, r.serverHost));
  const features = (known?.policy ?? system.licensePolicy).features;
  // PROJECT: a Reception or CallCenter client needs its feature in the license; a denied request stores nothing.
  if ((r.clientType === 'Reception' && !features.reception) || (r.clientType === 'CallCenter' && !features.callCenter)) return { fault: 'LicenseDenied' };
  const result = ctx.store.recordLicense(toFacts(r), ctx.now());
  if (!result.ok) return { fault: result.code };
  const { policy, identityKind, identity, serverHost } = result.record;
  const usable = policy.status === 'Licensed' || policy.status === 'Trial';
  const document: LicenseResponse = {
    status: policy.status,
    ...(policy.trialDaysLeft !== undefined && policy.status === 'Trial' ? { trialDaysLeft: policy.trialDaysLeft } : {}),
    features: { ...policy.features },
    // kakapo.md §3.2: the impToken is bound to (loginId, serverHost) and valid for minutes.
    ...(usable && policy.features.imp && identityKind === 'loginId'
      ? { impToken: issueImpToken(ctx.impTokenSecret, { loginId: identity, serverHost }, ctx.now(), ctx.impTokenMinutes) }
      : {}),
  };
  return { document };
}
