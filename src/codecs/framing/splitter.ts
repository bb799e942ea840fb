// Push-based splitter: arbitrary byte chunks in, complete XML documents (bytes) out.
// OCI-P and CAP end at `</BroadsoftDocument>` (oci-p.md §2, cap.md §1); CTI documents end at the
// close of the depth-0 element (cti-xsi.md §2.5, PROJECT). Works on bytes, so a multi-byte
// character split across chunks is harmless; every byte is examined once (positions are kept,
// never re-scanned from the document start).
import { CodecError } from '../errors.ts';
import { ok, type Result } from '../result.ts';
import { ByteWindow } from './byte-buffer.ts';

export type SplitterMode = { readonly mode: 'endTag'; readonly endTag: string } | { readonly mode: 'depth0' };

export interface SplitterLimits {
  /** Largest document accepted; a partial document beyond it fails early with TOO_LARGE. */
  readonly maxDocumentBytes: number;
  /** depth0 mode: deepest element nesting tracked before TOO_DEEP. */
  readonly maxDepth: number;
  /**
   * Bytes outside any document other than whitespace (and, in depth0 mode, comments) that are
   * skipped before the stream fails with BAD_FRAME. Default: unlimited (junk is dropped); a client
   * sets 0, so a peer that is no server of the protocol is named at once instead of awaited.
   */
  readonly maxJunkBytes: number;
}

export const DEFAULT_SPLITTER_LIMITS: SplitterLimits = Object.freeze({
  maxDocumentBytes: 32 * 1024 * 1024,
  maxDepth: 64,
  maxJunkBytes: Number.POSITIVE_INFINITY,
});

export interface DocumentSplitter {
  /** Feeds bytes; returns the documents completed by them. After an error the splitter stays failed. */
  push(chunk: Uint8Array): Result<Uint8Array[]>;
  /** End of stream: TRUNCATED if a document was started and not finished. Resets the splitter. */
  end(): Result<Uint8Array[]>;
  /** Bytes currently held (partial document or undecided lead-in). */
  readonly buffered: number;
}

const SLICE = 64 * 1024;
const LT = 0x3c;
const GT = 0x3e;

const enum S {
  Outside, // skipping whitespace/junk before a document
  OutComment, // a comment outside any document (depth0)
  Text, // inside a document, between markup
  Lt, // just after '<' (needs the next byte)
  EndTag,
  StartTag,
  Pi,
  Bang,
  Comment,
  Cdata,
  Decl,
}

function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

function isWs(b: number): boolean {
  return b === 32 || b === 10 || b === 13 || b === 9;
}

function isNameStart(b: number): boolean {
  return (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95 || b === 58 || b >= 0x80;
}

function matchesAt(buf: Uint8Array, at: number, end: number, pattern: Uint8Array): 'yes' | 'no' | 'more' {
  for (let k = 0; k < pattern.length; k++) {
    if (at + k >= end) return 'more';
    if (buf[at + k] !== pattern[k]) return 'no';
  }
  return 'yes';
}

const XML_DECL = ascii('<?xml');
const COMMENT_OPEN = ascii('<!--');

/**
 * @example
 * const splitter = createDocumentSplitter({ mode: 'endTag', endTag: '</BroadsoftDocument>' });
 * const docs = splitter.push(chunk); // { ok: true, value: [bytes of each finished document] }
 */
export function createDocumentSplitter(mode: SplitterMode, limits?: Partial<SplitterLimits>): DocumentSplitter {
  const lim: SplitterLimits = { ...DEFAULT_SPLITTER_LIMITS, ...limits };
  const w = new ByteWindow();
  let failed: CodecError | null = null;
  let state = S.Outside;
  let scan = 0; // absolute index of the next byte to examine
  let docStart = -1; // absolute index where the current document began
  let tokenStart = 0; // where the current markup token began (for lookbehind bounds)
  let depth = 0;
  let quote = 0;
  let lastNonWs = 0;
  let declDepth = 0;
  let junk = 0; // non-whitespace bytes seen outside documents

  const endTagMode = mode.mode === 'endTag';
  const endTag = endTagMode ? ascii(mode.endTag.replace(/>\s*$/, '')) : new Uint8Array(0); // `</Root` without '>'
  const rootOpen = endTagMode ? ascii('<' + mode.endTag.replace(/^<\//, '').replace(/>\s*$/, '')) : new Uint8Array(0);

  function finishDocument(endExclusive: number, out: Uint8Array[]): void {
    const size = endExclusive - docStart;
    if (size > lim.maxDocumentBytes) throw tooLarge(size);
    out.push(w.buf.slice(docStart, endExclusive));
    docStart = -1;
    state = S.Outside;
    depth = 0;
    scan = endExclusive;
    w.start = endExclusive;
  }

  function tooLarge(size: number): CodecError {
    return new CodecError('TOO_LARGE', `document exceeds ${lim.maxDocumentBytes} bytes`, { limit: lim.maxDocumentBytes, actual: size });
  }

  /** Counts the junk in [from, to) against maxJunkBytes. */
  function skipJunk(buf: Uint8Array, from: number, to: number): void {
    if (lim.maxJunkBytes === Number.POSITIVE_INFINITY) return;
    for (let i = from; i < to; i++) if (!isWs(buf[i] as number)) junk++;
    if (junk > lim.maxJunkBytes) {
      throw new CodecError('BAD_FRAME', `${junk} bytes that belong to no XML document arrived`, { limit: lim.maxJunkBytes, actual: junk });
    }
  }

  /** Outside a document: find where the next one starts. Returns false when more bytes are needed. */
  function findStart(): boolean {
    const buf = w.buf;
    const end = w.end;
    for (;;) {
      const p = buf.indexOf(LT, scan);
      skipJunk(buf, scan, p === -1 || p >= end ? end : p);
      if (p === -1 || p >= end) {
        scan = end;
        w.start = end; // junk and whitespace before a document are dropped
        return false;
      }
      w.start = p;
      scan = p;
      const decl = matchesAt(buf, p, end, XML_DECL);
      if (decl === 'more') return false;
      let start = decl === 'yes';
      if (!start && endTagMode) {
        const root = matchesAt(buf, p, end, rootOpen);
        if (root === 'more') return false;
        if (root === 'yes') {
          const after = p + rootOpen.length;
          if (after >= end) return false;
          const b = buf[after] as number;
          start = isWs(b) || b === GT || b === 0x2f;
        }
      } else if (!start) {
        const com = matchesAt(buf, p, end, COMMENT_OPEN);
        if (com === 'more') return false;
        if (com === 'yes') {
          state = S.OutComment;
          tokenStart = p;
          scan = p + 4;
          return true;
        }
        if (p + 1 >= end) return false;
        const b = buf[p + 1] as number;
        // A leading <!DOCTYPE starts the document too, so the parser sees it and refuses it.
        start = isNameStart(b) || b === 0x21;
      }
      if (start) {
        docStart = p;
        state = S.Text;
        depth = 0;
        scan = p;
        return true;
      }
      skipJunk(buf, p, p + 1); // a '<' that opens no document
      scan = p + 1;
    }
  }

  /** endTag mode, inside a document: look for `</Root` ws* `>`. */
  function scanEndTag(out: Uint8Array[]): boolean {
    const buf = w.buf;
    const end = w.end;
    for (;;) {
      const p = buf.indexOf(LT, scan);
      if (p === -1 || p >= end) {
        scan = end;
        return false;
      }
      const m = matchesAt(buf, p, end, endTag);
      if (m === 'more') {
        scan = p;
        return false;
      }
      if (m === 'yes') {
        let q = p + endTag.length;
        while (q < end && isWs(buf[q] as number)) q++;
        if (q >= end) {
          scan = p;
          return false;
        }
        if (buf[q] === GT) {
          finishDocument(q + 1, out);
          return true;
        }
      }
      scan = p + 1;
    }
  }

  /** depth0 mode, inside a document: a small markup state machine with lookbehind inside the window. */
  function scanDepth0(out: Uint8Array[]): boolean {
    const buf = w.buf;
    const end = w.end;
    while (scan < end) {
      switch (state) {
        case S.Text: {
          const p = buf.indexOf(LT, scan);
          if (p === -1 || p >= end) {
            scan = end;
            return false;
          }
          tokenStart = p;
          state = S.Lt;
          scan = p + 1;
          break;
        }
        case S.Lt: {
          const b = buf[scan] as number;
          if (b === 0x2f) state = S.EndTag;
          else if (b === 0x3f) state = S.Pi;
          else if (b === 0x21) state = S.Bang;
          else {
            state = S.StartTag;
            quote = 0;
            lastNonWs = b;
          }
          scan++;
          break;
        }
        case S.Bang: {
          // tokenStart + 2 is the byte after "<!": "--" comment, "[" CDATA, else a declaration.
          if (scan < tokenStart + 3) {
            scan++;
            break;
          }
          const b1 = buf[tokenStart + 2];
          const b2 = buf[tokenStart + 3];
          if (b1 === 0x2d && b2 === 0x2d) state = S.Comment;
          else if (b1 === 0x5b) state = S.Cdata;
          else {
            state = S.Decl;
            declDepth = 0;
            scan = tokenStart + 2;
          }
          break;
        }
        case S.Comment:
        case S.Cdata:
        case S.Pi: {
          const p = buf.indexOf(GT, scan);
          if (p === -1 || p >= end) {
            scan = end;
            return false;
          }
          scan = p + 1;
          if (state === S.Pi) {
            if (p - 1 >= tokenStart + 2 && buf[p - 1] === 0x3f) state = S.Text;
          } else {
            // The closing "--" / "]]" must not overlap the opener "<!--" / "<![CDATA[".
            const min = state === S.Comment ? tokenStart + 4 : tokenStart + 9;
            const c = state === S.Comment ? 0x2d : 0x5d;
            if (p - 2 >= min && buf[p - 1] === c && buf[p - 2] === c) state = S.Text;
          }
          break;
        }
        case S.Decl: {
          const b = buf[scan] as number;
          scan++;
          if (b === 0x5b) declDepth++;
          else if (b === 0x5d) declDepth--;
          else if (b === GT && declDepth <= 0) state = S.Text;
          break;
        }
        case S.EndTag: {
          const p = buf.indexOf(GT, scan);
          if (p === -1 || p >= end) {
            scan = end;
            return false;
          }
          scan = p + 1;
          state = S.Text;
          depth--;
          if (depth < 0) throw new CodecError('BAD_FRAME', 'end tag without a start tag in the stream', { position: p });
          if (depth === 0) {
            finishDocument(p + 1, out);
            return true;
          }
          break;
        }
        case S.StartTag: {
          for (; scan < end; scan++) {
            const b = buf[scan] as number;
            if (quote !== 0) {
              if (b === quote) quote = 0;
            } else if (b === 0x22 || b === 0x27) {
              quote = b;
              lastNonWs = b;
            } else if (b === GT) {
              break;
            } else if (!isWs(b)) {
              lastNonWs = b;
            }
          }
          if (scan >= end) return false;
          const closeAt = scan;
          scan++;
          state = S.Text;
          if (lastNonWs === 0x2f) {
            if (depth === 0) {
              finishDocument(closeAt + 1, out);
              return true;
            }
          } else {
            depth++;
            if (depth > lim.maxDepth) {
              throw new CodecError('TOO_DEEP', `nesting deeper than ${lim.maxDepth}`, { limit: lim.maxDepth });
            }
          }
          break;
        }
        case S.OutComment: {
          const p = buf.indexOf(GT, scan);
          if (p === -1 || p >= end) {
            scan = end;
            w.start = Math.max(w.start, end - 2); // junk is dropped; keep only what "-->" could still need
            return false;
          }
          scan = p + 1;
          if (p - 2 >= tokenStart + 4 && buf[p - 1] === 0x2d && buf[p - 2] === 0x2d) {
            state = S.Outside;
            w.start = p + 1;
            return true;
          }
          break;
        }
        default:
          return true;
      }
    }
    return false;
  }

  function run(out: Uint8Array[]): void {
    for (;;) {
      if (state === S.Outside) {
        if (!findStart()) return;
        continue;
      }
      const progressed = endTagMode ? scanEndTag(out) : scanDepth0(out);
      if (!progressed) break;
    }
    if (docStart !== -1 && w.end - docStart > lim.maxDocumentBytes) throw tooLarge(w.end - docStart);
  }

  function append(bytes: Uint8Array): void {
    const shift = w.append(bytes);
    if (shift !== 0) {
      scan -= shift;
      tokenStart -= shift;
      if (docStart !== -1) docStart -= shift;
    }
  }

  function reset(): void {
    w.clear();
    state = S.Outside;
    scan = 0;
    docStart = -1;
    tokenStart = 0;
    depth = 0;
  }

  return {
    push(chunk: Uint8Array): Result<Uint8Array[]> {
      if (failed !== null) return { ok: false, error: failed };
      const out: Uint8Array[] = [];
      try {
        for (let off = 0; off < chunk.length; off += SLICE) {
          append(chunk.subarray(off, Math.min(chunk.length, off + SLICE)));
          run(out);
        }
      } catch (e) {
        failed = e instanceof CodecError ? e : new CodecError('BAD_FRAME', 'unexpected failure while framing');
        w.clear();
        return { ok: false, error: failed };
      }
      return ok(out);
    },
    end(): Result<Uint8Array[]> {
      if (failed !== null) return { ok: false, error: failed };
      const partial = docStart !== -1;
      const held = partial ? w.end - docStart : 0;
      reset();
      if (partial) return { ok: false, error: new CodecError('TRUNCATED', `stream ended inside a document (${held} bytes)`, { actual: held }) };
      return ok([]);
    },
    get buffered(): number {
      return w.end - w.start;
    },
  };
}
