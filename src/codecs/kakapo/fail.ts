// TEMPORARY until codecs A lands src/codecs/errors.ts; then this re-exports from there.
export class CodecError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CodecError';
    this.code = code;
  }
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: CodecError };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, message: string): Result<T> => ({ ok: false, error: new CodecError(code, message) });
