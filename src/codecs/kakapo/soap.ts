// Kakapo Licensing & Branding over SOAP 1.1 (kakapo.md §2): every request and response body is a
// k:EncryptedDocument {KeyId, Nonce (base64), Payload (base64 of ciphertext || tag)}; errors are a
// plain soap:Fault whose detail carries k:ErrorCode. The operation travels in the SOAPAction
// header ("urn:kakapo:unity:1#GetBranding") and is the AAD of the envelope.
//
// Full path, both directions: plaintext object → XML → seal → SOAP, and back, with a typed error
// at each step: the SOAP structure (UNKNOWN_TYPE / MISSING_FIELD — the portal answers BadEnvelope),
// base64 (INVALID_FIELD), decryption (ENVELOPE_AUTH), the plaintext document (MALFORMED_XML,
// MISSING_FIELD, INVALID_FIELD) and a document of the wrong operation (UNKNOWN_TYPE).
import { CodecError } from '../errors.ts';
import { attempt, err, ok, orThrow, type Result } from '../result.ts';
import { parseXml } from '../xml/parse.ts';
import { parseXmlDocument } from '../xml/parse-document.ts';
import { escapeText } from '../xml/serialize.ts';
import type { XmlElement, XmlLimits } from '../xml/types.ts';
import { checkXmlText } from '../xsi/fields.ts';
import { base64Decode, base64Encode } from './base64.ts';
import type { EnvelopeCipher } from './cipher.ts';
import { decodeKakapoDocument, encodeKakapoDocument, KAKAPO_NS, type KakapoDocuments } from './documents.ts';
import type { KakapoFaultCode, KakapoOperation } from './types.ts';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const KAKAPO_SOAP_PATH = '/unity/v1/soap';
export const KAKAPO_SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

export interface EncryptedDocument {
  keyId: string;
  nonce: Uint8Array;
  payload: Uint8Array; // ciphertext || tag
}

export interface SoapFault {
  faultcode: 'soap:Client' | 'soap:Server';
  faultstring: string;
  errorCode?: KakapoFaultCode;
}

export type SoapBody = { kind: 'encrypted'; document: EncryptedDocument } | { kind: 'fault'; fault: SoapFault };

/** The operations and their plaintext documents. */
export interface KakapoExchange {
  GetBranding: { request: KakapoDocuments['BrandingRequest']; response: KakapoDocuments['BrandingResponse'] };
  RequestLicense: { request: KakapoDocuments['LicenseRequest']; response: KakapoDocuments['LicenseResponse'] };
}
const ROOTS = {
  GetBranding: { request: 'BrandingRequest', response: 'BrandingResponse' },
  RequestLicense: { request: 'LicenseRequest', response: 'LicenseResponse' },
} as const;
const OPERATIONS = Object.keys(ROOTS) as KakapoOperation[];

// ------------------------------------------------------------------ SOAPAction

/**
 * @example
 * soapAction('GetBranding'); // the SOAPAction header value
 */
export function soapAction(operation: KakapoOperation): string {
  return `"urn:kakapo:unity:1#${operation}"`;
}

/**
 * The operation named by a SOAPAction header value (quotes optional).
 *
 * @example
 * parseSoapAction(req.headers['soapaction'] ?? ''); // { ok: true, value: 'GetBranding' }
 */
export function parseSoapAction(header: string): Result<KakapoOperation> {
  const m = /^"?urn:kakapo:unity:1#([A-Za-z]+)"?$/.exec(header.trim());
  const op = m?.[1];
  if (op === undefined || !(OPERATIONS as string[]).includes(op)) {
    return err('UNKNOWN_TYPE', 'SOAPAction names no Kakapo operation', { field: 'SOAPAction' });
  }
  return ok(op as KakapoOperation);
}

// ------------------------------------------------------------------ envelope

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
const open = `${DECLARATION}<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body>`;
const close = '</soap:Body></soap:Envelope>';

function textEl(q: string, value: string): string {
  return `<${q}>${escapeText(checkXmlText(q, value))}</${q}>`;
}

/**
 * @example
 * const envelope = encodeSoapBody({ kind: 'encrypted', document }); // the SOAP envelope text
 */
export function encodeSoapBody(body: SoapBody): Result<string> {
  return attempt(() => {
    if (body.kind === 'encrypted') {
      const d = body.document;
      return (
        open +
        `<k:EncryptedDocument xmlns:k="${KAKAPO_NS}">` +
        textEl('k:KeyId', d.keyId) +
        textEl('k:Nonce', base64Encode(d.nonce)) +
        textEl('k:Payload', base64Encode(d.payload)) +
        '</k:EncryptedDocument>' +
        close
      );
    }
    const f = body.fault;
    // kakapo.md §2: faults carry no user data — only the code and a fixed description.
    const detail = f.errorCode === undefined ? '' : `<detail>${`<k:ErrorCode xmlns:k="${KAKAPO_NS}">`}${escapeText(checkXmlText('ErrorCode', f.errorCode))}</k:ErrorCode></detail>`;
    return open + `<soap:Fault>${textEl('faultcode', f.faultcode)}${textEl('faultstring', f.faultstring)}${detail}</soap:Fault>` + close;
  }, 'INVALID_FIELD');
}

function only(el: XmlElement, name: string, ns: string | null): XmlElement {
  const c = el.children.find((x) => x.name === name && x.ns === ns);
  if (c === undefined) throw new CodecError('MISSING_FIELD', `required element <${name}> is missing`, { field: name });
  return c;
}

function decodeSoapElement(root: XmlElement): SoapBody {
  if (root.name !== 'Envelope' || root.ns !== SOAP_ENV_NS) {
    throw new CodecError('UNKNOWN_TYPE', 'not a SOAP 1.1 envelope', { element: root.name.slice(0, 64) });
  }
  const body = only(root, 'Body', SOAP_ENV_NS);
  const fault = body.children.find((c) => c.name === 'Fault' && c.ns === SOAP_ENV_NS);
  if (fault !== undefined) {
    const code = only(fault, 'faultcode', null).text.trim();
    const faultcode = code.endsWith(':Server') || code === 'Server' ? 'soap:Server' : 'soap:Client';
    const errorCode = fault.children.find((c) => c.name === 'detail')?.children.find((c) => c.name === 'ErrorCode' && c.ns === KAKAPO_NS);
    return {
      kind: 'fault',
      fault: { faultcode, faultstring: only(fault, 'faultstring', null).text, ...(errorCode ? { errorCode: errorCode.text.trim() } : {}) },
    };
  }
  const doc = only(body, 'EncryptedDocument', KAKAPO_NS);
  const b64 = (name: string): Uint8Array => {
    const bytes = base64Decode(only(doc, name, KAKAPO_NS).text.trim());
    if (bytes === null) throw new CodecError('INVALID_FIELD', `<${name}> is not base64`, { field: name });
    return bytes;
  };
  return { kind: 'encrypted', document: { keyId: only(doc, 'KeyId', KAKAPO_NS).text.trim(), nonce: b64('Nonce'), payload: b64('Payload') } };
}

/**
 * @example
 * const body = decodeSoapBody(responseText); // the operation and its payload, or a SOAP fault
 */
export function decodeSoapBody(input: string | Uint8Array, limits?: Partial<XmlLimits>): Result<SoapBody> {
  const root = parseXmlDocument(input, limits);
  if (!root.ok) return root;
  return attempt(() => decodeSoapElement(root.value), 'INVALID_FIELD');
}

// ------------------------------------------------------------------ full path

export interface SealParams {
  keyId: string;
  nonce: Uint8Array; // 12 fresh bytes from the caller's randomness
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function sealDocument(cipher: EnvelopeCipher, operation: KakapoOperation, plaintextXml: string, p: SealParams): Result<string> {
  const sealed = cipher.seal({ keyId: p.keyId, nonce: p.nonce, aad: operation, plaintext: utf8.encode(plaintextXml) });
  if (!sealed.ok) return sealed;
  return encodeSoapBody({ kind: 'encrypted', document: { keyId: p.keyId, nonce: p.nonce, payload: sealed.value } });
}

function openDocument<K extends keyof KakapoDocuments>(
  cipher: EnvelopeCipher,
  operation: KakapoOperation,
  root: K,
  document: EncryptedDocument,
  limits?: Partial<XmlLimits>,
): Result<KakapoDocuments[K]> {
  const opened = cipher.open({ keyId: document.keyId, nonce: document.nonce, aad: operation, ciphertextWithTag: document.payload });
  if (!opened.ok) return opened;
  let text: string;
  try {
    text = strictUtf8.decode(opened.value);
  } catch {
    return err('BAD_ENCODING', 'decrypted document is not UTF-8');
  }
  const el = parseXml(text, limits);
  if (!el.ok) return el;
  return attempt(() => decodeKakapoDocument(root, el.value), 'INVALID_FIELD');
}

/**
 * Client side: the SOAP request text for `operation`.
 *
 * @example
 * const soap = encodeKakapoRequest(cipher, 'GetBranding', request, { keyId, nonce });
 */
export function encodeKakapoRequest<Op extends KakapoOperation>(
  cipher: EnvelopeCipher,
  operation: Op,
  request: KakapoExchange[Op]['request'],
  seal: SealParams,
): Result<string> {
  const xml = attempt(() => encodeKakapoDocument(ROOTS[operation].request, request as never), 'INVALID_FIELD');
  return xml.ok ? sealDocument(cipher, operation, xml.value, seal) : xml;
}

/**
 * Portal side: the plaintext request from the SOAP body; `operation` comes from the SOAPAction header.
 *
 * @example
 * const request = decodeKakapoRequest(cipher, 'RequestLicense', body);
 */
export function decodeKakapoRequest<Op extends KakapoOperation>(
  cipher: EnvelopeCipher,
  operation: Op,
  soap: string | Uint8Array,
  limits?: Partial<XmlLimits>,
): Result<KakapoExchange[Op]['request']> {
  const body = decodeSoapBody(soap, limits);
  if (!body.ok) return body;
  if (body.value.kind !== 'encrypted') return err('UNKNOWN_TYPE', 'a request cannot be a SOAP fault', { element: 'Fault' });
  return openDocument(cipher, operation, ROOTS[operation].request, body.value.document, limits) as Result<KakapoExchange[Op]['request']>;
}

/**
 * Portal side: the SOAP response text (a document, or a fault).
 *
 * @example
 * const soap = encodeKakapoResponse(cipher, 'GetBranding', { ok: true, value: branding }, { keyId, nonce });
 */
export function encodeKakapoResponse<Op extends KakapoOperation>(
  cipher: EnvelopeCipher,
  operation: Op,
  reply: { kind: 'document'; document: KakapoExchange[Op]['response']; seal: SealParams } | { kind: 'fault'; fault: SoapFault },
): Result<string> {
  if (reply.kind === 'fault') return encodeSoapBody(reply);
  const xml = attempt(() => encodeKakapoDocument(ROOTS[operation].response, reply.document as never), 'INVALID_FIELD');
  return xml.ok ? sealDocument(cipher, operation, xml.value, reply.seal) : xml;
}

export type KakapoReply<T> = { kind: 'document'; document: T } | { kind: 'fault'; fault: SoapFault };

/**
 * Client side: the response document, or the portal's fault (a valid answer, not a codec error).
 *
 * @example
 * const reply = decodeKakapoResponse(cipher, 'GetBranding', body); // { ok: true, value: { ok: true, value: branding } }
 */
export function decodeKakapoResponse<Op extends KakapoOperation>(
  cipher: EnvelopeCipher,
  operation: Op,
  soap: string | Uint8Array,
  limits?: Partial<XmlLimits>,
): Result<KakapoReply<KakapoExchange[Op]['response']>> {
  const body = decodeSoapBody(soap, limits);
  if (!body.ok) return body;
  if (body.value.kind === 'fault') return ok(body.value);
  const doc = openDocument(cipher, operation, ROOTS[operation].response, body.value.document, limits);
  return attempt(() => ({ kind: 'document' as const, document: orThrow(doc) as KakapoExchange[Op]['response'] }), 'INVALID_FIELD');
}
