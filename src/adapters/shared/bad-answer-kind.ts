// A codec's verdict on an answer, as the connection machine's named reason (contract.ts
// TransportFailureKind): one table for every protocol, so the same bad answer reads the same
// whichever link met it. UNEXPECTED_RESPONSE is the links' own code for a well-formed answer of the
// wrong kind.
import type { CodecErrorCode } from '../../codecs/errors.ts';
import type { TransportFailureKind } from '../../machines/connection/contract.ts';

export type BadAnswerKind = Extract<TransportFailureKind, 'garbled' | 'too-large' | 'doctype' | 'unexpected'>;

const BAD_ANSWER_KIND: Record<CodecErrorCode | 'UNEXPECTED_RESPONSE', BadAnswerKind> = {
  MALFORMED_XML: 'garbled',
  DOCTYPE_REFUSED: 'doctype',
  ENTITY_REFUSED: 'doctype', // entity declarations and undefined references: the DOCTYPE family
  TOO_LARGE: 'too-large',
  TOO_DEEP: 'too-large', // nesting over the depth limit: a limit of the reader, like size
  TOO_MANY_ATTRIBUTES: 'too-large',
  TRUNCATED: 'garbled',
  UNKNOWN_TYPE: 'unexpected',
  MISSING_FIELD: 'unexpected',
  INVALID_FIELD: 'unexpected',
  BAD_ENCODING: 'garbled',
  BAD_FRAME: 'garbled',
  ENVELOPE_AUTH: 'garbled', // a sealed envelope that does not open is not a readable answer
  UNKNOWN_KEY: 'garbled',
  CLEARTEXT_REFUSED: 'unexpected',
  UNSUPPORTED: 'unexpected',
  UNEXPECTED_RESPONSE: 'unexpected',
};

/** The named reason of an answer a codec refused (or a link found of the wrong kind). */
export function badAnswerKindOf(code: CodecErrorCode | 'UNEXPECTED_RESPONSE'): BadAnswerKind {
  return BAD_ANSWER_KIND[code];
}

/** The same, for a code a link reports as text (an unknown code reads as an unexpected answer). */
export function badAnswerKindOfCode(code: string): BadAnswerKind {
  return Object.hasOwn(BAD_ANSWER_KIND, code) ? BAD_ANSWER_KIND[code as keyof typeof BAD_ANSWER_KIND] : 'unexpected';
}
