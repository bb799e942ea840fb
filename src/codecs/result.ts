// Result type for decoders: they return a Result and never throw (issue 3).
import { CodecError, type CodecErrorCode, type CodecErrorDetail } from './errors.ts';

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CodecError };

/**
 * @example
 * return ok(decoded);
 */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/**
 * @example
 * return fail(new CodecError('INVALID_FIELD', 'not a number'));
 */
export function fail<T = never>(error: CodecError): Result<T> {
  return { ok: false, error };
}

/**
 * @example
 * return err('MISSING_FIELD', 'required element <callId> is missing', { field: 'callId' });
 */
export function err<T = never>(code: CodecErrorCode, message: string, detail?: CodecErrorDetail): Result<T> {
  return { ok: false, error: new CodecError(code, message, detail) };
}

/**
 * Runs a throwing-style decoder body and turns any failure into a Result. A thrown CodecError is
 * kept; anything else (a bug, a stack overflow) becomes `fallbackCode` with a generic message —
 * the foreign message is dropped because it might quote input text.
 *
 * @example
 * const result = attempt(() => decodeUnchecked(root), 'INVALID_FIELD'); // a thrown CodecError becomes { ok: false }
 */
export function attempt<T>(body: () => T, fallbackCode: CodecErrorCode = 'MALFORMED_XML'): Result<T> {
  try {
    return { ok: true, value: body() };
  } catch (e) {
    if (e instanceof CodecError) return { ok: false, error: e };
    return { ok: false, error: new CodecError(fallbackCode, 'unexpected failure while decoding') };
  }
}

/**
 * Unwraps inside an `attempt` body: returns the value or throws the CodecError.
 *
 * @example
 * const root = orThrow(parseXml('<a/>')); // throws the CodecError of a failure
 */
export function orThrow<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw result.error;
}

/**
 * @example
 * const name = mapResult(parseXml('<a/>'), (el) => el.name); // { ok: true, value: 'a' }
 */
export function mapResult<T, U>(result: Result<T>, f: (value: T) => U): Result<U> {
  return result.ok ? { ok: true, value: f(result.value) } : result;
}
