// cap.md §5 callAction (FACT, clients): <action actionType> with <actionParam actionParamName> children.
import { CodecError } from '../errors.ts';
import { attr, child, childrenNamed, xmlElement, xmlTextElement, type XmlElement } from '../xml/index.ts';
import type { CapMessageCodec } from './codec.ts';
import type { CapAction, CapCallAction } from './types.ts';
import { readRef, refAttrs, requiredText, userElement } from './user.ts';

function params(action: CapAction): Array<[string, string]> {
  switch (action.actionType) {
    case 'Dial':
      return [['Number', action.number]];
    case 'Redial':
      return [];
    case 'Answer':
    case 'Release':
    case 'Hold':
      return [['CallId', action.callId]];
    case 'Xfer':
      return [['CallId', action.callId], ['Number', action.number]];
    case 'XferConsult':
      return [['CallId', action.callId], ['CallId', action.targetCallId]];
    case 'ConfStart':
      return action.callIds.map((id) => ['CallId', id]);
  }
}

function decodeAction(el: XmlElement): CapAction {
  const t = 'callAction';
  const actionType = attr(el, 'actionType');
  if (actionType === undefined) throw new CodecError('MISSING_FIELD', 'callAction lacks actionType', { type: t, field: 'actionType' });
  const ps = childrenNamed(el, 'actionParam');
  const all = (name: string) => ps.filter((p) => attr(p, 'actionParamName') === name).map((p) => p.text);
  const one = (name: string, index = 0): string => {
    const v = all(name)[index];
    if (v === undefined) throw new CodecError('MISSING_FIELD', `callAction ${actionType} lacks ${name}`, { type: t, field: name });
    return v;
  };
  switch (actionType) {
    case 'Dial':
      return { actionType, number: one('Number') };
    case 'Redial':
      return { actionType };
    case 'Answer':
    case 'Release':
    case 'Hold':
      return { actionType, callId: one('CallId') };
    case 'Xfer':
      return { actionType, callId: one('CallId'), number: one('Number') };
    case 'XferConsult':
      return { actionType, callId: one('CallId'), targetCallId: one('CallId', 1) };
    case 'ConfStart':
      return { actionType, callIds: all('CallId') };
    default:
      // cap.md §5: unknown action types are logged by the lab, refused here.
      throw new CodecError('UNKNOWN_TYPE', 'unknown callAction actionType', { type: actionType.slice(0, 64), field: 'actionType' });
  }
}

export const callAction: CapMessageCodec<CapCallAction> = {
  encode: (m) =>
    xmlElement('user', refAttrs(m), [
      xmlElement('action', [['actionType', m.action.actionType]], params(m.action).map(([n, v]) => xmlTextElement('actionParam', v, [['actionParamName', n]]))),
      xmlTextElement('applicationId', m.applicationId),
    ]),
  decode(cd) {
    const t = 'callAction';
    const u = userElement(cd, t);
    const a = child(u, 'action');
    if (a === undefined) throw new CodecError('MISSING_FIELD', 'callAction lacks action', { type: t, field: 'action' });
    return { type: t, ...readRef(u), action: decodeAction(a), applicationId: requiredText(u, 'applicationId', t) };
  },
};
