// One spec per OCI command type: the child fields in schema sequence order and how the command
// element is written (oci-p.md §3 attribute order; §5 login; §9 profile). The sequences, the
// required/optional split and the simple types follow the OCI-P R25 schema (OCISchemaLogin.xsd,
// OCISchemaDeprecated.xsd, OCISchemaDeprecatedAS.xsd, OCISchemaSystem.xsd, OCISchemaUser.xsd,
// Services/OCISchemaServiceIntegratedIMP.xsd, OCISchemaBASE.xsd); only the elements unity-connect
// reads or the lab writes are listed, every other element the schema allows is ignored on decode.
//
// Field kinds: `token` for the xs:token family (UserId, GroupId, DN, ... collapse whitespace),
// `string` for xs:string (nonce, summary, SignedPassword) and for passwords (compared as sent).
// `expected` marks an element the schema requires and the client can do without: the encoder
// always writes it, the decoder reads a document without it and notes the deviation.
import { type FieldSpec, expected, fixedValue, oneOf, opt, req } from '../xml/fields.ts';
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

// LoginResponse14sp4 / LoginResponse22V5 shared head: loginType (LoginType, LoginType22
// enumerations: kept as text, the client only shows it), locale (OCILocale), encoding, groupId?,
// serviceProviderId?, isEnterprise, passwordExpiresDays? (xs:int), userDomain (NetAddress).
const LOGIN_FIELDS: readonly FieldSpec[] = [
  req('loginType', 'token'), expected('locale', 'token'), expected('encoding', 'token'), opt('groupId', 'token'),
  opt('serviceProviderId', 'token'), req('isEnterprise', 'bool'), opt('passwordExpiresDays', 'int'), req('userDomain', 'token'),
];

/** Which versions carry which elements (OCI-P schema, UserGetResponse<version> sequences). */
const HAS_USER_ID: ReadonlySet<OciUserGetVersion> = new Set(['22', '23V2']); // 21sp1 and older: no userId
const HAS_IMP_ID: ReadonlySet<OciUserGetVersion> = new Set(['18', '19', '20', '21', '21sp1', '22', '23V2']); // not in 17sp4

// UserGetResponse<version> sequence, restricted to the modelled elements, schema order. Elements
// not listed (nameDialingName, hiragana names, department, alias, accessDeviceEndpoint,
// trunkAddressing, pager, yahooId, address, nationalPrefix, zones, alternateUserId, 23V2's
// external ids ...) may appear between them and are skipped by the decoder.
function profileFields(version: OciUserGetVersion): FieldSpec[] {
  return [
    req('serviceProviderId', 'token'), req('groupId', 'token'), ...(HAS_USER_ID.has(version) ? [expected('userId', 'token')] : []),
    req('lastName', 'token'), req('firstName', 'token'), expected('callingLineIdLastName', 'token'), expected('callingLineIdFirstName', 'token'),
    opt('phoneNumber', 'token'), opt('extension', 'token'), opt('callingLineIdPhoneNumber', 'token'),
    expected('language', 'token'), expected('timeZone', 'token'), expected('timeZoneDisplayName', 'token'), expected('defaultAlias', 'token'),
    opt('title', 'token'), opt('mobilePhoneNumber', 'token'), opt('emailAddress', 'token'), expected('countryCode', 'token'),
    ...(HAS_IMP_ID.has(version) ? [opt('impId', 'token')] : []),
    // UserGetResponse23V2: allowVideo (xs:boolean, required) follows impId and alternateUserId.
    ...(version === '23V2' ? [expected('allowVideo', 'bool')] : []),
  ];
}

const specs: CommandSpec[] = [
  { type: 'AuthenticationRequest', form: 'request', fields: [req('userId', 'token')] },
  {
    type: 'LoginRequest14sp4', form: 'request',
    fields: [req('userId', 'token'), opt('signedPassword'), opt('plainTextPassword')], cleartext: ['plainTextPassword'],
  },
  { type: 'LoginRequest22V5', form: 'request', fields: [req('userId', 'token'), opt('password'), opt('signedPassword')], cleartext: ['password'] },
  // LogoutRequestReason is an enumeration, but real clients send other text (oci-p.md §2): read as text.
  { type: 'LogoutRequest', form: 'request', fields: [expected('userId', 'token'), opt('reason', 'token')] },
  { type: 'SystemSoftwareVersionGetRequest', form: 'request', fields: [] },
  { type: 'UserIntegratedIMPGetRequest21sp1', form: 'request', fields: [req('userId', 'token')] },
  { type: 'VerifySessionIsValidRequest', form: 'request', fields: [] },
  { type: 'SuccessResponse', form: 'prefixedResponse', fields: [] },
  {
    type: 'ErrorResponse', form: 'errorResponse',
    fields: [opt('errorCode', 'int'), req('summary'), expected('summaryEnglish'), opt('detail')],
  },
  // DigitalSignatureAlgorithm has the single value MD5; another would make the signed password wrong.
  {
    type: 'AuthenticationResponse', form: 'response',
    fields: [expected('userId', 'token'), req('nonce'), oneOf(expected('passwordAlgorithm', 'token'), ['MD5'])],
  },
  { type: 'LoginResponse14sp4', form: 'response', fields: LOGIN_FIELDS },
  // tokenRevocationTime is xs:long (epoch milliseconds).
  { type: 'LoginResponse22V5', form: 'response', fields: [...LOGIN_FIELDS, opt('resellerId', 'token'), opt('tokenRevocationTime', 'long')] },
  { type: 'SystemSoftwareVersionGetResponse', form: 'response', fields: [req('version', 'token')] },
  // isAlternateImpId is fixed="true": present only when the IM&P id is the alternate one.
  {
    type: 'UserIntegratedIMPGetResponse21sp1', form: 'response',
    fields: [req('isActive', 'bool'), opt('impId', 'token'), fixedValue(opt('isAlternateImpId', 'bool'), 'true')],
  },
  ...USER_GET_VERSIONS.flatMap((v): CommandSpec[] => [
    { type: `UserGetRequest${v}`, form: 'request', fields: [req('userId', 'token')] },
    { type: `UserGetResponse${v}`, form: 'response', fields: profileFields(v) },
  ]),
];

export const COMMAND_SPECS: ReadonlyMap<string, CommandSpec> = new Map(specs.map((s) => [s.type, s]));
