// Which state nodes a log entry's state string makes active (shared by the server and the page).
// The grammar is src/machines/log/state-string.ts: `online.quiet`, `messaging.(imp.connecting,xmpp.skipped)`,
// with a `stopped:` / `done:` / `error:` prefix when the actor is no longer active.

export interface ActiveStates {
  /** `active`, `done`, `stopped`, `error`. */
  status: string;
  /** Relative state paths, every ancestor included: `messaging`, `messaging.imp`, `messaging.imp.connecting`. */
  paths: string[];
}

const STATUS = /^(done|stopped|error):/;

export function activeStates(text: string): ActiveStates {
  const match = STATUS.exec(text);
  const status = match?.[1] ?? 'active';
  const body = match ? text.slice(match[0].length) : text;
  const paths: string[] = [];
  parse(body, 0, '', paths);
  return { status, paths };
}

/** Parses one `key(.rest)?` starting at `at`, under `prefix`; returns the index after it. */
function parse(text: string, at: number, prefix: string, out: string[]): number {
  let i = at;
  if (text[i] === '(') {
    i++;
    for (;;) {
      i = parse(text, i, prefix, out);
      if (text[i] === ',') i++;
      else break;
    }
    return text[i] === ')' ? i + 1 : i;
  }
  let key = '';
  while (i < text.length && !'.(),'.includes(text[i]!)) key += text[i++];
  if (key === '') return i;
  const path = prefix === '' ? key : `${prefix}.${key}`;
  out.push(path);
  if (text[i] === '.') return parse(text, i + 1, path, out);
  return i;
}
