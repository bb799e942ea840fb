// The human-readable <text/> a server puts in a stream error or a SASL failure (RFC 6120 §4.9.2,
// §6.5), made safe to show: control characters removed, white space collapsed, length bounded, so a
// hostile server cannot flood a message or a terminal.

/** Longest server text shown; longer text is cut with an ellipsis. */
export const MAX_SERVER_TEXT = 300;

/**
 * The text as it may be shown, or undefined when there is none worth showing.
 *
 * @example
 * cleanServerText('  Kicked\nby the admin\u0007 '); // 'Kicked by the admin'
 */
export function cleanServerText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (clean === '') return undefined;
  const chars = Array.from(clean); // by code point, so no surrogate pair is cut in half
  return chars.length > MAX_SERVER_TEXT ? `${chars.slice(0, MAX_SERVER_TEXT - 1).join('')}…` : clean;
}

/**
 * `base`, then what the server said (when it said something), as one message.
 *
 * @example
 * withServerText('the server ended the session', 'Kicked'); // 'the server ended the session. The server said: "Kicked"'
 */
export function withServerText(base: string, text: string | undefined): string {
  const clean = cleanServerText(text);
  return clean === undefined ? base : `${base}. The server said: "${clean}"`;
}
