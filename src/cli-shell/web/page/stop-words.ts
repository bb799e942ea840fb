// A stopped start-up as the dashboard puts it at the top of the page: a title, what happened (the
// reason's first sentence, the failure's fact), and what to change (the rest of the reason: the
// firewall rule or portal setting), with the connection it concerns. A stop's reason is written as
// a fact and then its advice; this only splits it where the first sentence ends.
import { stopTitle } from '../../stop-titles.ts';
import { CONNECTION_LABELS } from './connection-words.ts';

export interface StopWords {
  /** `Start-up stopped: the CTI server cannot be reached`. */
  title: string;
  /** `ctiUnreachable · the CTI connection · at entry #5`. */
  where: string;
  /** The reason's first sentence; null when the reason is not known (a replay that did not reproduce it). */
  happened: string | null;
  /** The rest of the reason: what to change; null when the reason says nothing more. */
  advice: string | null;
}

/** Where the first sentence ends: a period before a capital or a quote (host names and figures have none). */
const SENTENCE_END = /\.\s+(?=[A-Z"])/;

/**
 * The reason split into its first sentence and the rest.
 *
 * @example
 * splitReason('The server at h:1 refused the connection. Allow outbound TCP port 1 to h.');
 * // { happened: 'The server at h:1 refused the connection.', advice: 'Allow outbound TCP port 1 to h.' }
 */
export function splitReason(reason: string): { happened: string; advice: string | null } {
  const text = reason.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  const end = capital.search(SENTENCE_END);
  if (end < 0) return { happened: capital, advice: null };
  return { happened: capital.slice(0, end + 1), advice: capital.slice(end + 1).trim() };
}

/**
 * The words of a stop, or null for the user's own close (nothing to change).
 *
 * @example
 * stopInWords({ seq: 5, code: 'ctiUnreachable', connection: 'cti', reason: 'The server at cti:8011 refused the connection. Allow outbound TCP port 8011 to cti.' });
 * // { title: 'Start-up stopped: the CTI server cannot be reached', where: 'ctiUnreachable · the CTI connection · at entry #5', happened: 'The server at cti:8011 refused the connection.', advice: 'Allow outbound TCP port 8011 to cti.' }
 */
export function stopInWords(stop: { seq: number; code: string; reason: string | null; connection?: string }): StopWords | null {
  if (stop.code === 'closed') return null;
  const label = stop.connection === undefined ? null : ((CONNECTION_LABELS as Record<string, string>)[stop.connection] ?? stop.connection);
  const where = [stop.code, ...(label === null ? [] : [`the ${label} connection`]), `at entry #${stop.seq}`].join(' · ');
  const split = stop.reason === null ? null : splitReason(stop.reason);
  return { title: `Start-up stopped: ${stopTitle(stop.code)}`, where, happened: split?.happened ?? null, advice: split?.advice ?? null };
}
