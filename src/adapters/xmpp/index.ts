// The XMPP client engine (protocols/xmpp.md; issue 5 "Drivers").
export { createXmppSession, DEFAULT_XMPP_TIMEOUTS } from './session.ts';
export type { XmppSession, XmppSessionOptions, XmppSessionPhase, XmppChatMessage, XmppTimeouts, UpgradeTls } from './session.ts';
export { XmppFailure } from './failure.ts';
export type { XmppFailureCode, XmppStreamEnd } from './failure.ts';
export type { SaslMechanism, SaslOutcome, XmppCredentials } from './sasl.ts';
export type { StreamFeatures } from './stream-features.ts';
export type { XmlElement } from './xml-element.ts';
export { scramStart, scramSha1Start, ScramFailure, MAX_SCRAM_ITERATIONS } from './scram.ts';
export type { ScramHash, ScramChannelBinding, ScramStartOptions, ScramClientFirst, ScramClientFinal } from './scram.ts';
export { chooseSaslMechanism } from './sasl-mechanism-choice.ts';
export type { SaslChoice, SaslChoiceInput, ScramMechanism } from './sasl-mechanism-choice.ts';
export { describeStreamError, STREAM_ERROR_CONDITIONS } from './stream-errors.ts';
export type { StreamErrorFacts, StreamErrorMeaning } from './stream-errors.ts';
export { createXmppDriver } from './xmpp-driver.ts';
export type { XmppDriver, XmppDriverOptions } from './xmpp-driver.ts';
export type { OutgoingChat } from './outbox.ts';
