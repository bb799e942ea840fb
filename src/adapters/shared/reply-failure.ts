// Which named failure a reply the client cannot use is (issue 10: "each stop code matches its
// cause"): one table from the codecs' error codes to the connection machine's TransportFailureKind,
// shared by every link, so a size-limit reply is never read as a TLS problem nor garbage as bad
// credentials.
import type { CodecErrorCode } from '../../codecs/errors.ts';
import type { TransportFailureKind } from '../../machines/connection/contract.ts';

/** A codec error, or a link's own finding that a readable answer does not fit the request. */
export type ReplyErrorCode = CodecErrorCode | 'UNEXPECTED_RESPONSE';

const REPLY_KIND: Record<ReplyErrorCode, TransportFailureKind> = {
  // Limits (issue 3): size, nesting and attribute count.
  TOO_LARGE: 'too-large',
  TOO_DEEP: 'too-large',
  TOO_MANY_ATTRIBUTES: 'too-large',
  // XML 1.0 §2.8: a document type declaration, which no BroadWorks or Kakapo reply carries.
  DOCTYPE_REFUSED: 'doctype',
  ENTITY_REFUSED: 'doctype',
  // Well-formed, but not what the request is answered with.
  UNEXPECTED_RESPONSE: 'unexpected',
  UNKNOWN_TYPE: 'unexpected',
  // Everything else the reader cannot take apart.
  MALFORMED_XML: 'garbled',
  TRUNCATED: 'garbled',
  MISSING_FIELD: 'garbled',
  INVALID_FIELD: 'garbled',
  BAD_ENCODING: 'garbled',
  BAD_FRAME: 'garbled',
  ENVELOPE_AUTH: 'garbled',
  UNKNOWN_KEY: 'garbled',
  UNSUPPORTED: 'garbled',
  CLEARTEXT_REFUSED: 'garbled',
};

export function replyFailureKind(code: ReplyErrorCode): TransportFailureKind {
  return REPLY_KIND[code];
}

/** How a person reads the kind, for messages: "a reply over the size limit", … */
export function replyProblem(code: ReplyErrorCode): string {
  switch (REPLY_KIND[code]) {
    case 'too-large':
      return code === 'TOO_LARGE' ? 'a reply over the size limit' : 'a reply beyond the nesting or attribute limits';
    case 'doctype':
      return 'a reply with a DOCTYPE declaration';
    case 'unexpected':
      return 'a reply of the wrong kind';
    default:
      return 'a reply that cannot be read';
  }
}
