// cap.md §3 registration and §4 logout (FACT, clients).
import { CodecError } from '../errors.ts';
import { attr, child, childText, xmlElement, xmlOptionalText, xmlTextElement } from '../xml/index.ts';
import type { CapMessageCodec } from './codec.ts';
import type {
  CapAcknowledgement, CapRegisterAuthentication, CapRegisterRequest, CapRegisterResponse, CapResponseAuthentication, CapUnRegister,
} from './types.ts';
import { defined, requiredAttr, requiredText, userElement } from './user.ts';

export const registerAuthentication: CapMessageCodec<CapRegisterAuthentication> = {
  encode: (m) => xmlElement('user', [['userType', m.userType]], xmlTextElement('id', m.userId) + xmlTextElement('applicationId', m.applicationId)),
  decode(cd) {
    const t = 'registerAuthentication';
    const u = userElement(cd, t);
    return { type: t, userType: requiredAttr(u, 'userType', t), userId: requiredText(u, 'id', t), applicationId: requiredText(u, 'applicationId', t) };
  },
};

// The echoed user, then nonce and algorithm directly under commandData (cap.md §3 step 2).
export const responseAuthentication: CapMessageCodec<CapResponseAuthentication> = {
  encode: (m) =>
    xmlElement('user', m.userType === undefined ? null : [['userType', m.userType]], xmlTextElement('id', m.userId) + xmlTextElement('applicationId', m.applicationId)) +
    xmlTextElement('nonce', m.nonce) +
    xmlTextElement('algorithm', m.algorithm),
  decode(cd) {
    const t = 'responseAuthentication';
    const u = userElement(cd, t);
    return defined({
      type: t, userType: attr(u, 'userType'), userId: requiredText(u, 'id', t), applicationId: requiredText(u, 'applicationId', t),
      nonce: requiredText(cd, 'nonce', t), algorithm: requiredText(cd, 'algorithm', t),
    });
  },
};

export const registerRequest: CapMessageCodec<CapRegisterRequest> = {
  encode: (m) =>
    xmlElement('user', [['userType', m.userType]], xmlTextElement('id', m.userId) + xmlTextElement('securePassword', m.securePassword) + xmlTextElement('applicationId', m.applicationId)),
  decode(cd) {
    const t = 'registerRequest';
    const u = userElement(cd, t);
    return {
      type: t, userType: requiredAttr(u, 'userType', t), userId: requiredText(u, 'id', t),
      securePassword: requiredText(u, 'securePassword', t), applicationId: requiredText(u, 'applicationId', t),
    };
  },
};

// Success: userUid attribute; failure: a <failure failureCause="…"/> child (cap.md §3 step 4).
// Where <failure> sits among the children is UNVERIFIED; we write it after id and applicationId.
export const registerResponse: CapMessageCodec<CapRegisterResponse> = {
  encode(m) {
    const attrs: Array<[string, string]> = [];
    if (m.userType !== undefined) attrs.push(['userType', m.userType]);
    if (m.userUid !== undefined) attrs.push(['userUid', m.userUid]);
    const failure = m.failure === undefined ? '' : xmlElement('failure', m.failure.cause === undefined ? null : [['failureCause', m.failure.cause]]);
    return xmlElement('user', attrs, xmlOptionalText('id', m.userId) + xmlOptionalText('applicationId', m.applicationId) + failure);
  },
  decode(cd) {
    const t = 'registerResponse';
    const u = userElement(cd, t);
    const f = child(u, 'failure');
    const userUid = attr(u, 'userUid');
    if (f === undefined && userUid === undefined) {
      throw new CodecError('MISSING_FIELD', 'registerResponse has neither userUid nor failure', { type: t, field: 'userUid' });
    }
    return defined({
      type: t, userType: attr(u, 'userType'), userUid, userId: childText(u, 'id'), applicationId: childText(u, 'applicationId'),
      failure: f === undefined ? undefined : defined({ cause: attr(f, 'failureCause') }),
    });
  },
};

// Attributes userType, id, then userUid once known (cap.md §3 step 5).
export const acknowledgement: CapMessageCodec<CapAcknowledgement> = {
  encode(m) {
    const attrs: Array<[string, string]> = [['userType', m.userType], ['id', m.userId]];
    if (m.userUid !== undefined) attrs.push(['userUid', m.userUid]);
    return xmlElement('user', attrs, xmlElement('message', [['messageName', m.messageName]]) + xmlTextElement('applicationId', m.applicationId));
  },
  decode(cd) {
    const t = 'acknowledgement';
    const u = userElement(cd, t);
    const msg = child(u, 'message');
    if (msg === undefined) throw new CodecError('MISSING_FIELD', 'acknowledgement lacks message', { type: t, field: 'message' });
    return defined({
      type: t, userType: requiredAttr(u, 'userType', t), userId: requiredAttr(u, 'id', t), userUid: attr(u, 'userUid'),
      messageName: requiredAttr(msg, 'messageName', t), applicationId: requiredText(u, 'applicationId', t),
    });
  },
};

// userType, userLogoutReason="ClientLogout", id; child applicationId (cap.md §4). Both directions.
export const unRegister: CapMessageCodec<CapUnRegister> = {
  encode(m) {
    const attrs: Array<[string, string]> = [];
    if (m.userType !== undefined) attrs.push(['userType', m.userType]);
    if (m.userLogoutReason !== undefined) attrs.push(['userLogoutReason', m.userLogoutReason]);
    if (m.userId !== undefined) attrs.push(['id', m.userId]);
    if (m.userUid !== undefined) attrs.push(['userUid', m.userUid]);
    return xmlElement('user', attrs, xmlOptionalText('applicationId', m.applicationId));
  },
  decode(cd) {
    const u = userElement(cd, 'unRegister');
    return defined({
      type: 'unRegister', userType: attr(u, 'userType'), userLogoutReason: attr(u, 'userLogoutReason'), userId: attr(u, 'id'),
      userUid: attr(u, 'userUid'), applicationId: childText(u, 'applicationId'),
    });
  },
};
