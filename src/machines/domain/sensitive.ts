// A number or a message text as the event log keeps it (DESIGN.md "A log can be handed to anyone";
// issue 11: by default no IM text and no dialled or remote numbers in the log). The client turns
// every such string into a Sensitive before it enters an event: the text itself only when the
// session was told to record content (a local log), else a keyed digest and the length. The key
// never enters the log, so the digest of a short number cannot be searched for, yet the same text
// gives the same digest throughout one session — enough for the reducers, which only compare.

/** The text itself (content recorded), or its keyed digest and length (the default). */
export type Sensitive = { readonly text: string } | { readonly digest: string; readonly length: number };

/**
 * What a UI shows for a Sensitive: the text when it is known, else a placeholder naming the length.
 *
 * @example
 * sensitiveText(call.remote.number); // 'tel:+15551234567' live, '(hidden, 16 characters)' in a shared log
 */
export function sensitiveText(value: Sensitive | undefined, hidden = (length: number) => `(hidden, ${length} characters)`): string {
  if (value === undefined) return '';
  return 'text' in value ? value.text : hidden(value.length);
}

/**
 * The stable identity of a Sensitive (its digest, or the text when recorded), for comparisons.
 *
 * @example
 * sensitiveKey({ digest: '3fa9…', length: 4 }) === sensitiveKey(other); // the same number?
 */
export function sensitiveKey(value: Sensitive): string {
  return 'text' in value ? `t:${value.text}` : `d:${value.digest}`;
}
