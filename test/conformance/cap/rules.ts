// CAP shape rules. CAP has no public schema: these restate the forms the public client
// implementations send and parse (shared/protocols/cap.md §1–§11, "FACT (clients)"), in the shared
// notation. Where cap.md marks a shape UNVERIFIED or lab-defined (monitoringUsersResponse,
// serverStatusResponse, where <failure> sits), the rule states the lab's documented choice.
//
// CAP names its message by the `commandType` attribute, not by xsi:type, so there is one small
// schema per message: the envelope is the same, `commandType` is fixed and `commandData` has that
// message's content. `capRules.check(xml)` picks the schema by the document's commandType.
import { attr, complex, defineSchema, el, many, opt, schemaSet, seq, t, type Particle, type SchemaSet, type ShapeFinding } from '../shape/index.ts';
import { parseTree } from '../shape/index.ts';

const SOURCE = 'CAP forms of the public clients (cap.md; no public schema)';

const userType = t.enumeration('userType', ['CallClient', 'AttendantConsole']);
const text = t.string();
const tok = t.token();

/** The `<user>` attributes after registration: userType, userUid, id (cap.md §3 "the inconsistency"). */
const refAttributes = { userType: attr(userType), userUid: attr(tok), id: attr(tok) };
const monitored: Particle[] = [opt('monitoredUserUid', tok), opt('monitoredUserId', tok)];

// cap.md §6: call children in the order the clients list them.
const callChildren: Particle[] = [
  opt('state', t.int({ name: 'call state 0..5', minInclusive: 0, maxInclusive: 5 })), opt('remoteNumber', text), opt('remoteName', text),
  opt('callCenterUserId', text), opt('appearance', text), opt('personality', t.int()), opt('callType', text), opt('remoteCountryCode', text),
  opt('localAltType', text), opt('linePort', text), opt('localNumber', text), opt('redirectToNum', text), opt('redirectToReason', text),
  opt('redirectFromCountryCode', text), opt('redirectFromNumber', text), opt('redirectFromName', text), opt('redirectFromReason', text),
  opt('redirectFromCounter', text), opt('releaseCause', text),
];

// cap.md §8: profileUpdate fields (each optional, the clients' order), then cfa.
const PROFILE_FIELDS = [
  'firstName', 'lastName', 'phone', 'extension', 'locationCode', 'countryCode', 'nationalPrefix', 'mobile', 'pager', 'email', 'department', 'title',
  'voiceMessaging', 'voiceMessagingGroup', 'thirdPartyVoiceMessaging', 'thirdPartyVMGroup', 'dnd', 'cpe', 'acdState',
];

const monitoring = (monTypeUse: 'required' | 'optional', min: number) =>
  complex({ attributes: { monType: attr(t.enumeration('monType', ['Add', 'Delete']), monTypeUse) }, content: seq(many('monUser', tok, min)) });

/** commandData content of each message (cap.md §3–§10). */
const COMMAND_DATA: Record<string, Particle[]> = {
  registerAuthentication: [el('user', complex({ attributes: { userType: attr(userType, 'required') }, content: seq(el('id', tok), el('applicationId', text)) }))],
  responseAuthentication: [
    el('user', complex({ attributes: { userType: attr(userType) }, content: seq(el('id', tok), el('applicationId', text)) })),
    el('nonce', text),
    el('algorithm', t.enumeration('algorithm', ['MD5'])),
  ],
  registerRequest: [el('user', complex({ attributes: { userType: attr(userType, 'required') }, content: seq(el('id', tok), el('securePassword', text), el('applicationId', text)) }))],
  // success: userUid; failure: <failure failureCause> (its place among the children is the lab's choice: last).
  registerResponse: [
    el('user', complex({
      attributes: { userType: attr(userType), userUid: attr(tok) },
      content: seq(opt('id', tok), opt('applicationId', text), opt('failure', complex({ attributes: { failureCause: attr(text) } }))),
    })),
  ],
  acknowledgement: [
    el('user', complex({
      attributes: { userType: attr(userType, 'required'), id: attr(tok, 'required'), userUid: attr(tok) },
      content: seq(el('message', complex({ attributes: { messageName: attr(tok, 'required') } })), el('applicationId', text)),
    })),
  ],
  unRegister: [el('user', complex({ attributes: { ...refAttributes, userLogoutReason: attr(tok) }, content: seq(opt('applicationId', text)) }))],
  callAction: [
    el('user', complex({
      attributes: refAttributes,
      content: seq(
        el('action', complex({
          attributes: { actionType: attr(t.enumeration('actionType', ['Dial', 'Redial', 'Answer', 'Release', 'Hold', 'Xfer', 'XferConsult', 'ConfStart']), 'required') },
          content: seq(many('actionParam', complex({ simpleContent: text, attributes: { actionParamName: attr(t.enumeration('actionParamName', ['Number', 'CallId']), 'required') } }))),
        })),
        el('applicationId', text),
      ),
    })),
  ],
  callUpdate: [
    el('user', complex({
      attributes: refAttributes,
      content: seq(...monitored, el('call', complex({ attributes: { callId: attr(tok, 'required'), extTrackingId: attr(tok) }, content: seq(...callChildren) }))),
    })),
  ],
  sessionUpdate: [
    el('user', complex({
      attributes: refAttributes,
      content: seq(
        ...monitored,
        el('offHook', t.enumeration('offHook', ['True', 'False'])),
        el('numCalls', t.nonNegativeInteger()),
        opt('conference', complex({
          attributes: { conterenceState: attr(t.enumeration('conterenceState', ['Active', 'Held', 'Released'])) },
          content: seq(many('callIn', complex({ attributes: { callInId: attr(tok) } })), opt('appearance', text)),
        })),
      ),
    })),
  ],
  profileUpdate: [
    el('user', complex({
      attributes: refAttributes,
      content: seq(...monitored, ...PROFILE_FIELDS.map((f) => opt(f, text)), opt('cfa', complex({ simpleContent: text, attributes: { cfaDestination: attr(text) } }))),
    })),
  ],
  monitoringUsersRequest: [el('user', complex({ attributes: refAttributes, content: seq(el('monitoring', monitoring('required', 1)), el('applicationId', text)) }))],
  // lab-defined (cap.md §9: content UNVERIFIED): the accepted list in the request's shape.
  monitoringUsersResponse: [el('user', complex({ attributes: refAttributes, content: seq(el('monitoring', monitoring('optional', 0))) }))],
  serverStatusRequest: [el('user', complex({ attributes: refAttributes, content: seq(el('applicationId', text)) }))],
  // lab-defined (cap.md §10: no known reply).
  serverStatusResponse: [el('user', complex({ attributes: refAttributes, content: seq(opt('applicationId', text)) }))],
};

export const CAP_RULE_MESSAGE_TYPES: readonly string[] = Object.keys(COMMAND_DATA);

const SETS = new Map<string, SchemaSet>(
  Object.entries(COMMAND_DATA).map(([type, content]) => [
    type,
    schemaSet(defineSchema({
      key: 'cap',
      source: `${SOURCE}: ${type}`,
      namespace: null,
      elementForm: 'unqualified',
      elements: { BroadsoftDocument: { type: 'Document' } },
      types: {
        Document: complex({
          attributes: { protocol: attr(t.fixed('CAP'), 'required'), version: attr(t.token({ pattern: /^\d+\.\d+$/ }), 'required') },
          content: seq(el('command', complex({ attributes: { commandType: attr(t.fixed(type), 'required') }, content: seq(el('commandData', complex({ content: seq(...content) }))) }))),
        }),
      },
    })),
  ]),
);

/** Checks a CAP document against the rule of the message its commandType names. */
export const capRules = {
  check(xml: string): ShapeFinding[] {
    let type: string | undefined;
    try {
      const root = parseTree(xml);
      type = root.children.find((c) => c.local === 'command')?.attributes.find((a) => a.local === 'commandType' && a.ns === null)?.value;
    } catch (e) {
      return [{ path: '/', message: `not well-formed XML: ${(e as Error).message}` }];
    }
    const set = type === undefined ? undefined : SETS.get(type);
    if (set === undefined) return [{ path: '/BroadsoftDocument/command', message: `no CAP rule for commandType ${JSON.stringify(type)}` }];
    return set.check(xml);
  },
};
