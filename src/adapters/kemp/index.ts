// Kakapo IM&P driver (kakapo.md §3) and the outbox shared with XMPP.
export { createKempLink } from './kemp-link.ts';
export type { KempLink, KempLinkOptions, KempLinkEvent, KempRegisterRequest, KempRegistration, KempOutgoing, KempInboundMessage, KempFlushReport, RandomBytes } from './kemp-link.ts';
export type { KempFailure } from './kemp-failure.ts';
export { emptyOutbox, enqueue, settle, isQueued } from './outbox.ts';
export type { Outbox, OutboxEntry } from './outbox.ts';
export { createReceivedIds } from './received-ids.ts';
export type { ReceivedIds } from './received-ids.ts';
