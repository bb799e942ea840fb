// The XMPP client engine (protocols/xmpp.md; issue 5 "Drivers").
export { createXmppSession, DEFAULT_XMPP_TIMEOUTS } from './session.ts';
export type { XmppSession, XmppSessionOptions, XmppSessionPhase, XmppChatMessage, XmppTimeouts, UpgradeTls } from './session.ts';
export { XmppFailure } from './failure.ts';
export type { XmppFailureCode, XmppStreamEnd } from './failure.ts';
export type { SaslMechanism, XmppCredentials } from './sasl.ts';
export type { StreamFeatures } from './stream-features.ts';
export type { XmlElement } from './xml-element.ts';
export { scramSha1Start, ScramFailure } from './scram-sha1.ts';
export { createXmppDriver } from './xmpp-driver.ts';
export type { XmppDriver, XmppDriverOptions } from './xmpp-driver.ts';
export type { OutgoingChat } from './outbox.ts';
