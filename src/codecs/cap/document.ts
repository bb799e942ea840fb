// CAP document (cap.md §1, FACT clients): <BroadsoftDocument protocol="CAP" version="14.0"> with
// exactly one <command commandType="…"><commandData>…</commandData></command>; no namespaces.
import { CodecError } from '../errors.ts';
import { attempt, type Result } from '../result.ts';
import { type DocumentEncoding, decodeDocument, encodeDocument } from '../text/index.ts';
import { attr, child, parseXml, xmlDeclaration, xmlElement, type XmlElement, type XmlLimits } from '../xml/index.ts';
import { callAction } from './call-action.ts';
import type { CapMessageCodec } from './codec.ts';
import { monitoringUsersRequest, monitoringUsersResponse, serverStatusRequest, serverStatusResponse } from './monitoring.ts';
import { acknowledgement, registerAuthentication, registerRequest, registerResponse, responseAuthentication, unRegister } from './registration.ts';
import type { CapDocument, CapMessage, CapMessageType } from './types.ts';
import { callUpdate, profileUpdate, sessionUpdate } from './updates.ts';

export const CAP_VERSION = '14.0';

const CODECS: { readonly [K in CapMessageType]: CapMessageCodec<Extract<CapMessage, { type: K }>> } = {
  registerAuthentication, responseAuthentication, registerRequest, registerResponse, acknowledgement, unRegister,
  callAction, callUpdate, sessionUpdate, profileUpdate,
  monitoringUsersRequest, monitoringUsersResponse, serverStatusRequest, serverStatusResponse,
};

export const CAP_MESSAGE_TYPES = Object.keys(CODECS) as CapMessageType[];

/**
 * Messages the OCS counts (BW-OpenClientServer MIB, cap.md §2) whose shape no public client shows
 * and unity-connect does not use: a server may send them, and a client ignores them.
 */
export const CAP_UNUSED_MESSAGE_TYPES: readonly string[] = ['callControlInfo', 'infoRequest', 'infoResponse', 'externalNotify'];

/**
 * The commandType of a CAP document's command, without decoding it.
 *
 * @example
 *   const root = parseXml('<BroadsoftDocument protocol="CAP"><command commandType="externalNotify"/></BroadsoftDocument>');
 *   if (root.ok) capCommandType(root.value); // 'externalNotify'
 */
export function capCommandType(root: XmlElement): string | undefined {
  const command = child(root, 'command');
  return command === undefined ? undefined : attr(command, 'commandType');
}

export interface CapEncodeOptions {
  /** Root version attribute, default "14.0". */
  readonly version?: string;
  /** Default UTF-8: the declaration real CAP server documents carry (cap.md §1). */
  readonly encoding?: DocumentEncoding;
}

export interface DecodedCap extends CapDocument {
  readonly encoding: DocumentEncoding;
}

function codecFor(type: string): CapMessageCodec<CapMessage> | undefined {
  return Object.hasOwn(CODECS, type) ? (CODECS[type as CapMessageType] as CapMessageCodec<CapMessage>) : undefined;
}

/**
 * Declaration + root on one line, then "\n" (cap.md §1 lab output).
 *
 * @example
 * const xml = renderCapMessage({ type: 'serverStatusRequest', userType: 'CallClient', userUid: '1017', applicationId: 'unity' });
 */
export function renderCapMessage(message: CapMessage, options: CapEncodeOptions = {}): Result<string> {
  return attempt(() => {
    const codec = codecFor(message.type);
    if (codec === undefined) throw new CodecError('UNKNOWN_TYPE', 'unknown CAP message type', { type: String(message.type).slice(0, 64) });
    const command = xmlElement('command', [['commandType', message.type]], xmlElement('commandData', null, codec.encode(message)));
    const root = xmlElement('BroadsoftDocument', [['protocol', 'CAP'], ['version', options.version ?? CAP_VERSION]], command);
    return xmlDeclaration(options.encoding ?? 'UTF-8') + root + '\n';
  }, 'INVALID_FIELD');
}

/**
 * @example
 * socket.write(encodeCapMessage(message)); // ISO-8859-1 bytes
 */
export function encodeCapMessage(message: CapMessage, options: CapEncodeOptions = {}): Result<Uint8Array> {
  const text = renderCapMessage(message, options);
  return text.ok ? { ok: true, value: encodeDocument(text.value, options.encoding ?? 'UTF-8') } : text;
}

/**
 * @example
 * const doc = decodeCapElement(root); // { ok: true, value: { commands: [...] } }
 */
export function decodeCapElement(root: XmlElement): Result<CapDocument> {
  return attempt(() => {
    if (root.name !== 'BroadsoftDocument') throw new CodecError('UNKNOWN_TYPE', 'root element is not BroadsoftDocument', { element: root.name.slice(0, 64) });
    const protocol = attr(root, 'protocol');
    if (protocol !== 'CAP') throw new CodecError(protocol === undefined ? 'MISSING_FIELD' : 'UNKNOWN_TYPE', 'BroadsoftDocument is not a CAP document', { field: 'protocol' });
    const commands = root.children.filter((c) => c.name === 'command');
    const command = commands[0];
    if (command === undefined) throw new CodecError('MISSING_FIELD', 'CAP document without a command', { field: 'command' });
    if (commands.length > 1) throw new CodecError('INVALID_FIELD', 'CAP document with more than one command', { field: 'command', actual: commands.length });
    const type = attr(command, 'commandType');
    if (type === undefined) throw new CodecError('MISSING_FIELD', 'CAP command without commandType', { field: 'commandType' });
    const codec = codecFor(type);
    if (codec === undefined) throw new CodecError('UNKNOWN_TYPE', 'unknown CAP commandType', { type: type.slice(0, 64) });
    const data = child(command, 'commandData');
    if (data === undefined) throw new CodecError('MISSING_FIELD', `${type} without commandData`, { type, field: 'commandData' });
    return { version: attr(root, 'version') ?? CAP_VERSION, message: codec.decode(data) };
  });
}

/**
 * @example
 * const doc = decodeCapText('<BroadsoftDocument protocol="CAP" version="14.0">…</BroadsoftDocument>');
 */
export function decodeCapText(text: string, limits?: Partial<XmlLimits>): Result<CapDocument> {
  const root = parseXml(text, limits);
  return root.ok ? decodeCapElement(root.value) : root;
}

/**
 * @example
 * const decoded = decodeCapDocument(bytes);
 */
export function decodeCapDocument(bytes: Uint8Array, limits?: Partial<XmlLimits>): Result<DecodedCap> {
  const text = decodeDocument(bytes);
  if (!text.ok) return text;
  const doc = decodeCapText(text.value.text, limits);
  return doc.ok ? { ok: true, value: { ...doc.value, encoding: text.value.encoding } } : doc;
}
