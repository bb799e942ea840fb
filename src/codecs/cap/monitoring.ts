// cap.md §9 BLF monitoring and §10 keepalive.
import { CodecError } from '../errors.ts';
import { attr, child, childrenNamed, xmlElement, xmlOptionalText, xmlTextElement, type XmlElement } from '../xml/index.ts';
import type { CapMessageCodec } from './codec.ts';
import type { CapMonitoringUsersRequest, CapMonitoringUsersResponse, CapServerStatusRequest, CapServerStatusResponse } from './types.ts';
import { defined, readRef, refAttrs, requiredText, userElement } from './user.ts';

// Whether <monUser> sits inside <monitoring> or beside it is not spelled out (cap.md §9); we
// write it inside and read either form.
function readUsers(u: XmlElement, m: XmlElement | undefined): string[] {
  const inside = m === undefined ? [] : childrenNamed(m, 'monUser');
  return [...inside, ...childrenNamed(u, 'monUser')].map((e) => e.text);
}

function readMonType(m: XmlElement | undefined, type: string, required: boolean): 'Add' | 'Delete' | undefined {
  const v = m === undefined ? undefined : attr(m, 'monType');
  if (v === undefined) {
    if (required) throw new CodecError('MISSING_FIELD', `${type} lacks monType`, { type, field: 'monType' });
    return undefined;
  }
  if (v !== 'Add' && v !== 'Delete') throw new CodecError('INVALID_FIELD', `${type} monType is not Add or Delete`, { type, field: 'monType' });
  return v;
}

function monitoringXml(monType: string | undefined, users: readonly string[]): string {
  return xmlElement('monitoring', monType === undefined ? null : [['monType', monType]], users.map((id) => xmlTextElement('monUser', id)));
}

export const monitoringUsersRequest: CapMessageCodec<CapMonitoringUsersRequest> = {
  encode: (m) => xmlElement('user', refAttrs(m), monitoringXml(m.monType, m.users) + xmlTextElement('applicationId', m.applicationId)),
  decode(cd) {
    const t = 'monitoringUsersRequest';
    const u = userElement(cd, t);
    const m = child(u, 'monitoring');
    return { type: t, ...readRef(u), monType: readMonType(m, t, true) as 'Add' | 'Delete', users: readUsers(u, m), applicationId: requiredText(u, 'applicationId', t) };
  },
};

export const monitoringUsersResponse: CapMessageCodec<CapMonitoringUsersResponse> = {
  encode: (m) => xmlElement('user', refAttrs(m), monitoringXml(m.monType, m.users)),
  decode(cd) {
    const t = 'monitoringUsersResponse';
    const u = userElement(cd, t);
    const m = child(u, 'monitoring');
    return defined({ type: t, ...readRef(u), monType: readMonType(m, t, false), users: readUsers(u, m) });
  },
};

export const serverStatusRequest: CapMessageCodec<CapServerStatusRequest> = {
  encode: (m) => xmlElement('user', refAttrs(m), xmlTextElement('applicationId', m.applicationId)),
  decode(cd) {
    const t = 'serverStatusRequest';
    const u = userElement(cd, t);
    return { type: t, ...readRef(u), applicationId: requiredText(u, 'applicationId', t) };
  },
};

export const serverStatusResponse: CapMessageCodec<CapServerStatusResponse> = {
  encode: (m) => xmlElement('user', refAttrs(m), xmlOptionalText('applicationId', m.applicationId)),
  decode(cd) {
    const u = userElement(cd, 'serverStatusResponse');
    return defined({ type: 'serverStatusResponse', ...readRef(u), applicationId: child(u, 'applicationId')?.text });
  },
};
