// XspXMLInterface messages, restated from the public XSPXMLSchema/XspXMLInterface.xsd: request,
// response, event, eventResponse, keepalive, keepaliveResponse — one top-level element in the xsp
// namespace, children unqualified (elementFormDefault unqualified) except the global `xsp:payload`.
// `request` = requestId, sessionId, credentials | ssoCredentials | authorization, then one member
// of the xsp:payload substitution group: the CTI request element, in the CTI namespace (the only
// public example leaves it unqualified: both are read, §5). `response` = requestId, sessionId,
// statusCode, reason, xsp:payload — always present, empty when there is no body. Decoders never
// echo field values in errors: a request carries `credentials` (base64 of user:password, §2.3).
import { CodecError, type CodecErrorCode } from '../errors.ts';
import { attempt, type Result } from '../result.ts';
import { escapeAttr, escapeText } from '../xml/serialize.ts';
import type { XmlElement } from '../xml/types.ts';
import type { XsiBody } from '../xsi/bodies.ts';
import { decodeXsiElementUnchecked, encodeXsiElement, type XsiDocument } from '../xsi/documents.ts';
import type { XsiEvent } from '../xsi/events.ts';
import { checkXmlText, collapse, invalid, missing, parseIntField } from '../xsi/fields.ts';
import { CTI_COMMANDS, CTI_NS, isCtiCommandName, paramName, paramsFromUri, placeholders, substituteUri, type CtiCommandName, type CtiParam } from './commands.ts';

export const XSP_NS = 'http://schema.broadsoft.com/XspXMLInterface';

/** Schema defaults of the `version` attribute (§2.2); keepaliveResponse has none — we write 17.0. */
export const CTI_MESSAGE_VERSIONS = {
  request: '18.0',
  response: '17.0',
  event: '17.0',
  eventResponse: '17.0',
  keepalive: '17.0',
  keepaliveResponse: '17.0',
} as const;

/** PROJECT: the XSI version written in the CTI request element's `version` child. */
export const DEFAULT_CTI_COMMAND_VERSION = '22.0';

/** Exactly one of the three (§2.3). `credentials` = base64(user@domain:password), from the caller. */
export type CtiAuth = { credentials: string } | { ssoCredentials: string } | { authorization: string };

export interface CtiCommand {
  name: CtiCommandName;
  /**
   * Parameters under the names the CTI schema declares for this element, case-sensitively
   * (subscriberid, callid, address, … but channelId, subscriptionId, userId, and callId in
   * RecordRequest); see CTI_COMMANDS. The decoder returns them in that spelling whatever the case
   * on the wire.
   */
  params: Record<string, string>;
  /** The XSI body, e.g. Channel for AddChannelRequest, Subscription, CallCenter; absent = `<payload/>`. */
  payload?: XsiDocument;
  version?: string;
}

interface Base {
  /** The `version` attribute; decoders fill in the schema default when it is absent. */
  version?: string;
  requestId: string;
}
export interface CtiRequest extends Base {
  kind: 'request';
  sessionId: string;
  auth: CtiAuth;
  command: CtiCommand;
}
export interface CtiResponse extends Base {
  kind: 'response';
  sessionId: string;
  statusCode: number;
  reason: string;
  payload?: XsiDocument;
  /**
   * Set by the decoder when the envelope reads but its payload does not (an XSI body we do not
   * know, or one outside its schema): the answer still settles its request — as a typed failure
   * naming the element — instead of leaving it to time out. Never encoded.
   */
  payloadProblem?: { code: CodecErrorCode; message: string };
}
export interface CtiEvent extends Base {
  kind: 'event';
  event: XsiEvent;
}
export interface CtiEventResponse extends Base {
  kind: 'eventResponse';
  eventResponse: XsiBody<'EventResponse'>;
}
export interface CtiKeepalive extends Base {
  kind: 'keepalive';
  period: number; // seconds
}
export interface CtiKeepaliveResponse extends Base {
  kind: 'keepaliveResponse';
}
export type CtiMessage = CtiRequest | CtiResponse | CtiEvent | CtiEventResponse | CtiKeepalive | CtiKeepaliveResponse;
export type CtiMessageKind = CtiMessage['kind'];

// ------------------------------------------------------------------ encoding

function el(name: string, value: string): string {
  const v = escapeText(checkXmlText(name, value));
  return v === '' ? `<${name}/>` : `<${name}>${v}</${name}>`;
}

/** A `payload` (xsp:Payload: zero or one element of another namespace); written even when empty. */
function payloadEl(tag: string, doc: XsiDocument | undefined): string {
  return doc === undefined ? `<${tag}/>` : `<${tag}>${encodeXsiElement(doc)}</${tag}>`;
}

/** An xs:token value (RequestId, SessionId, version, reason): already collapsed. */
function tokenEl(name: string, value: string): string {
  if (collapse(value) !== value) throw invalid(name, 'a token (no leading, trailing or repeated spaces)');
  return el(name, value);
}

/** A parameter value of the simple type its element declares (the value itself is never quoted). */
function checkParam(command: CtiCommandName, p: CtiParam, value: string): void {
  const bad = (what: string) => new CodecError('INVALID_FIELD', `${command} parameter <${p.name}> is not ${what}`, { element: command, field: p.name });
  if (p.type === 'string') return;
  if (p.type === 'boolean') {
    if (!/^(true|false|1|0)$/.test(value)) throw bad('a boolean');
    return;
  }
  if (value === '') throw bad('non-empty');
  if (p.type === 'nonEmpty') return;
  if (collapse(value) !== value) throw bad('a token (no leading, trailing or repeated spaces)');
  if (typeof p.type !== 'string' && !p.type.includes(value)) throw bad('an allowed value');
}

function encodeCommand(cmd: CtiCommand): string {
  if (!isCtiCommandName(cmd.name)) throw new CodecError('UNKNOWN_TYPE', 'unknown CTI request element', { field: 'command' });
  const spec = CTI_COMMANDS[cmd.name];
  for (const key of Object.keys(cmd.params)) {
    // Only the schema's own spelling: `userid` where the schema says `userId` is refused here
    // rather than refused by the server.
    if (!spec.params.some((p) => p.name === key)) throw new CodecError('INVALID_FIELD', `${cmd.name} has no parameter <${key.slice(0, 64)}>`, { element: cmd.name, field: key.slice(0, 64) });
  }
  let params = '';
  for (const p of spec.params) {
    const v = cmd.params[p.name];
    if (v === undefined) {
      if (p.required) throw new CodecError('MISSING_FIELD', `${cmd.name} needs its ${p.name} parameter`, { element: cmd.name, field: p.name });
      continue;
    }
    checkParam(cmd.name, p, v);
    params += el(p.name, v);
  }
  const uri = substituteUri(cmd.name, cmd.params);
  if (uri === undefined) throw new CodecError('MISSING_FIELD', `a path parameter of ${cmd.name} is missing`, { element: cmd.name });
  if (spec.payload === null && cmd.payload !== undefined) throw invalid('payload', `empty for ${cmd.name}`);
  if (spec.payload !== null && cmd.payload?.root !== spec.payload) throw new CodecError('MISSING_FIELD', `${cmd.name} needs a ${spec.payload} payload`, { element: cmd.name, field: 'payload' });
  return (
    `<cti:${cmd.name} xmlns:cti="${CTI_NS}">` +
    el('uri', uri) +
    el('method', spec.method) +
    tokenEl('version', cmd.version ?? DEFAULT_CTI_COMMAND_VERSION) +
    (params === '' ? '<params/>' : `<params>${params}</params>`) +
    payloadEl('payload', cmd.payload) +
    `</cti:${cmd.name}>`
  );
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `credentials` and `ssoCredentials` are xs:base64Binary, `authorization` a string (a full header value). */
function authEl(auth: CtiAuth): string {
  // The token is never quoted in the error: it carries the password.
  const base64 = (name: string, value: string) => {
    if (!BASE64.test(value)) throw invalid(name, 'base64');
    return el(name, value);
  };
  if ('credentials' in auth) return base64('credentials', auth.credentials);
  if ('ssoCredentials' in auth) return base64('ssoCredentials', auth.ssoCredentials);
  if ('authorization' in auth) return el('authorization', auth.authorization);
  throw new CodecError('MISSING_FIELD', 'a CTI request needs credentials', { field: 'credentials' });
}

/** One line of XML, no declaration. Throws CodecError. */
export function encodeCtiElement(msg: CtiMessage): string {
  const version = msg.version ?? (Object.hasOwn(CTI_MESSAGE_VERSIONS, msg.kind) ? CTI_MESSAGE_VERSIONS[msg.kind] : undefined);
  if (version === undefined) throw new CodecError('UNKNOWN_TYPE', 'unknown CTI message kind');
  let body = tokenEl('requestId', msg.requestId);
  switch (msg.kind) {
    case 'request':
      body += tokenEl('sessionId', msg.sessionId) + authEl(msg.auth) + encodeCommand(msg.command);
      break;
    case 'response':
      if (!isXsInt(msg.statusCode)) throw invalid('statusCode', 'an xs:int');
      body += tokenEl('sessionId', msg.sessionId) + el('statusCode', String(msg.statusCode)) + tokenEl('reason', msg.reason);
      body += payloadEl('xsp:payload', msg.payload);
      break;
    case 'event':
      body += payloadEl('xsp:payload', { root: 'Event', event: msg.event });
      break;
    case 'eventResponse':
      body += payloadEl('xsp:payload', { root: 'EventResponse', body: msg.eventResponse });
      break;
    case 'keepalive':
      if (!isXsInt(msg.period)) throw invalid('period', 'an xs:int');
      body += el('period', String(msg.period));
      break;
    case 'keepaliveResponse':
      break;
  }
  if (collapse(version) !== version) throw invalid('version', 'a token');
  return `<xsp:${msg.kind} version="${escapeAttr(checkXmlText('version', version))}" xmlns:xsp="${XSP_NS}">${body}</xsp:${msg.kind}>`;
}

const isXsInt = (n: number): boolean => Number.isInteger(n) && n >= -2_147_483_648 && n <= 2_147_483_647;

// ------------------------------------------------------------------ decoding

const KINDS = new Set<string>(Object.keys(CTI_MESSAGE_VERSIONS));
const REQUEST_FIELDS = new Set(['requestId', 'sessionId', 'credentials', 'ssoCredentials', 'authorization']);

/** Unqualified children (tolerating the xsp namespace on them), by local name, first wins. */
function childMap(parent: XmlElement): Map<string, XmlElement> {
  const map = new Map<string, XmlElement>();
  for (const c of parent.children) {
    if ((c.ns === null || c.ns === XSP_NS) && !map.has(c.name)) map.set(c.name, c);
  }
  return map;
}

function req(map: Map<string, XmlElement>, name: string): string {
  const c = map.get(name);
  if (c === undefined) throw missing(name);
  return c.text;
}

/**
 * The body inside a payload: `payload`, or `emptyPayload` (its substitution-group member in
 * XspXMLInterface.xsd, content-free). Absent payload: read as no body (the schema requires the
 * element; a server that leaves it out is still understood).
 */
function payloadDoc(map: Map<string, XmlElement>): XsiDocument | undefined {
  const p = map.get('payload');
  if (p === undefined) return undefined;
  const inner = p.children[0];
  if (inner === undefined) return undefined;
  return decodeXsiElementUnchecked(inner);
}

function decodeCommand(cmdEl: XmlElement): CtiCommand {
  if ((cmdEl.ns !== CTI_NS && cmdEl.ns !== null) || !isCtiCommandName(cmdEl.name)) {
    throw new CodecError('UNKNOWN_TYPE', 'unknown CTI request element', { element: cmdEl.name.slice(0, 64) });
  }
  const name = cmdEl.name;
  const map = new Map<string, XmlElement>();
  for (const c of cmdEl.children) if ((c.ns === null || c.ns === XSP_NS || c.ns === CTI_NS) && !map.has(c.name)) map.set(c.name, c);
  const method = map.get('method')?.text.trim();
  if (method !== undefined && method.toUpperCase() !== CTI_COMMANDS[name].method) throw invalid('method', `${CTI_COMMANDS[name].method} for ${name}`);
  // Each parameter under its schema spelling whatever the case on the wire (§5); names the element
  // does not declare are read past.
  const params: Record<string, string> = {};
  for (const p of map.get('params')?.children ?? []) {
    const key = paramName(name, p.name);
    if (key !== undefined && !Object.hasOwn(params, key)) params[key] = p.text;
  }
  const uri = map.get('uri')?.text.trim();
  // A uri still holding its %name% placeholders carries no values (§5); a substituted one does.
  if (uri !== undefined && !hasPlaceholder(name, uri)) {
    for (const [k, v] of Object.entries(paramsFromUri(name, uri))) if (!Object.hasOwn(params, k)) params[k] = v;
  }
  // A required path parameter found nowhere leaves nothing to act on; an optional one (RecordRequest
  // callId) may be absent.
  const required = new Set(CTI_COMMANDS[name].params.filter((p) => p.required).map((p) => p.name));
  for (const p of placeholders(name).path) {
    if (required.has(p) && !Object.hasOwn(params, p)) throw new CodecError('MISSING_FIELD', `${name} without its ${p} parameter`, { field: p });
  }
  const payload = payloadDoc(map);
  const version = map.get('version')?.text;
  return { name, params, ...(payload !== undefined ? { payload } : {}), ...(version !== undefined ? { version: collapse(version) } : {}) };
}

function hasPlaceholder(name: CtiCommandName, uri: string): boolean {
  const lower = uri.toLowerCase();
  const { path, query } = placeholders(name);
  return [...path, ...query].some((p) => lower.includes(`%${p.toLowerCase()}%`));
}

function decodeAuth(map: Map<string, XmlElement>): CtiAuth {
  const c = map.get('credentials');
  if (c !== undefined) return { credentials: c.text.trim() };
  const s = map.get('ssoCredentials');
  if (s !== undefined) return { ssoCredentials: s.text.trim() };
  const a = map.get('authorization');
  if (a !== undefined) return { authorization: a.text.trim() };
  throw missing('credentials');
}

/** Throwing form over a parsed root element. */
export function decodeCtiElementUnchecked(root: XmlElement): CtiMessage {
  if (root.ns !== XSP_NS || !KINDS.has(root.name)) {
    throw new CodecError('UNKNOWN_TYPE', 'not an XspXMLInterface message', { element: root.name.slice(0, 64) });
  }
  const kind = root.name as CtiMessageKind;
  let version = CTI_MESSAGE_VERSIONS[kind] as string;
  for (const a of root.attrs) if (a.local === 'version' && a.ns === null) version = collapse(a.value);
  const map = childMap(root);
  const emptyPayload = map.get('emptyPayload');
  if (emptyPayload !== undefined && !map.has('payload')) map.set('payload', emptyPayload);
  const requestId = collapse(req(map, 'requestId'));
  switch (kind) {
    case 'request': {
      // The CTI request element is the child that is not one of the xsp message's own fields.
      const cmdEl = root.children.find((c) => c.ns === CTI_NS || (c.ns === null && !REQUEST_FIELDS.has(c.name)));
      if (cmdEl === undefined) throw new CodecError('MISSING_FIELD', 'request without a CTI request element', { field: 'command' });
      return { kind, version, requestId, sessionId: collapse(req(map, 'sessionId')), auth: decodeAuth(map), command: decodeCommand(cmdEl) };
    }
    case 'response': {
      let payload: XsiDocument | undefined;
      let payloadProblem: CtiResponse['payloadProblem'];
      try {
        payload = payloadDoc(map);
      } catch (error) {
        if (!(error instanceof CodecError)) throw error;
        const where = error.detail?.element ?? error.detail?.field;
        payloadProblem = { code: error.code, message: where !== undefined && !error.message.includes(`<${where}>`) ? `${error.message} <${where}>` : error.message };
      }
      return {
        kind,
        version,
        requestId,
        sessionId: collapse(req(map, 'sessionId')),
        statusCode: parseIntField('statusCode', req(map, 'statusCode')),
        reason: collapse(req(map, 'reason')),
        ...(payload !== undefined ? { payload } : {}),
        ...(payloadProblem !== undefined ? { payloadProblem } : {}),
      };
    }
    case 'event': {
      const doc = payloadDoc(map);
      if (doc === undefined) throw missing('payload');
      if (doc.root !== 'Event') throw invalid('payload', 'an xsi:Event');
      return { kind, version, requestId, event: doc.event };
    }
    case 'eventResponse': {
      const doc = payloadDoc(map);
      if (doc === undefined) throw missing('payload');
      if (doc.root !== 'EventResponse') throw invalid('payload', 'an EventResponse');
      return { kind, version, requestId, eventResponse: doc.body };
    }
    case 'keepalive':
      return { kind, version, requestId, period: parseIntField('period', req(map, 'period')) };
    case 'keepaliveResponse':
      return { kind, version, requestId };
  }
}

/**
 * @example
 * const message = decodeCtiElement(root); // request, response, event, keepalive, …
 */
export function decodeCtiElement(root: XmlElement): Result<CtiMessage> {
  return attempt(() => decodeCtiElementUnchecked(root), 'INVALID_FIELD');
}
