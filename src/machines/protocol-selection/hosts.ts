/** A host setting counts as set when it has non-blank text; surrounding spaces are dropped. */
export function presentHost(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
