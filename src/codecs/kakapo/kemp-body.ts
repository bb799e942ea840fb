// KEMP bodies (kakapo.md §3.2): one plaintext XML element, UTF-8, sealed with AAD = the KEMP
// method (for a response: the method of the request it answers).
//
// PROJECT element forms (kakapo.md gives only the outline; no namespace, no declaration):
//   <register><loginId>…</loginId><groupId>…</groupId><impToken>…</impToken></register>
//       exactly one of groupId / enterpriseId (seed §1.1); impToken optional
//   <registered sessionId="…"/>
//   <message id="…" from="…" to="…" sent="…"><body>…</body></message>
//       sent = epoch milliseconds (the unit XSI uses); from/to are login ids
//   <bye reason="…"/>
// PING carries no body at all (Content-Length: 0, no Key-Id/Nonce — see kemp-frame.ts).
import { CodecError } from '../errors.ts';
import { attempt, err, ok, type Result } from '../result.ts';
import { parseXml } from '../xml/parse.ts';
import { escapeAttr, escapeText } from '../xml/serialize.ts';
import type { XmlElement, XmlLimits } from '../xml/types.ts';
import { checkXmlText, invalid, missing, parseIntField } from '../xsi/fields.ts';
import type { EnvelopeCipher } from './cipher.ts';
import type { KempMethod } from './kemp-frame.ts';

export type KempRegister = { type: 'register'; loginId: string; impToken?: string } & (
  | { groupId: string; enterpriseId?: undefined }
  | { enterpriseId: string; groupId?: undefined }
);
export interface KempRegistered {
  type: 'registered';
  sessionId: string;
}
export interface KempMessage {
  type: 'message';
  id: string; // sender-chosen; receivers drop duplicates by id (§3.3)
  from: string;
  to: string;
  sent: number; // epoch ms
  body: string;
}
export interface KempBye {
  type: 'bye';
  reason: string;
}

/**
 * PROJECT (kakapo.md §3.2 leaves BYE reasons open): the server's BYE reason when another login took
 * this registration over. A client names it and does not register again by itself (no ping-pong).
 */
export const KEMP_BYE_REPLACED = 'replaced';
export type KempBody = KempRegister | KempRegistered | KempMessage | KempBye;
export type KempBodyType = KempBody['type'];

/** KEMP bodies are small: 1 MiB frame limit, shallow documents. */
export const DEFAULT_KEMP_BODY_LIMITS: Partial<XmlLimits> = { maxBytes: 1024 * 1024, maxDepth: 8, maxAttributes: 16 };

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function textEl(name: string, value: string): string {
  const v = escapeText(checkXmlText(name, value));
  return v === '' ? `<${name}/>` : `<${name}>${v}</${name}>`;
}
function attr(name: string, value: string): string {
  return ` ${name}="${escapeAttr(checkXmlText(name, value))}"`;
}

function toXml(body: KempBody): string {
  switch (body.type) {
    case 'register': {
      const hasGroup = body.groupId !== undefined;
      if (hasGroup === (body.enterpriseId !== undefined)) throw invalid('groupId', 'given alone (groupId or enterpriseId)');
      return (
        '<register>' +
        textEl('loginId', body.loginId) +
        (hasGroup ? textEl('groupId', body.groupId!) : textEl('enterpriseId', body.enterpriseId!)) +
        (body.impToken !== undefined ? textEl('impToken', body.impToken) : '') +
        '</register>'
      );
    }
    case 'registered':
      return `<registered${attr('sessionId', body.sessionId)}/>`;
    case 'message':
      if (!Number.isSafeInteger(body.sent)) throw invalid('sent', 'an integer');
      return (
        `<message${attr('id', body.id)}${attr('from', body.from)}${attr('to', body.to)}${attr('sent', String(body.sent))}>` +
        textEl('body', body.body) +
        '</message>'
      );
    case 'bye':
      return `<bye${attr('reason', body.reason)}/>`;
    default:
      throw new CodecError('UNKNOWN_TYPE', 'unknown KEMP body');
  }
}

/**
 * @example
 * const plaintext = encodeKempBody(body);
 */
export function encodeKempBody(body: KempBody): Result<Uint8Array> {
  return attempt(() => utf8.encode(toXml(body)), 'INVALID_FIELD');
}

function attrOf(el: XmlElement, name: string): string {
  const a = el.attrs.find((x) => x.local === name && x.ns === null);
  if (a === undefined) throw missing(name);
  return a.value;
}
function childOf(el: XmlElement, name: string): string | undefined {
  return el.children.find((c) => c.name === name && c.ns === null)?.text;
}

function fromElement(el: XmlElement): KempBody {
  if (el.ns !== null) throw new CodecError('UNKNOWN_TYPE', 'KEMP bodies are unqualified', { element: el.name.slice(0, 64) });
  switch (el.name) {
    case 'register': {
      const loginId = childOf(el, 'loginId');
      if (loginId === undefined) throw missing('loginId');
      const groupId = childOf(el, 'groupId');
      const enterpriseId = childOf(el, 'enterpriseId');
      if ((groupId === undefined) === (enterpriseId === undefined)) throw invalid('groupId', 'given alone (groupId or enterpriseId)');
      const impToken = childOf(el, 'impToken');
      const org = groupId !== undefined ? { groupId } : { enterpriseId: enterpriseId! };
      return { type: 'register', loginId, ...org, ...(impToken !== undefined ? { impToken } : {}) };
    }
    case 'registered':
      return { type: 'registered', sessionId: attrOf(el, 'sessionId') };
    case 'message': {
      const body = childOf(el, 'body');
      if (body === undefined) throw missing('body');
      return {
        type: 'message',
        id: attrOf(el, 'id'),
        from: attrOf(el, 'from'),
        to: attrOf(el, 'to'),
        sent: parseIntField('sent', attrOf(el, 'sent')),
        body,
      };
    }
    case 'bye':
      return { type: 'bye', reason: attrOf(el, 'reason') };
    default:
      throw new CodecError('UNKNOWN_TYPE', 'unknown KEMP body element', { element: el.name.slice(0, 64) });
  }
}

/**
 * @example
 * const body = decodeKempBody(plaintext); // { ok: true, value: { type: 'MessageBody', … } }
 */
export function decodeKempBody(plaintext: Uint8Array, limits: Partial<XmlLimits> = DEFAULT_KEMP_BODY_LIMITS): Result<KempBody> {
  let text: string;
  try {
    text = strictUtf8.decode(plaintext);
  } catch {
    return err('BAD_ENCODING', 'KEMP body is not UTF-8');
  }
  const el = parseXml(text, limits);
  if (!el.ok) return el;
  return attempt(() => fromElement(el.value), 'INVALID_FIELD');
}

// ------------------------------------------------------------------ sealed bodies

export interface KempSealed {
  keyId: string;
  nonce: Uint8Array;
  body: Uint8Array; // ciphertext || tag, the frame body
}

/**
 * Encodes and seals `body` for a frame of `method` (AAD). The nonce comes from the caller.
 *
 * @example
 * const sealed = sealKempBody(cipher, 'MESSAGE', body, { keyId, nonce }); // nonce and ciphertext for the frame
 */
export function sealKempBody(
  cipher: EnvelopeCipher,
  method: KempMethod,
  body: KempBody,
  seal: { keyId: string; nonce: Uint8Array },
): Result<KempSealed> {
  const plaintext = encodeKempBody(body);
  if (!plaintext.ok) return plaintext;
  const sealed = cipher.seal({ keyId: seal.keyId, nonce: seal.nonce, aad: method, plaintext: plaintext.value });
  return sealed.ok ? ok({ keyId: seal.keyId, nonce: seal.nonce, body: sealed.value }) : sealed;
}

/**
 * Opens and decodes a frame body sealed for `method`; `expected` names the body type the caller
 * accepts here (e.g. 'register' on a REGISTER request) — another type is UNKNOWN_TYPE.
 * An empty frame body is MISSING_FIELD.
 *
 * @example
 * const body = openKempBody(cipher, 'MESSAGE', frame, 'MessageBody');
 */
export function openKempBody<T extends KempBodyType>(
  cipher: EnvelopeCipher,
  method: KempMethod,
  frame: { keyId?: string; nonce?: Uint8Array; body: Uint8Array },
  expected: T,
  limits?: Partial<XmlLimits>,
): Result<Extract<KempBody, { type: T }>> {
  if (frame.body.length === 0 || frame.keyId === undefined || frame.nonce === undefined) {
    return err('MISSING_FIELD', `KEMP ${method} frame has no body`, { field: 'body' });
  }
  const opened = cipher.open({ keyId: frame.keyId, nonce: frame.nonce, aad: method, ciphertextWithTag: frame.body });
  if (!opened.ok) return opened;
  const decoded = decodeKempBody(opened.value, limits);
  if (!decoded.ok) return decoded;
  if (decoded.value.type !== expected) return err('UNKNOWN_TYPE', `expected a ${expected} body`, { type: decoded.value.type });
  return ok(decoded.value as Extract<KempBody, { type: T }>);
}
