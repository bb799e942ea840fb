// XSI-Actions voicemail answers (cti-xsi.md §4.3: VoiceMessagingMessages, MessageSummary) as domain
// events: the caller's name and number concealed like every remote party.
import type { DomainEvent } from '../../machines/domain/contract.ts';
import type { VoicemailMessage } from '../../machines/domain/domain-state.ts';
import type { MessageCounts, VoiceMessage } from '../xsi/xsi-client.ts';
import type { Conceal } from './conceal.ts';
import { remotePartyOfXsi } from './xsi-domain-events.ts';

/**
 * The fetched voicemail list as a VOICEMAIL.LISTED event.
 *
 * @example
 * voicemailListed(await xsi.voicemail(), conceal); // { type: 'VOICEMAIL.LISTED', messages: [...] }
 */
export function voicemailListed(messages: readonly VoiceMessage[], conceal: Conceal): DomainEvent {
  return {
    type: 'VOICEMAIL.LISTED',
    messages: messages.map(
      (m): VoicemailMessage => ({
        id: m.id,
        from: m.callingPartyInfo === undefined ? {} : remotePartyOfXsi(m.callingPartyInfo, conceal),
        at: m.time,
        ...(m.duration !== undefined ? { durationMs: m.duration } : {}),
        read: m.read,
        urgent: m.urgent,
        confidential: m.confidential,
        video: m.video,
        fax: m.fax,
      }),
    ),
  };
}

/**
 * The MWI counts as a VOICEMAIL.SUMMARY event.
 *
 * @example
 * voicemailSummary({ newMessages: 2, oldMessages: 0, newUrgentMessages: 0, oldUrgentMessages: 0 });
 */
export function voicemailSummary(counts: MessageCounts): DomainEvent {
  return { type: 'VOICEMAIL.SUMMARY', ...counts };
}
