// A state value as one line of text: `online.quiet`, `messaging(imp.connecting,xmpp.skipped)`.
/**
 * @example
 * stateString({ messaging: { imp: 'connecting', xmpp: 'skipped' } }); // '(imp.connecting,xmpp.skipped)' under messaging
 */
export function stateString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, sub] = entries[0]!;
    return `${key}.${stateString(sub)}`;
  }
  return `(${entries.map(([key, sub]) => `${key}.${stateString(sub)}`).join(',')})`;
}
