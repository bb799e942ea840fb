export { base64Encode, base64Decode } from './base64.ts';
export { createEnvelopeCipher, DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY_RING, NONCE_BYTES, TAG_BYTES, KEY_BYTES } from './cipher.ts';
export type { KeyRing, SealInput, OpenInput, EnvelopeCipher } from './cipher.ts';
export * from './types.ts';
export { KAKAPO_NS, encodeKakapoDocument, decodeKakapoDocument } from './documents.ts';
export type { KakapoDocuments, KakapoDocumentName } from './documents.ts';
export {
  SOAP_ENV_NS,
  KAKAPO_SOAP_PATH,
  KAKAPO_SOAP_CONTENT_TYPE,
  soapAction,
  parseSoapAction,
  encodeSoapBody,
  decodeSoapBody,
  encodeKakapoRequest,
  decodeKakapoRequest,
  encodeKakapoResponse,
  decodeKakapoResponse,
} from './soap.ts';
export type { EncryptedDocument, SoapFault, SoapBody, KakapoExchange, KakapoReply, SealParams } from './soap.ts';
export { KEMP_VERSION, KEMP_METHODS, DEFAULT_KEMP_LIMITS, encodeKempFrame, createKempFrameParser } from './kemp-frame.ts';
export type { KempMethod, KempLimits, KempRequest, KempResponse, KempFrame, KempFrameParser } from './kemp-frame.ts';
export { DEFAULT_KEMP_BODY_LIMITS, encodeKempBody, decodeKempBody, sealKempBody, openKempBody } from './kemp-body.ts';
export type { KempRegister, KempRegistered, KempMessage, KempBye, KempBody, KempBodyType, KempSealed } from './kemp-body.ts';
