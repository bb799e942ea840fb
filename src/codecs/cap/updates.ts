// cap.md §6–§8: server-pushed callUpdate, sessionUpdate, profileUpdate (FACT, clients).
import { CodecError } from '../errors.ts';
import { attr, child, childrenNamed, childText, decodeFields, encodeFields, optionalField as opt, parseFieldInt, xmlElement, xmlTextElement, type FieldSpec, type XmlElement } from '../xml/index.ts';
import type { CapMessageCodec } from './codec.ts';
import { type CapCall, type CapCallUpdate, type CapConference, type CapProfileUpdate, type CapSessionUpdate, CAP_PROFILE_FIELDS } from './types.ts';
import { defined, monitoredXml, readMonitored, readRef, refAttrs, requiredText, userElement } from './user.ts';

const CALL_FIELDS: readonly FieldSpec[] = [
  opt('state', 'int'), opt('remoteNumber'), opt('remoteName'), opt('callCenterUserId'), opt('appearance'), opt('personality', 'int'),
  opt('callType'), opt('remoteCountryCode'), opt('localAltType'), opt('linePort'), opt('localNumber'), opt('redirectToNum'),
  opt('redirectToReason'), opt('redirectFromCountryCode'), opt('redirectFromNumber'), opt('redirectFromName'), opt('redirectFromReason'),
  opt('redirectFromCounter'), opt('releaseCause'),
];

export const callUpdate: CapMessageCodec<CapCallUpdate> = {
  encode(m) {
    const { callId, extTrackingId, ...rest } = m.call;
    const callAttrs: Array<[string, string]> = [['callId', callId]];
    if (extTrackingId !== undefined) callAttrs.push(['extTrackingId', extTrackingId]);
    return xmlElement('user', refAttrs(m), monitoredXml(m) + xmlElement('call', callAttrs, encodeFields(CALL_FIELDS, rest, 'callUpdate')));
  },
  decode(cd) {
    const t = 'callUpdate';
    const u = userElement(cd, t);
    const c = child(u, 'call');
    if (c === undefined) throw new CodecError('MISSING_FIELD', 'callUpdate lacks call', { type: t, field: 'call' });
    const callId = attr(c, 'callId');
    if (callId === undefined) throw new CodecError('MISSING_FIELD', 'callUpdate call lacks callId', { type: t, field: 'callId' });
    const call = { callId, ...defined({ extTrackingId: attr(c, 'extTrackingId') }), ...decodeFields(CALL_FIELDS, c, t) } as CapCall;
    return { type: t, ...readRef(u), ...readMonitored(u), call };
  },
};

function parseTrueFalse(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  throw new CodecError('INVALID_FIELD', 'sessionUpdate offHook is not True or False', { type: 'sessionUpdate', field: 'offHook' });
}

// The client that parses it spells the attribute `conterenceState`; the lab writes that spelling
// and the decoder accepts `conferenceState` too (cap.md §7, UNVERIFIED on the wire).
function decodeConference(el: XmlElement): CapConference {
  const state = attr(el, 'conterenceState') ?? attr(el, 'conferenceState');
  if (state === undefined) throw new CodecError('MISSING_FIELD', 'conference lacks conterenceState', { type: 'sessionUpdate', field: 'conterenceState' });
  const callIds = childrenNamed(el, 'callIn').map((c) => attr(c, 'callInId') ?? c.text);
  return defined({ state, callIds, appearance: childText(el, 'appearance') });
}

export const sessionUpdate: CapMessageCodec<CapSessionUpdate> = {
  encode(m) {
    let conf = '';
    if (m.conference !== undefined) {
      const body = m.conference.callIds.map((id) => xmlElement('callIn', [['callInId', id]])).join('') +
        (m.conference.appearance === undefined ? '' : xmlTextElement('appearance', m.conference.appearance));
      conf = xmlElement('conference', [['conterenceState', m.conference.state]], body);
    }
    return xmlElement('user', refAttrs(m), monitoredXml(m) + xmlTextElement('offHook', m.offHook ? 'True' : 'False') + xmlTextElement('numCalls', String(m.numCalls)) + conf);
  },
  decode(cd) {
    const t = 'sessionUpdate';
    const u = userElement(cd, t);
    const conf = child(u, 'conference');
    return {
      type: t, ...readRef(u), ...readMonitored(u),
      offHook: parseTrueFalse(requiredText(u, 'offHook', t)),
      numCalls: parseFieldInt(requiredText(u, 'numCalls', t), t, 'numCalls'),
      ...(conf === undefined ? {} : { conference: decodeConference(conf) }),
    };
  },
};

export const profileUpdate: CapMessageCodec<CapProfileUpdate> = {
  encode(m) {
    let body = monitoredXml(m);
    for (const f of CAP_PROFILE_FIELDS) {
      const v = m.profile[f];
      if (v !== undefined) body += xmlTextElement(f, v);
    }
    if (m.cfa !== undefined) body += xmlTextElement('cfa', m.cfa.value, m.cfa.destination === undefined ? null : [['cfaDestination', m.cfa.destination]]);
    return xmlElement('user', refAttrs(m), body);
  },
  decode(cd) {
    const t = 'profileUpdate';
    const u = userElement(cd, t);
    const profile: Partial<Record<(typeof CAP_PROFILE_FIELDS)[number], string>> = {};
    for (const f of CAP_PROFILE_FIELDS) {
      const v = childText(u, f);
      if (v !== undefined) profile[f] = v;
    }
    const cfa = child(u, 'cfa');
    return {
      type: t, ...readRef(u), ...readMonitored(u), profile,
      ...(cfa === undefined ? {} : { cfa: defined({ value: cfa.text, destination: attr(cfa, 'cfaDestination') }) }),
    };
  },
};
