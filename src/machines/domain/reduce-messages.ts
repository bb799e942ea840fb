// IM conversations and each message's delivery (kakapo.md §3.3: an outbox, exactly once; RFC 6121
// §5 for XMPP). An outbound message appears when the user's command is logged (queued) and settles
// once: delivered or rejected by the server, or failed when send() could not queue it. A repeated
// report, or a message received twice (a resend after a reconnect), changes nothing.
import type { Draft } from 'immer';
import type { DomainEvent, UserCommandEvent } from './contract.ts';
import { conversationKey, DOMAIN_LIMITS, type Conversation, type DomainState, type ImMessage, type ImService } from './domain-state.ts';

type MessageEvent = Extract<DomainEvent, { type: 'IM.RECEIVED' | 'IM.DELIVERED' | 'IM.REJECTED' | 'COMMAND.RESULT' }> | UserCommandEvent;

/** `Bob@Lab.test/desk` → `bob@lab.test`: one conversation per user, whatever the resource. */
export function barePeer(address: string): string {
  const slash = address.indexOf('/');
  return (slash === -1 ? address : address.slice(0, slash)).toLowerCase();
}

function conversation(draft: Draft<DomainState>, service: ImService, peer: string): Draft<Conversation> {
  const key = conversationKey(service, peer);
  const existing = draft.conversations[key];
  if (existing !== undefined) return existing;
  draft.conversations[key] = { service, peer, messages: [], lastAt: 0 };
  const keys = Object.keys(draft.conversations);
  if (keys.length > DOMAIN_LIMITS.conversations) {
    // The conversation quiet the longest goes first (never the one just opened).
    const oldest = keys.filter((k) => k !== key).reduce((a, b) => (draft.conversations[a]!.lastAt <= draft.conversations[b]!.lastAt ? a : b));
    delete draft.conversations[oldest];
  }
  return draft.conversations[key]!;
}

function append(conv: Draft<Conversation>, message: ImMessage): void {
  conv.messages.push(message as Draft<ImMessage>);
  if (conv.messages.length > DOMAIN_LIMITS.messagesPerConversation) conv.messages.splice(0, conv.messages.length - DOMAIN_LIMITS.messagesPerConversation);
  conv.lastAt = Math.max(conv.lastAt, message.at);
}

function outbound(draft: Draft<DomainState>, id: string, service?: ImService): Draft<ImMessage> | undefined {
  for (const conv of Object.values(draft.conversations)) {
    if (service !== undefined && conv.service !== service) continue;
    const found = conv.messages.find((m) => m.direction === 'out' && m.id === id);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Applies an IM event (or the user's sendIm command and its result) to the draft.
 *
 * @example
 * produce(state, (draft) => reduceMessages(draft, { type: 'IM.DELIVERED', service: 'imp', id: 'm1' }));
 */
export function reduceMessages(draft: Draft<DomainState>, event: MessageEvent): void {
  switch (event.type) {
    case 'IM.RECEIVED': {
      const conv = conversation(draft, event.service, barePeer(event.from));
      if (conv.messages.some((m) => m.direction === 'in' && m.id === event.id)) return;
      append(conv, { id: event.id, direction: 'in', body: event.body, at: event.at, delivery: 'received' });
      return;
    }
    case 'USER.COMMAND': {
      if (event.command !== 'sendIm' || event.messageId === undefined || event.to === undefined || event.body === undefined) return;
      const service = event.service ?? 'imp';
      // A message id names one message of a service (drawn per command): queued once.
      if (outbound(draft, event.messageId, service) !== undefined) return;
      append(conversation(draft, service, barePeer(event.to)), { id: event.messageId, direction: 'out', body: event.body, at: event.at, delivery: 'queued' });
      return;
    }
    case 'IM.DELIVERED':
    case 'IM.REJECTED': {
      const message = outbound(draft, event.id, event.service);
      // Settled once: a repeated or late report changes nothing.
      if (message === undefined || message.delivery !== 'queued') return;
      message.delivery = event.type === 'IM.DELIVERED' ? 'delivered' : 'rejected';
      if (event.type === 'IM.REJECTED') message.reason = event.reason;
      return;
    }
    case 'COMMAND.RESULT': {
      if (event.command !== 'sendIm' || event.ok || event.messageId === undefined) return;
      const message = outbound(draft, event.messageId, event.service ?? 'imp');
      if (message === undefined || message.delivery !== 'queued') return;
      message.delivery = 'failed';
      if (event.message !== undefined) message.reason = event.message;
      return;
    }
  }
}
