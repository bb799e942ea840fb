// Typed codec errors (issue 3: every decoder error carries a stable `code`; messages name the
// problem and never echo secrets — at most element names, positions and limits).

export type CodecErrorCode =
  | 'MALFORMED_XML' // not well-formed XML (mismatched tags, bad syntax, text outside the root)
  | 'DOCTYPE_REFUSED' // a <!DOCTYPE ...> declaration (XML bombs, external entities)
  | 'ENTITY_REFUSED' // an entity declaration or a reference to an undefined entity
  | 'TOO_LARGE' // document or frame above the size limit
  | 'TOO_DEEP' // element nesting above the depth limit
  | 'TOO_MANY_ATTRIBUTES' // attributes on one element above the limit
  | 'TRUNCATED' // input ended inside a document
  | 'UNKNOWN_TYPE' // unknown xsi:type / commandType / message kind
  | 'MISSING_FIELD' // a required element or attribute is absent
  | 'INVALID_FIELD' // a field is present but its value is not acceptable
  | 'BAD_ENCODING' // bytes are not valid in the declared encoding
  | 'BAD_FRAME' // framing violated (stream cannot be split into documents/frames)
  | 'ENVELOPE_AUTH' // an authenticated envelope failed to open (wrong key, tampered)
  | 'UNKNOWN_KEY' // a Kakapo envelope names a key id the key ring does not hold (kakapo.md §1)
  | 'CLEARTEXT_REFUSED' // encoder refused to put a cleartext password on a non-TLS connection
  | 'UNSUPPORTED'; // a valid but unsupported construct (e.g. an encoding we do not speak)

/** Structured, secret-free context: element names, positions, limits. Never raw document text. */
export interface CodecErrorDetail {
  readonly element?: string;
  readonly field?: string;
  readonly type?: string;
  readonly position?: number;
  readonly limit?: number;
  readonly actual?: number;
}

/**
 * @example
 * throw new CodecError('MISSING_FIELD', 'required element <userId> is missing', { field: 'userId' });
 */
export class CodecError extends Error {
  readonly code: CodecErrorCode;
  readonly detail?: CodecErrorDetail;

  constructor(code: CodecErrorCode, message: string, detail?: CodecErrorDetail) {
    super(message);
    this.name = 'CodecError';
    this.code = code;
    if (detail !== undefined) this.detail = detail;
  }
}

/**
 * @example
 * if (isCodecError(error)) console.error(error.code, error.message);
 */
export function isCodecError(value: unknown): value is CodecError {
  return value instanceof CodecError;
}
