export * from './types.ts';
export {
  CAP_VERSION, CAP_MESSAGE_TYPES, CAP_UNUSED_MESSAGE_TYPES, capCommandType, type CapEncodeOptions, type DecodedCap,
  renderCapMessage, encodeCapMessage, decodeCapElement, decodeCapText, decodeCapDocument,
} from './document.ts';
