// One spec per OCI command type: the child fields in schema sequence order and how the command
// element is written (oci-p.md §3 attribute order; §5 login; §9 profile).
import { type FieldSpec, opt, req } from '../xml/fields.ts';
import { type OciCommandType, type OciUserGetVersion, USER_GET_VERSIONS } from './types.ts';

export type CommandForm =
  | 'request' // <command [echo] xsi:type="T" xmlns="">
  | 'response' // <command echo="" xsi:type="T" xmlns="">
  | 'prefixedResponse' // <command echo="" xsi:type="c:T" xmlns:c="C" xmlns="">
  | 'errorResponse'; // <command type="Error" echo="" xsi:type="c:ErrorResponse" xmlns:c="C" xmlns="">

export interface CommandSpec {
  readonly type: OciCommandType;
  readonly form: CommandForm;
  readonly fields: readonly FieldSpec[];
  /** Fields holding a cleartext password: encoded only over TLS (oci-p.md §5.2). */
  readonly cleartext?: readonly string[];
}

const LOGIN_FIELDS: readonly FieldSpec[] = [
  req('loginType'), req('locale'), req('encoding'), opt('groupId'), opt('serviceProviderId'),
  req('isEnterprise', 'bool'), opt('passwordExpiresDays', 'int'), req('userDomain'),
];

// oci-p.md §9: UserGetResponse22 sequence, restricted to the fields we model. userId only from 22;
// impId not in 17sp4. 23V2's additions (allowVideo, resellerId, external ids) are not modelled.
function profileFields(version: OciUserGetVersion): FieldSpec[] {
  const hasUserId = version === '22' || version === '23V2';
  const hasImpId = version !== '17sp4';
  return [
    req('serviceProviderId'), req('groupId'), ...(hasUserId ? [req('userId')] : []), req('lastName'), req('firstName'),
    opt('callingLineIdLastName'), opt('callingLineIdFirstName'), opt('phoneNumber'), opt('extension'),
    opt('callingLineIdPhoneNumber'), opt('language'), opt('timeZone'), opt('timeZoneDisplayName'), opt('defaultAlias'),
    opt('title'), opt('mobilePhoneNumber'), opt('emailAddress'), opt('countryCode'), ...(hasImpId ? [opt('impId')] : []),
  ];
}

const specs: CommandSpec[] = [
  { type: 'AuthenticationRequest', form: 'request', fields: [req('userId')] },
  { type: 'LoginRequest14sp4', form: 'request', fields: [req('userId'), opt('signedPassword'), opt('plainTextPassword')], cleartext: ['plainTextPassword'] },
  { type: 'LoginRequest22V5', form: 'request', fields: [req('userId'), opt('password'), opt('signedPassword')], cleartext: ['password'] },
  { type: 'LogoutRequest', form: 'request', fields: [req('userId'), opt('reason')] },
  { type: 'SystemSoftwareVersionGetRequest', form: 'request', fields: [] },
  { type: 'UserIntegratedIMPGetRequest21sp1', form: 'request', fields: [req('userId')] },
  { type: 'VerifySessionIsValidRequest', form: 'request', fields: [] },
  { type: 'SuccessResponse', form: 'prefixedResponse', fields: [] },
  { type: 'ErrorResponse', form: 'errorResponse', fields: [opt('errorCode', 'int'), req('summary'), req('summaryEnglish'), opt('detail')] },
  { type: 'AuthenticationResponse', form: 'response', fields: [req('userId'), req('nonce'), req('passwordAlgorithm')] },
  { type: 'LoginResponse14sp4', form: 'response', fields: LOGIN_FIELDS },
  { type: 'LoginResponse22V5', form: 'response', fields: [...LOGIN_FIELDS, opt('resellerId'), opt('tokenRevocationTime', 'int')] },
  { type: 'SystemSoftwareVersionGetResponse', form: 'response', fields: [req('version')] },
  { type: 'UserIntegratedIMPGetResponse21sp1', form: 'response', fields: [req('isActive', 'bool'), opt('impId'), opt('isAlternateImpId', 'bool')] },
  ...USER_GET_VERSIONS.flatMap((v): CommandSpec[] => [
    { type: `UserGetRequest${v}`, form: 'request', fields: [req('userId')] },
    { type: `UserGetResponse${v}`, form: 'response', fields: profileFields(v) },
  ]),
];

export const COMMAND_SPECS: ReadonlyMap<string, CommandSpec> = new Map(specs.map((s) => [s.type, s]));
