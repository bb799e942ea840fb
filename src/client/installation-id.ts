// This installation's own id (issue 10: two desktops of one user both stay online): the protocols
// that allow several sessions per user get identifiers of their own from it — the CTI channel set and
// application id (XSI schema, ExternalApplicationId: "must also include information that is unique
// to each instance"), the XMPP resource (RFC 6120 §7.1) — and it is kept across restarts in a small
// state file, `installation.json` in the directory the configuration names. It enters the event log
// as data of the start-up input; machines never draw it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const INSTALLATION_FILE = 'installation.json';

/** An id we write ourselves: letters, digits, '-' (a UUID); anything else in the file is not ours. */
const ID = /^[A-Za-z0-9-]{8,64}$/;

export interface Installation {
  id: string;
  /** Why the id could not be kept (the directory is not writable, …): the session runs regardless. */
  error: string | null;
}

/**
 * Reads the id from `directory`/installation.json, or makes one with `fresh()` and stores it there.
 * Without a directory every client gets a fresh id (coexisting, but not kept across restarts).
 *
 * @example
 * const installation = loadInstallation('/home/ann/.local/state/unity-connect', randomUUID);
 * installation.id; // the same on every start from this directory
 */
export function loadInstallation(directory: string | undefined, fresh: () => string): Installation {
  if (directory === undefined) return { id: fresh(), error: null };
  const file = join(directory, INSTALLATION_FILE);
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown };
    if (typeof stored.id === 'string' && ID.test(stored.id)) return { id: stored.id, error: null };
  } catch {
    // absent or unreadable: a new id below
  }
  const id = fresh();
  try {
    mkdirSync(directory, { recursive: true });
    // Written whole, then renamed: a crash never leaves half a file behind.
    writeFileSync(`${file}.tmp`, `${JSON.stringify({ version: 1, id })}\n`, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    return { id, error: null };
  } catch (error) {
    return { id, error: `the installation id cannot be kept in ${directory} (${(error as NodeJS.ErrnoException).code ?? 'error'}); this session uses a new one` };
  }
}
