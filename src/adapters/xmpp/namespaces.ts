// XML namespaces of the XMPP core (RFC 6120 §4.8, §5, §6, §7, §4.9) and XEP-0199.
export const NS_CLIENT = 'jabber:client';
export const NS_STREAM = 'http://etherx.jabber.org/streams';
export const NS_STREAM_ERRORS = 'urn:ietf:params:xml:ns:xmpp-streams';
export const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';
export const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
export const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
export const NS_SESSION = 'urn:ietf:params:xml:ns:xmpp-session';
export const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
export const NS_PING = 'urn:xmpp:ping';
export const NS_SM = 'urn:xmpp:sm:3';
/** XEP-0440: the SASL channel-binding types a server supports. */
export const NS_SASL_CB = 'urn:xmpp:sasl-cb:0';
