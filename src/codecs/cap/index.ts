export * from './types.ts';
export {
  CAP_VERSION, CAP_MESSAGE_TYPES, type CapEncodeOptions, type DecodedCap,
  renderCapMessage, encodeCapMessage, decodeCapElement, decodeCapText, decodeCapDocument,
} from './document.ts';
