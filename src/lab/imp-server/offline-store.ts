// Per-recipient message store of the IM&P server (kakapo.md §3.3): a MESSAGE is acknowledged only
// after it is stored here; it leaves the store only when the recipient acknowledged delivery, so a
// drop mid-delivery means redelivery after the next REGISTER (at-least-once). Ids already accepted
// for a recipient are remembered, so a sender's resend is stored once (nothing shown twice).
import type { KempMessage as MessageBody } from '../../codecs/kakapo/kemp-body.ts';

export class OfflineStore {
  private readonly pending = new Map<string, Map<string, MessageBody>>();
  private readonly seen = new Map<string, Set<string>>();

  constructor(private readonly rememberIds = 10_000) {}

  /** Stores the message; false when this id was already accepted for the recipient. */
  store(message: MessageBody): boolean {
    const to = message.to.toLowerCase();
    let seen = this.seen.get(to);
    if (!seen) this.seen.set(to, (seen = new Set()));
    if (seen.has(message.id)) return false;
    seen.add(message.id);
    if (seen.size > this.rememberIds) seen.delete(seen.values().next().value as string);
    let queue = this.pending.get(to);
    if (!queue) this.pending.set(to, (queue = new Map()));
    queue.set(message.id, message);
    return true;
  }

  /** Messages awaiting delivery to `loginId`, oldest first. */
  pendingFor(loginId: string): MessageBody[] {
    return [...(this.pending.get(loginId.toLowerCase())?.values() ?? [])];
  }

  delivered(loginId: string, messageId: string): void {
    this.pending.get(loginId.toLowerCase())?.delete(messageId);
  }
}
