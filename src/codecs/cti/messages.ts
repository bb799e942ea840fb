// XspXMLInterface messages (cti-xsi.md §2.2): request, response, event, eventResponse, keepalive,
// keepaliveResponse — one top-level element in the xsp namespace, children unqualified except
// `xsp:payload`. The CTI request element sits in the CTI namespace (the only public example leaves
// it unqualified: both are accepted, §5). Decoders never echo field values in errors: a request
// carries `credentials` (base64 of user:password, §2.3).
import { CodecError } from '../errors.ts';
import { attempt, type Result } from '../result.ts';
import { escapeAttr, escapeText } from '../xml/serialize.ts';
import type { XmlElement } from '../xml/types.ts';
import type { XsiBody } from '../xsi/bodies.ts';
import { decodeXsiElementUnchecked, encodeXsiElement, type XsiDocument } from '../xsi/documents.ts';
import type { XsiEvent } from '../xsi/events.ts';
import { checkXmlText, invalid, missing, parseIntField } from '../xsi/fields.ts';
import { CTI_COMMANDS, CTI_NS, isCtiCommandName, paramsFromUri, placeholders, substituteUri, type CtiCommandName } from './commands.ts';

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
  /** Lower-case parameter names (subscriberid, callid, channelid, …). */
  params: Record<string, string>;
  /** The XSI body, e.g. Channel for AddChannelRequest, Subscription, CallCenter. */
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

function payloadEl(tag: string, doc: XsiDocument | undefined): string {
  return doc === undefined ? '' : `<${tag}>${encodeXsiElement(doc)}</${tag}>`;
}

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function encodeCommand(cmd: CtiCommand): string {
  if (!isCtiCommandName(cmd.name)) throw new CodecError('UNKNOWN_TYPE', 'unknown CTI request element', { field: 'command' });
  const { method } = CTI_COMMANDS[cmd.name];
  const uri = substituteUri(cmd.name, cmd.params);
  if (uri === undefined) throw new CodecError('MISSING_FIELD', `a path parameter of ${cmd.name} is missing`, { element: cmd.name });
  let params = '';
  for (const [k, v] of Object.entries(cmd.params)) {
    if (!PARAM_NAME.test(k)) throw invalid('params', 'a list of well-formed parameter names');
    params += el(k, v);
  }
  return (
    `<cti:${cmd.name} xmlns:cti="${CTI_NS}">` +
    el('uri', uri) +
    el('method', method) +
    el('version', cmd.version ?? DEFAULT_CTI_COMMAND_VERSION) +
    (params === '' ? '<params/>' : `<params>${params}</params>`) +
    payloadEl('payload', cmd.payload) +
    `</cti:${cmd.name}>`
  );
}

function authEl(auth: CtiAuth): string {
  if ('credentials' in auth) return el('credentials', auth.credentials);
  if ('ssoCredentials' in auth) return el('ssoCredentials', auth.ssoCredentials);
  if ('authorization' in auth) return el('authorization', auth.authorization);
  throw new CodecError('MISSING_FIELD', 'a CTI request needs credentials', { field: 'credentials' });
}

/** One line of XML, no declaration. Throws CodecError. */
export function encodeCtiElement(msg: CtiMessage): string {
  const version = msg.version ?? (Object.hasOwn(CTI_MESSAGE_VERSIONS, msg.kind) ? CTI_MESSAGE_VERSIONS[msg.kind] : undefined);
  if (version === undefined) throw new CodecError('UNKNOWN_TYPE', 'unknown CTI message kind');
  let body = el('requestId', msg.requestId);
  switch (msg.kind) {
    case 'request':
      body += el('sessionId', msg.sessionId) + authEl(msg.auth) + encodeCommand(msg.command);
      break;
    case 'response':
      if (!Number.isSafeInteger(msg.statusCode)) throw invalid('statusCode', 'an integer');
      body += el('sessionId', msg.sessionId) + el('statusCode', String(msg.statusCode)) + el('reason', msg.reason);
      body += payloadEl('xsp:payload', msg.payload);
      break;
    case 'event':
      body += payloadEl('xsp:payload', { root: 'Event', event: msg.event });
      break;
    case 'eventResponse':
      body += payloadEl('xsp:payload', { root: 'EventResponse', body: msg.eventResponse });
      break;
    case 'keepalive':
      if (!Number.isSafeInteger(msg.period)) throw invalid('period', 'an integer');
      body += el('period', String(msg.period));
      break;
    case 'keepaliveResponse':
      break;
  }
  return `<xsp:${msg.kind} version="${escapeAttr(checkXmlText('version', version))}" xmlns:xsp="${XSP_NS}">${body}</xsp:${msg.kind}>`;
}

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
  const params: Record<string, string> = {};
  for (const p of map.get('params')?.children ?? []) {
    const key = p.name.toLowerCase();
    if (!Object.hasOwn(params, key)) params[key] = p.text;
  }
  const uri = map.get('uri')?.text.trim();
  // A uri still holding its %name% placeholders carries no values (§5); a substituted one does.
  if (uri !== undefined && !hasPlaceholder(name, uri)) {
    for (const [k, v] of Object.entries(paramsFromUri(name, uri))) if (!Object.hasOwn(params, k)) params[k] = v;
  }
  for (const p of placeholders(name).path) {
    if (!Object.hasOwn(params, p)) throw new CodecError('MISSING_FIELD', `${name} without its ${p} parameter`, { field: p });
  }
  const payload = payloadDoc(map);
  const version = map.get('version')?.text.trim();
  return { name, params, ...(payload !== undefined ? { payload } : {}), ...(version !== undefined ? { version } : {}) };
}

function hasPlaceholder(name: CtiCommandName, uri: string): boolean {
  const lower = uri.toLowerCase();
  const { path, query } = placeholders(name);
  return [...path, ...query].some((p) => lower.includes(`%${p}%`));
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
  for (const a of root.attrs) if (a.local === 'version' && a.ns === null) version = a.value;
  const map = childMap(root);
  const requestId = req(map, 'requestId').trim();
  switch (kind) {
    case 'request': {
      // The CTI request element is the child that is not one of the xsp message's own fields.
      const cmdEl = root.children.find((c) => c.ns === CTI_NS || (c.ns === null && !REQUEST_FIELDS.has(c.name)));
      if (cmdEl === undefined) throw new CodecError('MISSING_FIELD', 'request without a CTI request element', { field: 'command' });
      return { kind, version, requestId, sessionId: req(map, 'sessionId').trim(), auth: decodeAuth(map), command: decodeCommand(cmdEl) };
    }
    case 'response': {
      const payload = payloadDoc(map);
      return {
        kind,
        version,
        requestId,
        sessionId: req(map, 'sessionId').trim(),
        statusCode: parseIntField('statusCode', req(map, 'statusCode')),
        reason: req(map, 'reason'),
        ...(payload !== undefined ? { payload } : {}),
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

export function decodeCtiElement(root: XmlElement): Result<CtiMessage> {
  return attempt(() => decodeCtiElementUnchecked(root), 'INVALID_FIELD');
}
