// Builders of the elements the client sends (RFC 6120 §5, §6, §7, §8; XEP-0199).
import { NS_BIND, NS_PING, NS_SASL, NS_SESSION, NS_STANZAS, NS_STREAM_ERRORS, NS_TLS } from './namespaces.ts';
import { serialize } from './xml-writer.ts';

export const startTlsRequest = (): string => serialize({ name: 'starttls', attrs: { xmlns: NS_TLS } });

export const saslAuth = (mechanism: string, initialResponseB64: string): string =>
  serialize({ name: 'auth', attrs: { xmlns: NS_SASL, mechanism }, children: [initialResponseB64 === '' ? '=' : initialResponseB64] });

export const saslResponse = (payloadB64: string): string =>
  serialize({ name: 'response', attrs: { xmlns: NS_SASL }, children: payloadB64 === '' ? [] : [payloadB64] });

export const bindRequest = (id: string, resource: string): string =>
  serialize({
    name: 'iq',
    attrs: { type: 'set', id },
    children: [{ name: 'bind', attrs: { xmlns: NS_BIND }, children: [{ name: 'resource', children: [resource] }] }],
  });

export const sessionRequest = (id: string, domain: string): string =>
  serialize({ name: 'iq', attrs: { type: 'set', id, to: domain }, children: [{ name: 'session', attrs: { xmlns: NS_SESSION } }] });

/** XEP-0199 §4.2: client-to-server ping. */
export const pingRequest = (id: string, domain: string): string =>
  serialize({ name: 'iq', attrs: { type: 'get', id, to: domain }, children: [{ name: 'ping', attrs: { xmlns: NS_PING } }] });

export const iqResult = (id: string, to: string | undefined): string => serialize({ name: 'iq', attrs: { type: 'result', id, to } });

/** RFC 6120 §8.2.3: an iq get/set we do not handle gets an error, never silence. */
export const iqError = (id: string, to: string | undefined, condition: string): string =>
  serialize({
    name: 'iq',
    attrs: { type: 'error', id, to },
    children: [{ name: 'error', attrs: { type: 'cancel' }, children: [{ name: condition, attrs: { xmlns: NS_STANZAS } }] }],
  });

export const initialPresence = (): string => serialize({ name: 'presence' });

export const chatMessage = (message: { id: string; to: string; body: string }): string =>
  serialize({
    name: 'message',
    attrs: { type: 'chat', id: message.id, to: message.to },
    children: [{ name: 'body', children: [message.body] }],
  });

/** RFC 6120 §4.9: a stream-level error sent before closing the stream. */
export const streamError = (condition: string): string =>
  `<stream:error>${serialize({ name: condition, attrs: { xmlns: NS_STREAM_ERRORS } })}</stream:error>`;
