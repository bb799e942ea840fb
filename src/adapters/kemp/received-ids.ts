// Ids of messages already shown (kakapo.md §3.3: "receivers drop duplicates by id"). The runtime
// keeps one across links, so a message redelivered after a reconnect is acknowledged again but
// never shown twice. Bounded: the oldest ids are forgotten first.

export interface ReceivedIds {
  /** True when `id` was not seen before (and remembers it). */
  remember(id: string): boolean;
  has(id: string): boolean;
}

export function createReceivedIds(limit = 10_000): ReceivedIds {
  const seen = new Set<string>();
  return {
    remember(id) {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > limit) seen.delete(seen.values().next().value as string);
      return true;
    },
    has: (id) => seen.has(id),
  };
}
