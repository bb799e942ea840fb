// Shape rules for CTI over the XSP XML interface, restated by reading the public schemas
// (spr-plusnet/libcti src/main/xsd/): XSPXMLSchema/XspXMLInterface.xsd (namespace
// http://schema.broadsoft.com/XspXMLInterface, elementFormDefault unqualified) and the CTI request
// elements unity-connect sends or its lab reads, from CTISchema/Events/CTIChannel.xsd,
// Events/CTISubscription.xsd, CallSession/CTICallSession.xsd, Agent/CTIAgent.xsd, ACD/CTIACD.xsd
// (namespace http://schema.broadsoft.com/CTI, unqualified). XSI bodies inside payloads are the
// XSI rules' (../xsi/xsi-rules.ts). Written from the schema files, never from our encoders.
import { any, anyType, attr, choice, complex, defineSchema, el, extend, opt, ref, restrict, schemaSet, seq, t, type Particle, type TypeDef } from '../shape/index.ts';
import { xsiSchema } from '../xsi/xsi-rules.ts';

export const XSP_NAMESPACE = 'http://schema.broadsoft.com/XspXMLInterface';
export const CTI_NAMESPACE = 'http://schema.broadsoft.com/CTI';

const RequestId = t.token({ name: 'RequestId' });
const SessionId = t.token({ name: 'SessionId' });
const version = (byDefault: string) => ({ version: attr(t.token({ name: `version (default ${byDefault})` })) });

/** XspXMLInterface.xsd. */
export const xspSchema = defineSchema({
  key: 'xsp',
  source: 'XspXMLInterface.xsd (libcti)',
  namespace: XSP_NAMESPACE,
  elementForm: 'unqualified',
  elements: {
    request: { type: 'Request' },
    response: { type: 'Response' },
    event: { type: 'Event' },
    eventResponse: { type: 'EventResponse' },
    keepalive: { type: complex({ content: seq(el('requestId', RequestId), el('period', t.int())), attributes: version('17.0') }) },
    keepaliveResponse: { type: complex({ content: seq(el('requestId', RequestId)), attributes: version('17.0') }) },
    payload: { type: 'Payload' },
    emptyPayload: { type: 'EmptyPayload', substitutionGroup: 'payload' },
    emptyRequestPayload: {
      type: restrict('RequestPayload', {
        content: seq(el('uri', t.anyURI()), el('method', t.token(), { fixed: 'GET' }), el('version', t.token()), el('params', anyType), el('payload', 'EmptyPayload')),
      }),
      substitutionGroup: 'payload',
    },
  },
  types: {
    Request: complex({
      content: seq(
        el('requestId', RequestId),
        el('sessionId', SessionId),
        choice(el('credentials', t.base64()), el('ssoCredentials', t.base64()), el('authorization', t.string())),
        ref('payload'),
      ),
      attributes: version('18.0'),
    }),
    Response: complex({
      content: seq(el('requestId', RequestId), el('sessionId', SessionId), el('statusCode', t.int()), el('reason', t.token()), ref('payload')),
      attributes: version('17.0'),
    }),
    Event: complex({ content: seq(el('requestId', RequestId), ref('payload')), attributes: version('17.0') }),
    EventResponse: complex({ content: seq(el('requestId', RequestId), ref('payload')), attributes: version('17.0') }),
    /** Zero or one element of another namespace, checked against its own schema (strict). */
    Payload: complex({ content: any('##other', 'strict', { min: 0, max: 1 }) }),
    EmptyPayload: restrict('Payload'),
    RequestPayload: extend('Payload', {
      content: seq(el('uri', t.anyURI()), el('method', t.token()), el('version', t.token()), el('params', anyType), el('payload', 'Payload')),
    }),
  },
});

// ---------------------------------------------------------------- CTI request elements

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** A `payload` holding exactly the XSI element `xsiElement`. */
const payloadOf = (xsiElement: string): TypeDef => restrict('xsp:Payload', { content: seq(ref(`xsi:${xsiElement}`)) });

/**
 * One CTI request element: a restriction of xsp:RequestPayload to uri, method (fixed), version,
 * params (the given sequence, or anything when the schema leaves params untyped) and payload.
 */
function request(method: Method, params: Particle[] | 'untyped', payload: 'empty' | string): { type: TypeDef; substitutionGroup: string } {
  return {
    substitutionGroup: 'xsp:payload',
    type: restrict('xsp:RequestPayload', {
      content: seq(
        el('uri', t.anyURI()),
        el('method', t.token(), { fixed: method }),
        el('version', t.token()),
        el('params', params === 'untyped' ? anyType : complex({ content: seq(...params) })),
        el('payload', payload === 'empty' ? 'xsp:EmptyPayload' : payloadOf(payload)),
      ),
    }),
  };
}

const subscriberid = el('subscriberid', 'xsi:SubscriberId');
const callidToken = el('callid', 'xsi:CallId');
const callidString = el('callid', t.string());

/** CTISchema: the request elements unity-connect uses. */
export const ctiSchema = defineSchema({
  key: 'cti',
  source: 'CTISchema (libcti)',
  namespace: CTI_NAMESPACE,
  elementForm: 'unqualified',
  elements: {
    // Events/CTIChannel.xsd
    AddChannelRequest: request('POST', 'untyped', 'Channel'),
    UpdateChannelRequest: request('PUT', [el('channelId', 'xsi:ChannelId')], 'Channel'),
    DeleteChannelRequest: request('DELETE', [el('channelId', 'xsi:ChannelId')], 'empty'),
    // Events/CTISubscription.xsd
    AddUserSubscriptionRequest: request('POST', [el('userId', t.string())], 'Subscription'),
    UpdateSubscriptionRequest: request('PUT', [el('subscriptionId', t.string())], 'Subscription'),
    DeleteSubscriptionRequest: request('DELETE', [el('subscriptionId', t.string())], 'empty'),
    // CallSession/CTICallSession.xsd
    DialRequest: request(
      'POST',
      [
        subscriberid,
        el('address', 'xsi:Address'),
        opt('clid', 'xsi:NonEmptyToken'),
        opt('location', t.enumeration('ClickToDialLocationEnum', ['Primary', 'BroadWorksAnywhere', 'SharedCallAppearance', 'Mobility', 'FlexibleSeatingGuest', 'All'])),
        opt('locationAddress', 'xsi:NonEmptyToken'),
        opt('info', t.string()),
        opt('conferenceId', t.string()),
        opt('pin', t.string()),
      ],
      'empty',
    ),
    TalkRequest: request('PUT', [subscriberid, callidToken], 'empty'),
    HoldRequest: request('PUT', [subscriberid, callidToken], 'empty'),
    ReleaseRequest: request('DELETE', [subscriberid, callidToken, opt('decline', t.boolean())], 'empty'),
    BlindTransferRequest: request('PUT', [subscriberid, callidString, el('address', 'xsi:Address')], 'empty'),
    ConsultativeTransferRequest: request('PUT', [subscriberid, el('callid1', 'xsi:CallId'), el('callid2', 'xsi:CallId')], 'empty'),
    RetrieveCallIdInfoListRequest: request('GET', [subscriberid], 'empty'),
    /** The schema names this one `callId` (and makes it optional), unlike its siblings' `callid`. */
    RecordRequest: request('PUT', [subscriberid, opt('callId', 'xsi:CallId')], 'empty'),
    PauseRecordingRequest: request('PUT', [subscriberid, callidString], 'empty'),
    ResumeRecordingRequest: request('PUT', [subscriberid, callidString], 'empty'),
    StopRecordingRequest: request('PUT', [subscriberid, callidString], 'empty'),
    // Agent/CTIAgent.xsd
    GetAgentStateRequest: request('GET', [subscriberid], 'empty'),
    SetAgentStateRequest: request('PUT', [subscriberid], 'CallCenter'),
    // ACD/CTIACD.xsd
    GetACDRequest: request('GET', [el('callcenterid', 'xsi:SubscriberId')], 'empty'),
  },
});

/** The schema set a CTI document is checked against: XSP envelope, CTI elements, XSI bodies. */
export const ctiSchemaSet = schemaSet(xspSchema, ctiSchema, xsiSchema);
