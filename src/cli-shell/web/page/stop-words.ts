// A stopped start-up as the dashboard puts it at the top of the page: a title, what happened (the
// reason's first sentence, the failure's fact, with why start-up stops when it says), and what to
// change (the rest of the reason: the firewall rule or portal setting), with the connection it
// concerns. A stop's reason is written as a fact and then its advice; this only splits it there.
import { stopTitle } from '../../stop-titles.ts';
import { CONNECTION_LABELS } from './connection-words.ts';

export interface StopWords {
  /** `Start-up stopped: the CTI server cannot be reached`. */
  title: string;
  /** `stop code ctiUnreachable · the CTI connection · at entry #5`. */
  where: string;
  /** The reason's first sentence; null when the reason is not known (a replay that did not reproduce it). */
  happened: string | null;
  /** The rest of the reason: what to change; null when the reason says nothing more. */
  advice: string | null;
}

/** Where a sentence ends: a period before a capital or a quote (host names and figures have none). */
const SENTENCE_END = /\.\s+(?=[A-Z"])/g;
/** A sentence that says why start-up stopped belongs with what happened, not with what to change. */
const WHY_IT_STOPS = /^Start-up stop/;

/**
 * The reason split into what happened (its first sentence, and why start-up stops when it says) and
 * the rest, what to change.
 *
 * @example
 * splitReason('The server at h:1 refused the connection. Allow outbound TCP port 1 to h.');
 * // { happened: 'The server at h:1 refused the connection.', advice: 'Allow outbound TCP port 1 to h.' }
 */
export function splitReason(reason: string): { happened: string; advice: string | null } {
  const text = reason.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  const ends = [...capital.matchAll(SENTENCE_END)].map((m) => m.index + 1);
  let cut = ends[0];
  for (let i = 0; cut !== undefined && WHY_IT_STOPS.test(capital.slice(cut).trim()); i++) cut = ends[i + 1];
  if (cut === undefined) return { happened: capital, advice: null };
  return { happened: capital.slice(0, cut), advice: capital.slice(cut).trim() };
}

/**
 * The words of a stop, or null for the user's own close (nothing to change).
 *
 * @example
 * stopInWords({ seq: 5, code: 'ctiUnreachable', connection: 'cti', reason: 'The server at cti:8011 refused the connection. Allow outbound TCP port 8011 to cti.' });
 * // { title: 'Start-up stopped: the CTI server cannot be reached', where: 'stop code ctiUnreachable · the CTI connection · at entry #5', happened: 'The server at cti:8011 refused the connection.', advice: 'Allow outbound TCP port 8011 to cti.' }
 */
export function stopInWords(stop: { seq: number; code: string; reason: string | null; connection?: string }): StopWords | null {
  if (stop.code === 'closed') return null;
  const label = stop.connection === undefined ? null : ((CONNECTION_LABELS as Record<string, string>)[stop.connection] ?? stop.connection);
  const where = [`stop code ${stop.code}`, ...(label === null ? [] : [`the ${label} connection`]), `at entry #${stop.seq}`].join(' · ');
  const split = stop.reason === null ? null : splitReason(stop.reason);
  return { title: `Start-up stopped: ${stopTitle(stop.code)}`, where, happened: split?.happened ?? null, advice: split?.advice ?? null };
}
