// OCI-P shape rules, restated by reading the public OCI-P R25 schema (nigelm/broadworks_ocip,
// folder ocip_schema/; OCISchemaAS.xsd includes the rest). Written in our own notation from the
// schema's definitions, never from our encoders; the schema files are not in this repository.
//
// Which schema file each part restates:
// - OCISchemaBASE.xsd, OCISchemaBaseDataTypes.xsd (namespace "C", local elements unqualified):
//   BroadsoftDocument, OCIMessage, OCICommand, OCIRequest, OCIResponse, OCIDataResponse,
//   SuccessResponse, ErrorResponse, ExternalUserIdentity, NonEmptyToken.
// - OCISchemaAS.xsd and its includes (no target namespace, elementFormDefault qualified = local
//   elements in no namespace): OCISchemaLogin.xsd (LoginRequest22V5, LoginResponse22V5,
//   LogoutRequest, VerifySessionIsValidRequest), OCISchemaDeprecatedAS.xsd (AuthenticationRequest,
//   AuthenticationResponse), OCISchemaDeprecated.xsd (LoginRequest14sp4, LoginResponse14sp4,
//   UserGetRequest/Response 17sp4, 18, 19, 20, 21, 21sp1, 22), OCISchemaUser.xsd
//   (UserGetRequest23V2, UserGetResponse23V2), OCISchemaSystem.xsd (SystemSoftwareVersionGet*),
//   Services/OCISchemaServiceIntegratedIMP.xsd (UserIntegratedIMPGet*21sp1) and the simple and
//   complex data types of OCISchemaDataTypes.xsd they use.
//
// Not restated (content left unchecked, anyType): the trunkAddressing branch of the UserGetResponse
// choice (TrunkAddressingMultipleContactRead, ...21, ...22): the lab never writes it and the client
// never reads it; a document carrying it is still checked everywhere else.
import { anyType, attr, choice, complex, defineSchema, el, extend, many, opt, schemaSet, seq, simple, t, type Particle, type SchemaSet } from '../shape/index.ts';

const SOURCE_BASE = 'OCISchemaBASE.xsd (OCI-P R25)';
const SOURCE_AS = 'OCISchemaAS.xsd and includes (OCI-P R25)';

// ---- OCISchemaBASE.xsd: the envelope in namespace "C"
export const ociBase = defineSchema({
  key: 'c',
  source: SOURCE_BASE,
  namespace: 'C',
  elementForm: 'unqualified',
  elements: { BroadsoftDocument: { type: 'OCIMessage' } },
  types: {
    OCIMessage: complex({
      attributes: { protocol: attr(t.enumeration('protocol', ['OCI', 'NSOCI'], 'NMTOKEN'), 'required') },
      content: seq(
        choice(
          el('sessionId', t.normalizedString()),
          el('userId', t.token()),
          el('phoneNumber', t.token()),
          el('linePort', t.token()),
          el('externalUserIdentity', 'ExternalUserIdentity'),
        ),
        opt('trackingId', 'NonEmptyToken'),
        el('command', 'OCICommand', { min: 1, max: 15 }),
      ),
    }),
    OCICommand: complex({ abstract: true, attributes: { echo: attr(t.string()) } }),
    OCIRequest: extend('OCICommand', { abstract: true, attributes: { requestLocale: attr(t.token()) } }),
    OCIResponse: extend('OCICommand', { abstract: true, attributes: { debugInfo: attr(t.string()) } }),
    OCIDataResponse: extend('OCIResponse', { abstract: true }),
    SuccessResponse: extend('OCIResponse'),
    ErrorResponse: extend('OCIResponse', {
      attributes: { type: attr(t.enumeration('ErrorResponse type', ['Error', 'Warning', 'Info'], 'NMTOKEN'), 'required') },
      content: seq(opt('errorCode', t.int()), el('summary', t.string()), el('summaryEnglish', t.string()), opt('detail', t.string())),
    }),
    // OCISchemaBaseDataTypes.xsd
    NonEmptyToken: t.token({ name: 'NonEmptyToken', minLength: 1 }),
    ExternalUserIdentity: complex({
      content: seq(
        el('id', t.token({ name: 'ExternalUserIdentityId', minLength: 1, maxLength: 161 })),
        el('organizationId', t.token({ name: 'ExternalUserIdentityOrganizationId', minLength: 1, maxLength: 36 })),
        el('role', t.enumeration('ExternalUserIdentityRole', ['User', 'Administrator'])),
      ),
    }),
  },
});

// ---- OCISchemaDataTypes.xsd simple types (xs:token restrictions unless noted)
const tok = (name: string, minLength: number, maxLength?: number) => t.token({ name, minLength, ...(maxLength !== undefined ? { maxLength } : {}) });

const simpleTypes = {
  UserId: tok('UserId', 1, 161),
  Password: tok('Password', 1, 60),
  SignedPassword: t.string({ name: 'SignedPassword', minLength: 1 }),
  DigitalSignatureAlgorithm: t.enumeration('DigitalSignatureAlgorithm', ['MD5'], 'NMTOKEN'),
  LoginType: t.enumeration('LoginType', ['System', 'Provisioning', 'Service Provider', 'Group', 'Group Department', 'User', 'Lawful Intercept']),
  LoginType22: t.enumeration('LoginType22', ['System', 'Provisioning', 'Reseller', 'Service Provider', 'Group', 'Group Department', 'User', 'Lawful Intercept']),
  OCILocale: simple('NMTOKEN', { name: 'OCILocale', maxLength: 5 }),
  OCILocale22: simple('NMTOKEN', { name: 'OCILocale22', maxLength: 20 }),
  Encoding: tok('Encoding', 1, 40),
  GroupId: tok('GroupId', 1, 30),
  ServiceProviderId: tok('ServiceProviderId', 1, 30),
  NetAddress: tok('NetAddress', 1, 80),
  ResellerId22: tok('ResellerId22', 1, 36),
  LogoutRequestReason: t.enumeration('LogoutRequestReason', ['Client Logout', 'Server Connection Failure', 'Open Client Server Forced Logout']),
  IMPUserId: tok('IMPUserId', 1, 196),
  LastName: tok('LastName', 1, 30),
  FirstName: tok('FirstName', 1, 30),
  CallingLineIdLastName: tok('CallingLineIdLastName', 1, 30),
  CallingLineIdFirstName: tok('CallingLineIdFirstName', 1, 30),
  NameDialingLastName: tok('NameDialingLastName', 1, 30),
  NameDialingFirstName: tok('NameDialingFirstName', 1, 30),
  HiraganaLastName: tok('HiraganaLastName', 1, 30),
  HiraganaFirstName: tok('HiraganaFirstName', 1, 30),
  DN: tok('DN', 1, 23),
  Extension17: tok('Extension17', 2, 20),
  DepartmentName: tok('DepartmentName', 1, 50),
  DepartmentFullPathName: tok('DepartmentFullPathName', 1),
  Language: tok('Language', 1, 40),
  TimeZone: tok('TimeZone', 1, 127),
  TimeZoneDisplayName: tok('TimeZoneDisplayName', 1, 127),
  SIPURI: tok('SIPURI', 1, 161),
  Title: tok('Title', 1, 50),
  InformationalDN: tok('InformationalDN', 1, 30),
  OutgoingDN: tok('OutgoingDN', 1, 30),
  EmailAddress: tok('EmailAddress', 1, 80),
  YahooId: tok('YahooId', 1, 50),
  AddressLocation: tok('AddressLocation', 1, 80),
  CountryCode: simple('NMTOKEN', { name: 'CountryCode', maxLength: 3, pattern: /^(?:[0-9]|[1-9][0-9]{1,2})$/ }),
  NationalPrefix: tok('NationalPrefix', 1, 2),
  NetworkClassOfServiceName: tok('NetworkClassOfServiceName', 1, 40),
  OfficeZoneName: tok('OfficeZoneName', 1, 40),
  ZoneName: tok('ZoneName', 1, 80),
  AlternateUserIdDescription: tok('AlternateUserIdDescription', 1, 80),
  ExternalId: tok('ExternalId', 1, 36), // NonEmptyToken, maxLength 36
  PersonId: tok('PersonId', 1, 82), // NonEmptyToken, maxLength 82
  LocationDialingCode: tok('LocationDialingCode', 1, 15),
  AccessDeviceLevel: t.enumeration('AccessDeviceLevel', ['System', 'Service Provider', 'Group']),
  AccessDeviceName: tok('AccessDeviceName', 1, 40),
  AccessDeviceEndpointLinePort: tok('AccessDeviceEndpointLinePort', 1, 161),
  AccessDeviceEndpointPrivateIdentity: tok('AccessDeviceEndpointPrivateIdentity', 1, 161),
  AccessDevicePortNumber: t.int({ name: 'AccessDevicePortNumber', minInclusive: 1, maxInclusive: 1024 }),
  SIPContact: tok('SIPContact', 1, 1020),
  PathHeader: tok('PathHeader', 1, 1024),
};

/** StreetAddress: every part optional; most nillable; token 1..80 or 1..50. */
const streetPart = (name: string, max: number, nillable = true) => opt(name, tok(`StreetAddress ${name}`, 1, max), nillable ? { nillable: true } : {});

const complexTypes = {
  DepartmentKey: complex({ abstract: true }),
  GroupDepartmentKey: extend('DepartmentKey', { content: seq(el('serviceProviderId', 'ServiceProviderId'), el('groupId', 'GroupId'), el('name', 'DepartmentName')) }),
  EnterpriseDepartmentKey: extend('DepartmentKey', { content: seq(el('serviceProviderId', 'ServiceProviderId'), el('name', 'DepartmentName')) }),
  NameDialingName: complex({ content: seq(el('nameDialingLastName', 'NameDialingLastName'), el('nameDialingFirstName', 'NameDialingFirstName')) }),
  AccessDevice: complex({ content: seq(el('deviceLevel', 'AccessDeviceLevel'), el('deviceName', 'AccessDeviceName')) }),
  SIPContactInfo: complex({ content: seq(el('sipContact', 'SIPContact'), opt('pathHeader', 'PathHeader')) }),
  StreetAddress: complex({
    content: seq(
      streetPart('addressLine1', 80), streetPart('addressLine2', 80), streetPart('city', 50), streetPart('stateOrProvince', 50),
      streetPart('stateOrProvinceDisplayName', 50, false), streetPart('zipOrPostalCode', 50), streetPart('country', 50),
    ),
  }),
  AlternateUserIdEntry: complex({ content: seq(el('alternateUserId', 'UserId'), opt('description', 'AlternateUserIdDescription')) }),
  // accessDeviceEndpoint types by UserGetResponse version (OCISchemaDeprecated.xsd, OCISchemaDataTypes.xsd)
  AccessDeviceMultipleContactEndpointRead: complex({
    content: seq(el('accessDevice', 'AccessDevice'), el('linePort', 'AccessDeviceEndpointLinePort'), many('contact', 'SIPContact', 0, 5), el('staticRegistrationCapable', t.boolean()), el('useDomain', t.boolean())),
  }),
  AccessDeviceMultipleContactEndpointRead19: complex({
    content: seq(
      el('accessDevice', 'AccessDevice'), el('linePort', 'AccessDeviceEndpointLinePort'), many('contact', 'SIPContact', 0, 5),
      el('staticRegistrationCapable', t.boolean()), el('useDomain', t.boolean()), opt('portNumber', 'AccessDevicePortNumber'),
    ),
  }),
  AccessDeviceMultipleContactEndpointRead20: complex({
    content: seq(
      el('accessDevice', 'AccessDevice'), el('linePort', 'AccessDeviceEndpointLinePort'), many('contact', 'SIPContact', 0, 5),
      el('staticRegistrationCapable', t.boolean()), el('useDomain', t.boolean()), opt('portNumber', 'AccessDevicePortNumber'),
      el('supportVisualDeviceManagement', t.boolean()),
    ),
  }),
  AccessDeviceMultipleIdentityAndContactEndpointRead: complex({
    content: seq(
      el('accessDevice', 'AccessDevice'), el('linePort', 'AccessDeviceEndpointLinePort'), opt('privateIdentity', 'AccessDeviceEndpointPrivateIdentity'),
      many('contact', 'SIPContact', 0, 5), el('staticRegistrationCapable', t.boolean()), el('useDomain', t.boolean()),
      opt('portNumber', 'AccessDevicePortNumber'), el('supportVisualDeviceManagement', t.boolean()),
    ),
  }),
  AccessDeviceMultipleIdentityAndContactEndpointRead22V2: complex({
    content: seq(
      el('accessDevice', 'AccessDevice'), el('linePort', 'AccessDeviceEndpointLinePort'), opt('privateIdentity', 'AccessDeviceEndpointPrivateIdentity'),
      many('contact', 'SIPContactInfo', 0, 5), el('staticRegistrationCapable', t.boolean()), el('useDomain', t.boolean()),
      opt('portNumber', 'AccessDevicePortNumber'), el('supportVisualDeviceManagement', t.boolean()), el('useHotline', t.boolean()),
      opt('hotlineContact', 'SIPURI'),
    ),
  }),
};

type UserGetVersion = '17sp4' | '18' | '19' | '20' | '21' | '21sp1' | '22' | '23V2';

const ENDPOINT: Record<UserGetVersion, string> = {
  '17sp4': 'AccessDeviceMultipleContactEndpointRead',
  '18': 'AccessDeviceMultipleContactEndpointRead',
  '19': 'AccessDeviceMultipleContactEndpointRead19',
  '20': 'AccessDeviceMultipleContactEndpointRead20',
  '21': 'AccessDeviceMultipleIdentityAndContactEndpointRead',
  '21sp1': 'AccessDeviceMultipleIdentityAndContactEndpointRead',
  '22': 'AccessDeviceMultipleIdentityAndContactEndpointRead',
  '23V2': 'AccessDeviceMultipleIdentityAndContactEndpointRead22V2',
};

/** UserGetResponse<version>: the sequence of OCISchemaDeprecated.xsd / OCISchemaUser.xsd for that version. */
function userGetResponse(v: UserGetVersion) {
  const since20 = !['17sp4', '18', '19'].includes(v);
  const items: Particle[] = [
    el('serviceProviderId', 'ServiceProviderId'),
    el('groupId', 'GroupId'),
    ...(v === '22' || v === '23V2' ? [el('userId', 'UserId')] : []),
    el('lastName', 'LastName'),
    el('firstName', 'FirstName'),
    el('callingLineIdLastName', 'CallingLineIdLastName'),
    el('callingLineIdFirstName', 'CallingLineIdFirstName'),
    ...(since20 ? [opt('nameDialingName', 'NameDialingName')] : []),
    opt('hiraganaLastName', 'HiraganaLastName'),
    opt('hiraganaFirstName', 'HiraganaFirstName'),
    opt('phoneNumber', 'DN'),
    opt('extension', 'Extension17'),
    opt('callingLineIdPhoneNumber', 'DN'),
    opt('department', 'DepartmentKey'),
    opt('departmentFullPath', 'DepartmentFullPathName'),
    el('language', 'Language'),
    el('timeZone', 'TimeZone'),
    el('timeZoneDisplayName', 'TimeZoneDisplayName'),
    el('defaultAlias', 'SIPURI'),
    many('alias', 'SIPURI', 0, 3),
    choice(opt('accessDeviceEndpoint', ENDPOINT[v]), opt('trunkAddressing', anyType)),
    opt('title', 'Title'),
    opt('pagerPhoneNumber', 'InformationalDN'),
    opt('mobilePhoneNumber', 'OutgoingDN'),
    opt('emailAddress', 'EmailAddress'),
    opt('yahooId', 'YahooId'),
    opt('addressLocation', 'AddressLocation'),
    opt('address', 'StreetAddress'),
    el('countryCode', 'CountryCode'),
    opt('nationalPrefix', 'NationalPrefix'),
    opt('networkClassOfService', 'NetworkClassOfServiceName'),
    opt('officeZoneName', 'OfficeZoneName'),
    opt('primaryZoneName', 'ZoneName'),
    ...(v !== '17sp4' ? [opt('impId', 'IMPUserId')] : []),
    ...(v === '21sp1' || v === '22' || v === '23V2' ? [many('alternateUserId', 'AlternateUserIdEntry', 0, 4)] : []),
    ...(v === '23V2'
      ? [
          el('allowVideo', t.boolean()),
          opt('resellerId', 'ResellerId22'),
          opt('serviceProviderExternalId', 'ExternalId'),
          opt('groupExternalId', 'ExternalId'),
          opt('userExternalId', 'ExternalId'),
          opt('userPersonId', 'PersonId'),
          opt('isPlace', t.boolean()),
          opt('locationDialingCode', 'LocationDialingCode'),
        ]
      : []),
  ];
  return extend('c:OCIDataResponse', { content: seq(...items) });
}

const VERSIONS: readonly UserGetVersion[] = ['17sp4', '18', '19', '20', '21', '21sp1', '22', '23V2'];

const loginHead = (loginType: string, locale: string): Particle[] => [
  el('loginType', loginType),
  el('locale', locale),
  el('encoding', 'Encoding'),
  opt('groupId', 'GroupId'),
  opt('serviceProviderId', 'ServiceProviderId'),
  el('isEnterprise', t.boolean()),
  opt('passwordExpiresDays', t.int()),
  el('userDomain', 'NetAddress'),
];

const commandTypes = {
  AuthenticationRequest: extend('c:OCIRequest', { content: seq(el('userId', 'UserId')) }),
  AuthenticationResponse: extend('c:OCIDataResponse', {
    content: seq(el('userId', 'UserId'), el('nonce', t.string()), el('passwordAlgorithm', 'DigitalSignatureAlgorithm')),
  }),
  LoginRequest14sp4: extend('c:OCIRequest', { content: seq(el('userId', 'UserId'), opt('signedPassword', 'SignedPassword'), opt('plainTextPassword', 'Password')) }),
  LoginResponse14sp4: extend('c:OCIDataResponse', { content: seq(...loginHead('LoginType', 'OCILocale')) }),
  LoginRequest22V5: extend('c:OCIRequest', { content: seq(el('userId', 'UserId'), opt('password', 'Password'), opt('signedPassword', 'SignedPassword')) }),
  LoginResponse22V5: extend('c:OCIDataResponse', {
    content: seq(...loginHead('LoginType22', 'OCILocale22'), opt('resellerId', 'ResellerId22'), opt('tokenRevocationTime', t.long())),
  }),
  LogoutRequest: extend('c:OCIRequest', { content: seq(el('userId', 'UserId'), opt('reason', 'LogoutRequestReason')) }),
  VerifySessionIsValidRequest: extend('c:OCIRequest'),
  SystemSoftwareVersionGetRequest: extend('c:OCIRequest'),
  SystemSoftwareVersionGetResponse: extend('c:OCIDataResponse', { content: seq(el('version', t.token())) }),
  UserIntegratedIMPGetRequest21sp1: extend('c:OCIRequest', { content: seq(el('userId', 'UserId')) }),
  UserIntegratedIMPGetResponse21sp1: extend('c:OCIDataResponse', {
    content: seq(el('isActive', t.boolean()), opt('impId', 'IMPUserId'), opt('isAlternateImpId', t.boolean(), { fixed: 'true' })),
  }),
  ...Object.fromEntries(VERSIONS.flatMap((v) => [
    [`UserGetRequest${v}`, extend('c:OCIRequest', { content: seq(el('userId', 'UserId')) })],
    [`UserGetResponse${v}`, userGetResponse(v)],
  ])),
};

export const ociAs = defineSchema({
  key: 'as',
  source: SOURCE_AS,
  namespace: null,
  elementForm: 'qualified',
  types: { ...simpleTypes, ...complexTypes, ...commandTypes },
});

/** The OCI-P rule set: check a whole document with `ociRules.check(xml)`. */
export const ociRules: SchemaSet = schemaSet(ociBase, ociAs);

/** Every command type the rules restate (the client's requests and responses, and what the lab writes). */
export const OCI_RULE_COMMAND_TYPES: readonly string[] = ['SuccessResponse', 'ErrorResponse', ...Object.keys(commandTypes)];
