// How a stop's reason quotes the failure that caused it. The effects' messages are sentences that
// state a fact and then advise ("The server at h:p refused the connection: nothing accepts
// connections on that port. Check the port …"); a driver's are fragments ("the CTI server answered
// the login with 503: Service Unavailable"). A reason keeps the fact and gives its own advice, so
// nothing is said twice and no parenthesis opens inside another.

/**
 * The fact a failure message states: its first sentence without the final period, or the whole
 * fragment.
 *
 * @example
 * factOf('The server at h:1 refused the connection. Check the port.'); // 'The server at h:1 refused the connection'
 * factOf('503 Service Unavailable'); // '503 Service Unavailable'
 */
export function factOf(message: string): string {
  const text = message.trim();
  // A sentence ends at a period followed by a capital: host names (`cti.lab.test`) and figures (`2.5 s`) do not.
  const end = text.search(/\.\s+(?=[A-Z"])/);
  const first = end < 0 ? text : text.slice(0, end);
  return first.replace(/\.$/, '');
}

/**
 * One sentence saying what happened at `where`: the failure's own fact when it names the place
 * (effects name host and port), else `where what: detail`, with the detail in parentheses only when
 * it holds none of its own.
 *
 * @example
 * happened('the CTI server at cti:8011', 'refused the connection', 'The server at cti:8011 refused the connection. Check …', 'cti:8011');
 * // 'The server at cti:8011 refused the connection.'
 * happened('the CTI server at cti:8011', 'answered with a server error', '503 Service Unavailable', 'cti:8011');
 * // 'The CTI server at cti:8011 answered with a server error (503 Service Unavailable).'
 */
export function happened(where: string, what: string, message: string, place: string): string {
  const fact = factOf(message);
  if (fact === '') return `${capitalize(where)} ${what}.`;
  if (fact.includes(place)) return `${capitalize(fact)}.`;
  return /[()]/.test(fact) ? `${capitalize(where)} ${what}: ${fact}.` : `${capitalize(where)} ${what} (${fact}).`;
}

/** `text` with its first letter in capitals. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
