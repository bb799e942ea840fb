// KEMP framing (kakapo.md §3.1): an HTTP-like UTF-8 header block with CRLF line ends, then
// Content-Length body bytes (ciphertext || tag). Header block ≤ 8 KiB, body ≤ 1 MiB; anything
// larger or malformed is a typed error (the server answers 400 and closes — the lab's job).
//
// PROJECT decisions (kakapo.md leaves them open):
// - Methods are exactly REGISTER, MESSAGE, PING, BYE (§3.2); any other method is UNKNOWN_TYPE.
// - The target is one token without whitespace or control characters, at most 1024 characters.
// - Seq and Content-Length are mandatory on every frame. Key-Id and Nonce are mandatory when the
//   body is non-empty and absent when it is empty (PING, most responses carry no body at all).
// - Header names match case-insensitively; unknown headers are ignored; a repeated known header
//   is malformed. The header order written is Seq, Key-Id, Nonce, Content-Length.
// - A response line may omit the reason (`KEMP/1.0 200`); the encoder always writes one.
import { base64Decode, base64Encode } from './base64.ts';
import { err, ok, type Result } from '../result.ts';

export const KEMP_VERSION = 'KEMP/1.0';
export const KEMP_METHODS = ['REGISTER', 'MESSAGE', 'PING', 'BYE'] as const;
export type KempMethod = (typeof KEMP_METHODS)[number];

export interface KempLimits {
  maxHeaderBytes: number; // the header block including its terminating blank line
  maxBodyBytes: number;
}
export const DEFAULT_KEMP_LIMITS: KempLimits = { maxHeaderBytes: 8 * 1024, maxBodyBytes: 1024 * 1024 };

interface KempCommon {
  seq: number;
  keyId?: string;
  nonce?: Uint8Array;
  body: Uint8Array; // ciphertext || tag, or empty
}
export interface KempRequest extends KempCommon {
  kind: 'request';
  method: KempMethod;
  target: string;
}
export interface KempResponse extends KempCommon {
  kind: 'response';
  status: number;
  reason: string;
}
export type KempFrame = KempRequest | KempResponse;

// Error codes (src/codecs/errors.ts): BAD_FRAME malformed; UNKNOWN_TYPE unknown method (detail.field
// 'method'); TOO_LARGE with detail.field 'header' or 'body' and the limit; TRUNCATED at end of stream.

const CRLF = '\r\n';
const TOKEN = /^[^\s\x00-\x1f\x7f]{1,1024}$/;
const KEY_ID = /^[\x21-\x7e]{1,256}$/;
const DIGITS = /^[0-9]{1,16}$/;
const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

// ---------------------------------------------------------------- encoding

/**
 * @example
 * const bytes = encodeKempFrame(frame); // a KEMP request or response: start line, headers, body
 */
export function encodeKempFrame(frame: KempFrame, limits: KempLimits = DEFAULT_KEMP_LIMITS): Result<Uint8Array> {
  let startLine: string;
  if (frame.kind === 'request') {
    if (!(KEMP_METHODS as readonly string[]).includes(frame.method))
      return err('UNKNOWN_TYPE', 'unknown KEMP method', { field: 'method' });
    if (!TOKEN.test(frame.target)) return err('BAD_FRAME', 'KEMP target must be one token without spaces');
    startLine = `${frame.method} ${frame.target} ${KEMP_VERSION}`;
  } else {
    if (!Number.isInteger(frame.status) || frame.status < 100 || frame.status > 599)
      return err('BAD_FRAME', 'KEMP status must be an integer 100..599');
    if (/[\r\n]/.test(frame.reason)) return err('BAD_FRAME', 'KEMP reason must be one line');
    startLine = `${KEMP_VERSION} ${frame.status} ${frame.reason}`;
  }
  if (!Number.isSafeInteger(frame.seq) || frame.seq < 0) return err('BAD_FRAME', 'Seq must be a non-negative integer');
  if (frame.body.length > limits.maxBodyBytes) return err('TOO_LARGE', `KEMP body over ${limits.maxBodyBytes} bytes`, { field: 'body', limit: limits.maxBodyBytes });
  const lines = [startLine, `Seq: ${frame.seq}`];
  if (frame.body.length > 0) {
    if (frame.keyId === undefined || frame.nonce === undefined)
      return err('BAD_FRAME', 'a KEMP frame with a body needs Key-Id and Nonce');
  }
  if (frame.keyId !== undefined) {
    if (!KEY_ID.test(frame.keyId)) return err('BAD_FRAME', 'Key-Id must be printable ASCII without spaces');
    lines.push(`Key-Id: ${frame.keyId}`);
  }
  if (frame.nonce !== undefined) lines.push(`Nonce: ${base64Encode(frame.nonce)}`);
  lines.push(`Content-Length: ${frame.body.length}`);
  const head = encoder.encode(lines.join(CRLF) + CRLF + CRLF);
  if (head.length > limits.maxHeaderBytes) return err('TOO_LARGE', `KEMP header block over ${limits.maxHeaderBytes} bytes`, { field: 'header', limit: limits.maxHeaderBytes });
  const out = new Uint8Array(head.length + frame.body.length);
  out.set(head, 0);
  out.set(frame.body, head.length);
  return ok(out);
}

// ---------------------------------------------------------------- parsing

export interface KempFrameParser {
  /** Feed the next chunk; returns the frames completed by it. After an error every call returns it. */
  push(chunk: Uint8Array): Result<KempFrame[]>;
  /** The stream ended: TRUNCATED when a frame was left incomplete. */
  end(): Result<void>;
}

type Head = Omit<KempRequest, 'body'> | Omit<KempResponse, 'body'>;

/**
 * @example
 * const parser = createKempFrameParser();
 * const frames = parser.push(chunk); // { ok: true, value: [each complete KEMP frame] }
 */
export function createKempFrameParser(limits: KempLimits = DEFAULT_KEMP_LIMITS): KempFrameParser {
  let buffer: Uint8Array = new Uint8Array(0);
  let scanFrom = 0; // where to resume looking for CRLFCRLF
  let head: (Head & { contentLength: number }) | null = null;
  let failed: Result<never> | null = null;

  const drain = (): Result<KempFrame[]> => {
    const frames: KempFrame[] = [];
    let offset = 0;
    for (;;) {
      if (head === null) {
        const end = findBlankLine(buffer, Math.max(offset, scanFrom));
        if (end < 0) {
          if (buffer.length - offset > limits.maxHeaderBytes)
            return err('TOO_LARGE', `KEMP header block over ${limits.maxHeaderBytes} bytes`, { field: 'header', limit: limits.maxHeaderBytes });
          scanFrom = Math.max(offset, buffer.length - 3);
          break;
        }
        const headerLength = end + 4 - offset;
        if (headerLength > limits.maxHeaderBytes)
          return err('TOO_LARGE', `KEMP header block over ${limits.maxHeaderBytes} bytes`, { field: 'header', limit: limits.maxHeaderBytes });
        const parsed = parseHead(buffer.subarray(offset, end), limits);
        if (!parsed.ok) return parsed;
        head = parsed.value;
        offset = end + 4;
        scanFrom = offset;
      }
      if (buffer.length - offset < head.contentLength) break;
      const { contentLength, ...rest } = head;
      frames.push({ ...rest, body: buffer.slice(offset, offset + contentLength) } as KempFrame);
      offset += contentLength;
      scanFrom = offset;
      head = null;
    }
    buffer = offset === 0 ? buffer : buffer.slice(offset);
    scanFrom = Math.max(0, scanFrom - offset);
    return ok(frames);
  };

  return {
    push(chunk) {
      if (failed) return failed;
      if (chunk.length === 0) return ok([]);
      const next = new Uint8Array(buffer.length + chunk.length);
      next.set(buffer, 0);
      next.set(chunk, buffer.length);
      buffer = next;
      const result = drain();
      if (!result.ok) {
        failed = result;
        buffer = new Uint8Array(0);
      }
      return result;
    },
    end() {
      if (failed) return failed;
      if (head !== null || buffer.length > 0) return err('TRUNCATED', 'KEMP stream ended inside a frame');
      return ok(undefined);
    },
  };
}

/** Index of the CR of the first CRLFCRLF at or after `from`, or -1. */
function findBlankLine(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 3 < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) return i;
  }
  return -1;
}

function parseHead(bytes: Uint8Array, limits: KempLimits): Result<Head & { contentLength: number }> {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return err('BAD_FRAME', 'KEMP header block is not UTF-8');
  }
  const lines = text.split(CRLF);
  if (lines.some((line) => /[\r\n\x00]/.test(line))) return err('BAD_FRAME', 'KEMP header lines must end with CRLF');
  const start = parseStartLine(lines[0] ?? '');
  if (!start.ok) return start;
  const fields = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return err('BAD_FRAME', 'KEMP header line without a name');
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[a-z0-9-]+$/.test(name)) return err('BAD_FRAME', 'KEMP header name is not a token');
    if (!['seq', 'key-id', 'nonce', 'content-length'].includes(name)) continue; // unknown: ignored
    if (fields.has(name)) return err('BAD_FRAME', `KEMP header ${name} repeated`);
    fields.set(name, line.slice(colon + 1).trim());
  }
  const seq = fields.get('seq');
  if (seq === undefined || !DIGITS.test(seq) || !Number.isSafeInteger(Number(seq)))
    return err('BAD_FRAME', 'KEMP Seq missing or not a number');
  const length = fields.get('content-length');
  if (length === undefined || !/^[0-9]+$/.test(length)) return err('BAD_FRAME', 'KEMP Content-Length missing or not a number');
  // Compare as a string length first so that a claimed 10^30 bytes never becomes a float.
  const contentLength = length.length > 16 ? Infinity : Number(length);
  if (contentLength > limits.maxBodyBytes) return err('TOO_LARGE', `KEMP body over ${limits.maxBodyBytes} bytes`, { field: 'body', limit: limits.maxBodyBytes });
  const keyId = fields.get('key-id');
  if (keyId !== undefined && !KEY_ID.test(keyId)) return err('BAD_FRAME', 'KEMP Key-Id is not printable ASCII');
  const nonceText = fields.get('nonce');
  let nonce: Uint8Array | undefined;
  if (nonceText !== undefined) {
    const decoded = base64Decode(nonceText);
    if (decoded === null) return err('BAD_FRAME', 'KEMP Nonce is not base64');
    nonce = decoded;
  }
  if (contentLength > 0 && (keyId === undefined || nonce === undefined))
    return err('BAD_FRAME', 'a KEMP frame with a body needs Key-Id and Nonce');
  const common = { seq: Number(seq), contentLength, ...(keyId !== undefined ? { keyId } : {}), ...(nonce ? { nonce } : {}) };
  return ok({ ...start.value, ...common } as Head & { contentLength: number });
}

type StartLine = { kind: 'request'; method: KempMethod; target: string } | { kind: 'response'; status: number; reason: string };

function parseStartLine(line: string): Result<StartLine> {
  if (line.startsWith(KEMP_VERSION + ' ')) {
    const match = /^KEMP\/1\.0 ([1-5][0-9]{2})(?: (.*))?$/.exec(line);
    if (!match) return err('BAD_FRAME', 'KEMP status line malformed');
    return ok({ kind: 'response', status: Number(match[1]), reason: match[2] ?? '' });
  }
  const parts = line.split(' ');
  if (parts.length !== 3 || parts[2] !== KEMP_VERSION) return err('BAD_FRAME', 'KEMP request line malformed');
  const [method, target] = parts as [string, string, string];
  if (!(KEMP_METHODS as readonly string[]).includes(method)) return err('UNKNOWN_TYPE', 'unknown KEMP method', { field: 'method' });
  if (!TOKEN.test(target)) return err('BAD_FRAME', 'KEMP target malformed');
  return ok({ kind: 'request', method: method as KempMethod, target });
}
