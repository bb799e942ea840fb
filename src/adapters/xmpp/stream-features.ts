// <stream:features> (RFC 6120 §4.3.2): what the server offers at this point of the negotiation.
import { NS_BIND, NS_SASL, NS_SASL_CB, NS_SESSION, NS_SM, NS_TLS } from './namespaces.ts';
import { childElements, findChild, textOf, type XmlElement } from './xml-element.ts';

export interface StreamFeatures {
  /** STARTTLS offered (RFC 6120 §5.4.1); `required` when the server insists. */
  starttls: { required: boolean } | null;
  /** SASL mechanisms offered, in the server's order. */
  mechanisms: string[];
  /** XEP-0440: the channel-binding types the server supports, or null when it does not say. */
  channelBindings: string[] | null;
  /** Resource binding offered (RFC 6120 §7.2). */
  bind: boolean;
  /** RFC 3921 session establishment, mandatory unless marked optional (RFC 6121 Appendix E). */
  session: 'required' | 'optional' | null;
  /** XEP-0198 stream management (acks) offered. */
  sm: boolean;
}

export function parseStreamFeatures(features: XmlElement): StreamFeatures {
  const starttls = findChild(features, 'starttls', NS_TLS);
  const mechanisms = findChild(features, 'mechanisms', NS_SASL);
  const session = findChild(features, 'session', NS_SESSION);
  const bindings = findChild(features, 'sasl-channel-binding', NS_SASL_CB);
  return {
    starttls: starttls === undefined ? null : { required: findChild(starttls, 'required') !== undefined },
    mechanisms:
      mechanisms === undefined
        ? []
        : childElements(mechanisms)
            .filter((m) => m.name === 'mechanism')
            .map((m) => textOf(m).trim()),
    channelBindings:
      bindings === undefined
        ? null
        : childElements(bindings)
            .filter((b) => b.name === 'channel-binding' && b.ns === NS_SASL_CB && b.attrs.type !== undefined)
            .map((b) => b.attrs.type as string),
    bind: findChild(features, 'bind', NS_BIND) !== undefined,
    session: session === undefined ? null : findChild(session, 'optional') !== undefined ? 'optional' : 'required',
    sm: findChild(features, 'sm', NS_SM) !== undefined,
  };
}
