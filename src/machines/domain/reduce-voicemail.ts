// Voicemail (seed §1.1: an ad hoc XSI task): the MWI counts (XSI MessageSummary, or the CTI
// VoiceMailMessageSummaryEvent) and the message list as last fetched; a message marked read by the
// user's command is read from the moment the server said so.
import type { Draft } from 'immer';
import type { DomainEvent } from './contract.ts';
import { DOMAIN_LIMITS, type DomainState, type VoicemailMessage } from './domain-state.ts';

type VoicemailEvent = Extract<DomainEvent, { type: 'VOICEMAIL.SUMMARY' | 'VOICEMAIL.LISTED' | 'COMMAND.RESULT' }>;

const count = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

/**
 * Applies a voicemail event (or a markRead result) to the draft.
 *
 * @example
 * produce(state, (draft) => reduceVoicemail(draft, { type: 'VOICEMAIL.SUMMARY', newMessages: 2, oldMessages: 1, newUrgentMessages: 0, oldUrgentMessages: 0 }));
 */
export function reduceVoicemail(draft: Draft<DomainState>, event: VoicemailEvent): void {
  switch (event.type) {
    case 'VOICEMAIL.SUMMARY':
      draft.voicemail.summary = {
        newMessages: count(event.newMessages),
        oldMessages: count(event.oldMessages),
        newUrgentMessages: count(event.newUrgentMessages),
        oldUrgentMessages: count(event.oldUrgentMessages),
      };
      return;
    case 'VOICEMAIL.LISTED':
      draft.voicemail.messages = event.messages.slice(0, DOMAIN_LIMITS.voicemailMessages) as Draft<VoicemailMessage>[];
      return;
    case 'COMMAND.RESULT': {
      if (event.command !== 'markRead' || !event.ok || event.messageId === undefined) return;
      const message = draft.voicemail.messages?.find((m) => m.id === event.messageId);
      if (message !== undefined) message.read = true;
      return;
    }
  }
}
