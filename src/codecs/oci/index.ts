export * from './types.ts';
export { ociSignedPassword } from './signed-password.ts';
export { ociErrorCode } from './error-code.ts';
export { broadsoftProtocol } from './protocol-of.ts';
export {
  type OciEncodeOptions, type DecodedOci, type OciEnvelope, type OciSessionAlternative,
  renderOciDocument, encodeOciDocument, decodeOciCommand, decodeOciEnvelope, decodeOciElement, decodeOciText, decodeOciDocument, ociCommandTypeName,
} from './envelope.ts';
export { COMMAND_SPECS as OCI_COMMAND_SPECS, type CommandSpec as OciCommandSpec } from './commands.ts';
export { type OciTable, readOciTable, ociTableRecords, ociTableColumn, ociTableXml } from './table.ts';
