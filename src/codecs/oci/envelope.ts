// OCI-P envelope (oci-p.md §3, FACT): root BroadsoftDocument in namespace "C", children in no
// namespace (xmlns=""), each command typed by xsi:type, 1..15 commands matched by position.
import { CodecError } from '../errors.ts';
import { attempt, type Result } from '../result.ts';
import { type DocumentEncoding, decodeDocument, encodeDocument } from '../text/index.ts';
import { attr, child, childText, collapseWhitespace, parseXml, xmlDeclaration, xmlElement, xmlTextElement, XSI_NS, type XmlAttrList, type XmlElement, type XmlLimits } from '../xml/index.ts';
import { COMMAND_SPECS, type CommandSpec } from './commands.ts';
import { decodeFields, encodeFields } from '../xml/fields.ts';
import { type OciCommand, type OciDocument, type OciErrorType, OCI_MAX_COMMANDS, OCI_NS } from './types.ts';

export interface OciEncodeOptions {
  /** Declared and used encoding. Default ISO-8859-1: the OCS default, and the lab mirrors the
   *  request's encoding (oci-p.md §3); unmappable characters become numeric references. */
  readonly encoding?: DocumentEncoding;
  /** Must be true to encode a cleartext password (LoginRequest22V5.password,
   *  LoginRequest14sp4.plainTextPassword): oci-p.md §5.2 project rule, cleartext only over TLS. */
  readonly overTls?: boolean;
  /**
   * Write a "\n" between the XML declaration and the root. Both forms occur in real server output
   * (oci-p.md §2: captures through the SOAP front end and a fixture built from a real R24 session
   * have it, TCP captures do not); the client reads both. Default false: one line.
   */
  readonly declarationNewline?: boolean;
}

export interface DecodedOci {
  readonly document: OciDocument;
  readonly encoding: DocumentEncoding;
}

const ROOT_ATTRS = (protocol: string): XmlAttrList => [
  ['protocol', protocol],
  ['xmlns', OCI_NS],
  ['xmlns:xsi', XSI_NS],
];

function commandAttrs(spec: CommandSpec, cmd: OciCommand): XmlAttrList {
  const echo = cmd.echo;
  switch (spec.form) {
    case 'request':
      return echo === undefined ? [['xsi:type', spec.type], ['xmlns', '']] : [['echo', echo], ['xsi:type', spec.type], ['xmlns', '']];
    case 'response':
      return [['echo', echo ?? ''], ['xsi:type', spec.type], ['xmlns', '']];
    case 'prefixedResponse':
      return [['echo', echo ?? ''], ['xsi:type', 'c:' + spec.type], ['xmlns:c', OCI_NS], ['xmlns', '']];
    case 'errorResponse': {
      const errorType = (cmd as { errorType?: string }).errorType ?? 'Error';
      return [['type', errorType], ['echo', echo ?? ''], ['xsi:type', 'c:' + spec.type], ['xmlns:c', OCI_NS], ['xmlns', '']];
    }
  }
}

function encodeCommand(cmd: OciCommand, options: OciEncodeOptions): string {
  const spec = COMMAND_SPECS.get(cmd.type);
  if (spec === undefined) throw new CodecError('UNKNOWN_TYPE', 'unknown OCI command type', { type: String(cmd.type).slice(0, 64) });
  const fields = cmd as unknown as Readonly<Record<string, unknown>>;
  for (const key of spec.cleartext ?? []) {
    if (fields[key] !== undefined && options.overTls !== true) {
      throw new CodecError('CLEARTEXT_REFUSED', `${spec.type} with a cleartext password is sent only over TLS`, { type: spec.type, field: key });
    }
  }
  return xmlElement('command', commandAttrs(spec, cmd), encodeFields(spec.fields, fields, spec.type));
}

/**
 * The document as text: declaration + root on one line (or two, see declarationNewline), then "\n" (oci-p.md §2).
 *
 * @example
 * const xml = renderOciDocument({ sessionId: 's1', commands: [request] }); // one BroadsoftDocument as text
 */
export function renderOciDocument(doc: OciDocument, options: OciEncodeOptions = {}): Result<string> {
  return attempt(() => {
    const n = doc.commands.length;
    if (n < 1 || n > OCI_MAX_COMMANDS) {
      throw new CodecError('INVALID_FIELD', `an OCI document holds 1 to ${OCI_MAX_COMMANDS} commands, not ${n}`, { field: 'command', actual: n });
    }
    let body = xmlTextElement('sessionId', doc.sessionId, [['xmlns', '']]);
    if (doc.trackingId !== undefined) body += xmlTextElement('trackingId', doc.trackingId, [['xmlns', '']]);
    for (const cmd of doc.commands) body += encodeCommand(cmd, options);
    const declaration = xmlDeclaration(options.encoding ?? 'ISO-8859-1') + (options.declarationNewline === true ? '\n' : '');
    return declaration + xmlElement('BroadsoftDocument', ROOT_ATTRS(doc.protocol ?? 'OCI'), body) + '\n';
  }, 'INVALID_FIELD');
}

/**
 * @example
 * const bytes = encodeOciDocument(doc); // ISO-8859-1, with the XML declaration
 */
export function encodeOciDocument(doc: OciDocument, options: OciEncodeOptions = {}): Result<Uint8Array> {
  const text = renderOciDocument(doc, options);
  return text.ok ? { ok: true, value: encodeDocument(text.value, options.encoding ?? 'ISO-8859-1') } : text;
}

/**
 * The command's type name from xsi:type, by namespace URI; tolerant of an unprefixed SuccessResponse.
 *
 * @example
 * ociCommandTypeName(commandElement); // 'UserGetResponse22' (its xsi:type)
 */
export function ociCommandTypeName(command: XmlElement): string | undefined {
  const raw = attr(command, 'type', XSI_NS);
  if (raw === undefined) return undefined;
  const colon = raw.indexOf(':');
  return (colon === -1 ? raw : raw.slice(colon + 1)).trim();
}

/**
 * Decodes one `command` element. Unknown xsi:type → UNKNOWN_TYPE. Deviations from the schema the
 * decoder reads past (a required element the client does not need, an ErrorResponse without its
 * `type` attribute) are pushed to `notes` when given.
 *
 * @example
 *   const notes: string[] = [];
 *   const command = decodeOciCommand(commandElement, notes);
 *   if (command.ok && notes.length > 0) log(`read with deviations: ${notes.join('; ')}`);
 */
export function decodeOciCommand(command: XmlElement, notes?: string[]): Result<OciCommand> {
  return attempt(() => decodeCommandOrThrow(command, 0, notes));
}

const ERROR_TYPES: readonly OciErrorType[] = ['Error', 'Warning', 'Info'];

function decodeCommandOrThrow(command: XmlElement, index: number, notes?: string[]): OciCommand {
  const typeName = ociCommandTypeName(command);
  if (typeName === undefined) throw new CodecError('MISSING_FIELD', `command ${index + 1} has no xsi:type`, { field: 'xsi:type', position: index });
  const spec = COMMAND_SPECS.get(typeName);
  if (spec === undefined) throw new CodecError('UNKNOWN_TYPE', `unknown OCI command type at command ${index + 1}`, { type: typeName.slice(0, 64), position: index });
  const out: Record<string, unknown> = { type: spec.type };
  const echo = attr(command, 'echo');
  if (echo !== undefined) out['echo'] = echo;
  if (spec.form === 'errorResponse') {
    // OCISchemaBASE.xsd ErrorResponse: attribute `type` is required, NMTOKEN Error | Warning | Info.
    // An answer without it, or with another value, is still a refusal: read it as an Error.
    const raw = attr(command, 'type');
    const t = raw?.trim();
    const known = ERROR_TYPES.find((e) => e === t);
    if (known === undefined) notes?.push(raw === undefined ? 'ErrorResponse lacks its type attribute; read as Error' : 'ErrorResponse type is not Error, Warning or Info; read as Error');
    out['errorType'] = known ?? 'Error';
  }
  Object.assign(out, decodeFields(spec.fields, command, spec.type, notes));
  return out as unknown as OciCommand;
}

/** The envelope without decoding commands: lets the lab answer an unknown command by position. */
export interface OciEnvelope {
  readonly protocol: 'OCI' | 'NSOCI';
  /** The session key's text: sessionId, or the value of the alternative named by `sessionElement`. */
  readonly sessionId: string;
  /** Set when the document names its session by one of the schema's alternatives to sessionId. */
  readonly sessionElement?: OciSessionAlternative;
  readonly trackingId?: string;
  readonly commands: readonly XmlElement[];
}

/** OCISchemaBASE.xsd OCIMessage: a choice of sessionId or one of these (session-less requests from trusted hosts). */
export type OciSessionAlternative = 'userId' | 'phoneNumber' | 'linePort' | 'externalUserIdentity';
const SESSION_ALTERNATIVES: readonly OciSessionAlternative[] = ['userId', 'phoneNumber', 'linePort', 'externalUserIdentity'];

/**
 * @example
 * const envelope = decodeOciEnvelope(root); // sessionId, protocol and the command elements
 */
export function decodeOciEnvelope(root: XmlElement): Result<OciEnvelope> {
  return attempt(() => envelopeOrThrow(root));
}

function envelopeOrThrow(root: XmlElement): OciEnvelope {
  if (root.name !== 'BroadsoftDocument') throw new CodecError('UNKNOWN_TYPE', 'root element is not BroadsoftDocument', { element: root.name.slice(0, 64) });
  const protocol = attr(root, 'protocol');
  if (protocol !== 'OCI' && protocol !== 'NSOCI') {
    throw new CodecError(protocol === undefined ? 'MISSING_FIELD' : 'UNKNOWN_TYPE', 'BroadsoftDocument is not an OCI document', { field: 'protocol' });
  }
  const sessionId = childText(root, 'sessionId');
  let alternative: { element: OciSessionAlternative; value: string } | undefined;
  if (sessionId === undefined) {
    for (const element of SESSION_ALTERNATIVES) {
      const el = child(root, element);
      if (el !== undefined) {
        alternative = { element, value: element === 'externalUserIdentity' ? el.children.map((c) => c.text).join(' ') : collapseWhitespace(el.text) };
        break;
      }
    }
    if (alternative === undefined) throw new CodecError('MISSING_FIELD', 'OCI document without sessionId', { field: 'sessionId' });
  }
  const commands = root.children.filter((c) => c.name === 'command');
  if (commands.length === 0) throw new CodecError('MISSING_FIELD', 'OCI document without a command', { field: 'command' });
  if (commands.length > OCI_MAX_COMMANDS) {
    throw new CodecError('INVALID_FIELD', `OCI document with more than ${OCI_MAX_COMMANDS} commands`, { field: 'command', actual: commands.length, limit: OCI_MAX_COMMANDS });
  }
  // trackingId is a NonEmptyToken (collapsed).
  const trackingText = childText(root, 'trackingId');
  const trackingId = trackingText === undefined ? undefined : collapseWhitespace(trackingText);
  return {
    protocol,
    sessionId: sessionId ?? alternative!.value,
    ...(alternative !== undefined ? { sessionElement: alternative.element } : {}),
    ...(trackingId !== undefined ? { trackingId } : {}),
    commands,
  };
}

/**
 * @example
 * const doc = decodeOciElement(root); // { ok: true, value: { sessionId, commands } }
 */
export function decodeOciElement(root: XmlElement): Result<OciDocument> {
  return attempt(() => {
    const env = envelopeOrThrow(root);
    const commands = env.commands.map((c, k) => decodeCommandOrThrow(c, k));
    const doc: { -readonly [K in keyof OciDocument]: OciDocument[K] } = { protocol: env.protocol, sessionId: env.sessionId, commands };
    if (env.trackingId !== undefined) doc.trackingId = env.trackingId;
    return doc;
  });
}

/**
 * @example
 * const doc = decodeOciText('<?xml version="1.0"?><BroadsoftDocument protocol="OCI">…</BroadsoftDocument>');
 */
export function decodeOciText(text: string, limits?: Partial<XmlLimits>): Result<OciDocument> {
  const root = parseXml(text, limits);
  return root.ok ? decodeOciElement(root.value) : root;
}

/**
 * Bytes of one complete document (from the splitter) → the document and its declared encoding.
 *
 * @example
 * const decoded = decodeOciDocument(bytes); // the document and the encoding it came in
 */
export function decodeOciDocument(bytes: Uint8Array, limits?: Partial<XmlLimits>): Result<DecodedOci> {
  const text = decodeDocument(bytes);
  if (!text.ok) return text;
  const doc = decodeOciText(text.value.text, limits);
  return doc.ok ? { ok: true, value: { document: doc.value, encoding: text.value.encoding } } : doc;
}
