// OCI-P envelope (oci-p.md §3, FACT): root BroadsoftDocument in namespace "C", children in no
// namespace (xmlns=""), each command typed by xsi:type, 1..15 commands matched by position.
import { CodecError } from '../errors.ts';
import { attempt, type Result } from '../result.ts';
import { type DocumentEncoding, decodeDocument, encodeDocument } from '../text/index.ts';
import { attr, childText, parseXml, xmlDeclaration, xmlElement, xmlTextElement, XSI_NS, type XmlAttrList, type XmlElement, type XmlLimits } from '../xml/index.ts';
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

/** The document as text: declaration + root on one line, then "\n" (oci-p.md §2). */
export function renderOciDocument(doc: OciDocument, options: OciEncodeOptions = {}): Result<string> {
  return attempt(() => {
    const n = doc.commands.length;
    if (n < 1 || n > OCI_MAX_COMMANDS) {
      throw new CodecError('INVALID_FIELD', `an OCI document holds 1 to ${OCI_MAX_COMMANDS} commands, not ${n}`, { field: 'command', actual: n });
    }
    let body = xmlTextElement('sessionId', doc.sessionId, [['xmlns', '']]);
    if (doc.trackingId !== undefined) body += xmlTextElement('trackingId', doc.trackingId, [['xmlns', '']]);
    for (const cmd of doc.commands) body += encodeCommand(cmd, options);
    return xmlDeclaration(options.encoding ?? 'ISO-8859-1') + xmlElement('BroadsoftDocument', ROOT_ATTRS(doc.protocol ?? 'OCI'), body) + '\n';
  }, 'INVALID_FIELD');
}

export function encodeOciDocument(doc: OciDocument, options: OciEncodeOptions = {}): Result<Uint8Array> {
  const text = renderOciDocument(doc, options);
  return text.ok ? { ok: true, value: encodeDocument(text.value, options.encoding ?? 'ISO-8859-1') } : text;
}

/** The command's type name from xsi:type, by namespace URI; tolerant of an unprefixed SuccessResponse. */
export function ociCommandTypeName(command: XmlElement): string | undefined {
  const raw = attr(command, 'type', XSI_NS);
  if (raw === undefined) return undefined;
  const colon = raw.indexOf(':');
  return (colon === -1 ? raw : raw.slice(colon + 1)).trim();
}

/** Decodes one `command` element. Unknown xsi:type → UNKNOWN_TYPE. */
export function decodeOciCommand(command: XmlElement): Result<OciCommand> {
  return attempt(() => decodeCommandOrThrow(command, 0));
}

function decodeCommandOrThrow(command: XmlElement, index: number): OciCommand {
  const typeName = ociCommandTypeName(command);
  if (typeName === undefined) throw new CodecError('MISSING_FIELD', `command ${index + 1} has no xsi:type`, { field: 'xsi:type', position: index });
  const spec = COMMAND_SPECS.get(typeName);
  if (spec === undefined) throw new CodecError('UNKNOWN_TYPE', `unknown OCI command type at command ${index + 1}`, { type: typeName.slice(0, 64), position: index });
  const out: Record<string, unknown> = { type: spec.type };
  const echo = attr(command, 'echo');
  if (echo !== undefined) out['echo'] = echo;
  if (spec.form === 'errorResponse') {
    const t = attr(command, 'type') ?? 'Error';
    if (t !== 'Error' && t !== 'Warning' && t !== 'Info') throw new CodecError('INVALID_FIELD', 'ErrorResponse type is not Error, Warning or Info', { type: spec.type, field: 'type' });
    out['errorType'] = t satisfies OciErrorType;
  }
  Object.assign(out, decodeFields(spec.fields, command, spec.type));
  return out as unknown as OciCommand;
}

/** The envelope without decoding commands: lets the lab answer an unknown command by position. */
export interface OciEnvelope {
  readonly protocol: 'OCI' | 'NSOCI';
  readonly sessionId: string;
  readonly trackingId?: string;
  readonly commands: readonly XmlElement[];
}

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
  if (sessionId === undefined) throw new CodecError('MISSING_FIELD', 'OCI document without sessionId', { field: 'sessionId' });
  const commands = root.children.filter((c) => c.name === 'command');
  if (commands.length === 0) throw new CodecError('MISSING_FIELD', 'OCI document without a command', { field: 'command' });
  if (commands.length > OCI_MAX_COMMANDS) {
    throw new CodecError('INVALID_FIELD', `OCI document with more than ${OCI_MAX_COMMANDS} commands`, { field: 'command', actual: commands.length, limit: OCI_MAX_COMMANDS });
  }
  const trackingId = childText(root, 'trackingId');
  return trackingId === undefined ? { protocol, sessionId, commands } : { protocol, sessionId, trackingId, commands };
}

export function decodeOciElement(root: XmlElement): Result<OciDocument> {
  return attempt(() => {
    const env = envelopeOrThrow(root);
    const commands = env.commands.map((c, k) => decodeCommandOrThrow(c, k));
    const doc: { -readonly [K in keyof OciDocument]: OciDocument[K] } = { protocol: env.protocol, sessionId: env.sessionId, commands };
    if (env.trackingId !== undefined) doc.trackingId = env.trackingId;
    return doc;
  });
}

export function decodeOciText(text: string, limits?: Partial<XmlLimits>): Result<OciDocument> {
  const root = parseXml(text, limits);
  return root.ok ? decodeOciElement(root.value) : root;
}

/** Bytes of one complete document (from the splitter) → the document and its declared encoding. */
export function decodeOciDocument(bytes: Uint8Array, limits?: Partial<XmlLimits>): Result<DecodedOci> {
  const text = decodeDocument(bytes);
  if (!text.ok) return text;
  const doc = decodeOciText(text.value.text, limits);
  return doc.ok ? { ok: true, value: { document: doc.value, encoding: text.value.encoding } } : doc;
}
