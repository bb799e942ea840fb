// The `<user>` element shared by every CAP message.
import { CodecError } from '../errors.ts';
import { attr, child, childText, type XmlAttrList, type XmlElement, xmlTextElement } from '../xml/index.ts';
import type { CapMonitoredTags, CapUserRef } from './types.ts';

export function userElement(commandData: XmlElement, type: string): XmlElement {
  const u = child(commandData, 'user');
  if (u === undefined) throw new CodecError('MISSING_FIELD', `${type} has no user element`, { type, field: 'user' });
  return u;
}

export function requiredText(el: XmlElement, name: string, type: string): string {
  const t = childText(el, name);
  if (t === undefined) throw new CodecError('MISSING_FIELD', `${type} lacks ${name}`, { type, field: name });
  return t;
}

export function requiredAttr(el: XmlElement, name: string, type: string): string {
  const v = attr(el, name);
  if (v === undefined) throw new CodecError('MISSING_FIELD', `${type} lacks the ${name} attribute`, { type, field: name });
  return v;
}

/** Copies defined values only (the decoded objects carry no `undefined` keys). */
export function defined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** Attribute reference: userType, userUid, id (the order of the cap.md §11 examples). */
export function refAttrs(ref: CapUserRef): XmlAttrList {
  const out: Array<[string, string]> = [];
  if (ref.userType !== undefined) out.push(['userType', ref.userType]);
  if (ref.userUid !== undefined) out.push(['userUid', ref.userUid]);
  if (ref.userId !== undefined) out.push(['id', ref.userId]);
  return out;
}

export function readRef(user: XmlElement): CapUserRef {
  return defined({ userType: attr(user, 'userType'), userUid: attr(user, 'userUid'), userId: attr(user, 'id') });
}

export function monitoredXml(tags: CapMonitoredTags): string {
  let out = '';
  if (tags.monitoredUserUid !== undefined) out += xmlTextElement('monitoredUserUid', tags.monitoredUserUid);
  if (tags.monitoredUserId !== undefined) out += xmlTextElement('monitoredUserId', tags.monitoredUserId);
  return out;
}

export function readMonitored(user: XmlElement): CapMonitoredTags {
  return defined({ monitoredUserUid: childText(user, 'monitoredUserUid'), monitoredUserId: childText(user, 'monitoredUserId') });
}
