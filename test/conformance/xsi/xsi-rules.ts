// Shape rules for the BroadWorks XSI namespace (http://schema.broadsoft.com/xsi, elementFormDefault
// qualified), restated by reading the public XSI R23 schema (spr-plusnet/libxsi xsd/): the types
// of every XSI document unity-connect sends, reads or serves in its lab. Written from the schema
// files named per section, never from our encoders. Elements of a type listed here are restated
// in full, including the ones our codecs do not model (so a full-form golden document can use them).
import { anyType, attr, choice, complex, defineSchema, el, extend, many, opt, seq, t, union, type TypeDef } from '../shape/index.ts';

export const XSI_NAMESPACE = 'http://schema.broadsoft.com/xsi';

// ---------------------------------------------------------------- XSIDataTypes.xsd: simple types

const NonEmptyString = t.string({ name: 'NonEmptyString', minLength: 1 });
const NonEmptyToken = t.token({ name: 'NonEmptyToken', minLength: 1 });
const NonEmptyURI = t.anyURI({ name: 'NonEmptyURI', minLength: 1 });
const PositiveInt = t.int({ name: 'PositiveInt', minInclusive: 1 });
const NonNegativeInt = t.int({ name: 'NonNegativeInt', minInclusive: 0 });
const Timestamp = t.long({ name: 'Timestamp' });
const UserId = t.token({ name: 'UserId', minLength: 1 });
const CallId = t.token({ name: 'CallId', minLength: 1 });
const tokenUpTo = (name: string, maxLength: number, minLength = 1) => t.token({ name, minLength, maxLength });
const stringUpTo = (name: string, maxLength: number) => t.string({ name, minLength: 1, maxLength });
const ServiceProviderId = t.token({ name: 'ServiceProviderId', minLength: 1, maxLength: 30 });
const SimpleThresholdBasedSeverity = t.int({ name: 'SimpleThresholdBasedSeverity', enumeration: ['0', '1', '2'] });

const simpleTypes: Record<string, TypeDef> = {
  NonEmptyString,
  NonEmptyToken,
  NonEmptyURI,
  PositiveInt,
  NonNegativeInt,
  Timestamp,
  UserId,
  CallId,
  SubscriberId: t.token({ name: 'SubscriberId', minLength: 1 }),
  ExternalTrackingId: t.token({ name: 'ExternalTrackingId', minLength: 1 }),
  // XSIBaseEvent.xsd
  ChannelId: stringUpTo('ChannelId', 256),
  ChannelSetId: stringUpTo('ChannelSetId', 256),
  EventId: stringUpTo('EventId', 256),
  SubscriptionId: stringUpTo('SubscriptionId', 256),
  EventResponseStatusCode: t.int({ name: 'EventResponseStatusCode', enumeration: ['200', '404', '481', '500', '400'] }),
  ExternalApplicationId: tokenUpTo('ExternalApplicationId', 256),
  ClientAppId: t.token({ name: 'ClientAppId', minLength: 1 }),
  ChannelTerminatedReason: t.enumeration('ChannelTerminatedReason', ['DuplicateChannelSet', 'UserDeleted', 'NonResponsiveChannel', 'ExplicitDelete', 'Expired', 'UnknownChannel']),
  // Events/XSIChannel.xsd, Events/XSISubscription.xsd
  ChannelExpiration: NonNegativeInt,
  SubscriptionExpiration: NonNegativeInt,
  EntityType: t.enumeration('EntityType', ['User', 'Group', 'ServiceProvider', 'System']),
  EventPackage: t.enumeration('EventPackage', [
    'Advanced Call', 'Basic Call', 'BroadWorks Anywhere', 'Call Center Agent', 'Call Center Agent Monitoring', 'Call Center Configuration',
    'Call Center Monitoring', 'Call Center Queue', 'Call Forwarding Always', 'Call Forwarding Always Secondary', 'Call Forwarding Busy',
    'Call Forwarding No Answer', 'Call Park', 'Call Recording', 'Call Transfer', 'Call Waiting', 'Collaborate Room', 'CommPilot Express',
    'Do Not Disturb', 'Flexible Seating Guest', 'Hoteling Guest', 'Last Number Redial', 'Meet Me Conference', 'Music On Hold', 'N-Way Call',
    'Personal Assistant', 'Push Notification Registration', 'Remote Office', 'Route Point Queue', 'Security Classification', 'Sequential Ring',
    'Silent Alerting', 'Simultaneous Ring Personal', 'Standard Call', 'Third-Party Voice Mail Support', 'Three-Way Call',
    'Voice Mail Message Summary', 'Voice Messaging',
  ]),
  // The call
  Personality: t.enumeration('Personality', ['Originator', 'Terminator', 'Click-to-Dial']),
  CallState: t.enumeration('CallState', ['Alerting', 'Active', 'Held', 'Remote Held', 'Detached', 'Released', 'Idle']),
  ReleasingParty: t.enumeration('ReleasingParty', ['localRelease', 'remoteRelease']),
  InternalReleaseCause: t.enumeration('InternalReleaseCause', [
    'Busy', 'Forbidden', 'Routing Failure', 'Global Failure', 'Request Failure', 'Server Failure', 'Translation Failure',
    'Temporarily Unavailable', 'User Not Found', 'Request Timeout', 'Dial Tone Timeout', 'Insufficient Credits',
  ]),
  CDRTerminationCause: tokenUpTo('CDRTerminationCause', 3),
  CallType: t.enumeration('CallType', ['Group', 'Enterprise', 'Network', 'Emergency', 'Repair', 'City-Wide Centrex', 'Private Dial Plan', 'Unknown', 'Error']),
  CountryCode: PositiveInt,
  Appearance: PositiveInt,
  AlternateAddressType: union('AlternateAddressType', t.int({ name: 'AlternateNumbersIndex', minInclusive: 1, maxInclusive: 10 }), t.enumeration('AlternateAddressTypeEnum', ['Fax', 'DNIS'])),
  DistinctiveRing: t.enumeration('DistinctiveRing', ['Bellcore-dr2', 'Bellcore-dr3', 'Bellcore-dr4']),
  RecallType: t.enumeration('RecallType', ['Busy Camp On Callback', 'Call Transfer Recall', 'Call Park Recall', 'Automatic Hold/Retrieve Recall', 'Executive-Assistant Call Push Recall']),
  AgentEscalation: t.enumeration('AgentEscalation', ['Normal', 'Emergency']),
  RecordingControls: t.enumeration('RecordingControls', ['none', 'record', 'pause', 'pause-stop', 'resume', 'resume-stop', 'stop']),
  RecordingState: t.enumeration('RecordingState', ['Pending', 'Started', 'Paused', 'Failed']),
  ClientSessionInfo: t.token({ name: 'ClientSessionInfo', minLength: 1 }),
  AgentDispositionCode: stringUpTo('AgentDispositionCode', 10),
  RedirectReason: t.enumeration('RedirectReason', [
    'user-busy', 'no-answer', 'unavailable', 'unconditional', 'time-of-day', 'do-not-disturb', 'deflection', 'follow-me', 'out-of-service',
    'away', 'transfer', 'voicemail', 'hunt-group', 'call-center', 'route-point', 'agent-wrap-up', 'voicexml-script-termination', 'unknown',
  ]),
  AddressOfRecord: t.token({ name: 'AddressOfRecord', minLength: 1 }),
  HookStatusType: t.enumeration('HookStatusType', ['Off-Hook', 'On-Hook']),
  RecordingStoppedReason: t.enumeration('RecordingStoppedReason', ['User Requested', 'Failure']),
  ConferenceState: t.enumeration('ConferenceState', ['Active', 'Held', 'Released']),
  ConferenceType: t.enumeration('ConferenceType', ['Barge-In', 'Silently Monitored', 'Supervisor Coached']),
  // ACD, agent
  ACDPriorityType: t.enumeration('ACDPriorityType', ['0-Highest', '1-High', '2-Medium', '3-Low']),
  CallUpdateReason: t.enumeration('CallUpdateReason', ['Call Transferred', 'Call Picked-Up', 'Call Barged-In', 'Call Monitored', 'Call Forwarded', 'Call Park Retrieved', 'Unknown']),
  AgentState: t.enumeration('AgentState', ['Sign-In', 'Available', 'Unavailable', 'Wrap-Up', 'Sign-Out']),
  AgentUnavailableCode: tokenUpTo('AgentUnavailableCode', 10),
  SkillLevel: PositiveInt,
  SimpleThresholdBasedSeverity,
  ACDGuardTimerSeconds: t.int({ name: 'ACDGuardTimerSeconds', minInclusive: 1, maxInclusive: 25 }),
  ACDConsecutiveBouncedCallsToForceAgentUnavailable: t.int({ name: 'ACDConsecutiveBouncedCallsToForceAgentUnavailable', minInclusive: 1, maxInclusive: 5 }),
  DNISName: tokenUpTo('DNISName', 40),
  // Services
  CallRecordingMode: t.enumeration('CallRecordingMode', ['always', 'never', 'on-demand', 'always-pause-resume', 'on-demand-user-start']),
  PauseResumeNotifyMethod: t.enumeration('PauseResumeNotifyMethod', ['none', 'announcement', 'beeponly']),
  RecordCallRepeatWarningToneTimerSeconds: t.int({ name: 'RecordCallRepeatWarningToneTimerSeconds', minInclusive: 10, maxInclusive: 1800 }),
  MessageMediaFileType: t.enumeration('MessageMediaFileType', ['TIF', 'WAV', 'MOV', 'MP3']),
  FileDescription: tokenUpTo('FileDescription', 256),
  SIPURI: tokenUpTo('SIPURI', 161),
  // Users
  ExternalUserIdentityId: tokenUpTo('ExternalUserIdentityId', 36),
  FirstName: tokenUpTo('FirstName', 30),
  LastName: tokenUpTo('LastName', 30),
  HiraganaLastName: tokenUpTo('HiraganaLastName', 30),
  HiraganaFirstName: tokenUpTo('HiraganaFirstName', 30),
  NameDialingLastName: tokenUpTo('NameDialingLastName', 30),
  NameDialingFirstName: tokenUpTo('NameDialingFirstName', 30),
  GroupId: tokenUpTo('GroupId', 30),
  ServiceProviderId,
  DN: tokenUpTo('DN', 23),
  Extension: tokenUpTo('Extension', 20, 2),
  YahooId: tokenUpTo('YahooId', 30),
  EmailAddress: t.token({ name: 'EmailAddress', minLength: 1 }),
  Title: tokenUpTo('Title', 50),
  AddressLine: tokenUpTo('AddressLine', 80),
  LocationInfo: tokenUpTo('LocationInfo', 50),
  DepartmentName: tokenUpTo('DepartmentName', 50),
  IMPUserId: tokenUpTo('IMPUserId', 367),
  MyRoomDetails: tokenUpTo('MyRoomDetails', 40),
  ServiceName: tokenUpTo('ServiceName', 30),
  LocationDialingCode: tokenUpTo('LocationDialingCode', 15),
  NationalPrefix: PositiveInt,
  TimeZone: tokenUpTo('TimeZone', 127),
  TimeZoneDisplayName: tokenUpTo('TimeZoneDisplayName', 127),
};

// ---------------------------------------------------------------- complex types

/** XSIDataTypes.xsd / ACD/XSIACD.xsd / CallSession/XSICallSession.xsd / Agent/XSIAgent.xsd … */
const complexTypes: Record<string, TypeDef> = {
  EmptyContent: complex(),
  /** Address: NonEmptyURI text with an optional countryCode attribute. */
  Address: complex({ simpleContent: NonEmptyURI, attributes: { countryCode: attr(PositiveInt) } }),
  PartyInformation: complex({
    content: seq(opt('name', 'NonEmptyString'), opt('address', 'Address'), opt('userId', 'UserId'), opt('userDN', 'Address'), opt('privacy', 'EmptyContent'), opt('callType', 'CallType')),
  }),
  ReleaseCause: complex({
    content: seq(el('internalReleaseCause', 'InternalReleaseCause'), opt('q850Cause', t.string()), opt('sipStatus', t.string()), opt('cdrTerminationCause', 'CDRTerminationCause')),
  }),
  Redirection: complex({ content: seq(opt('party', 'PartyInformation'), opt('reason', 'RedirectReason'), opt('counter', 'PositiveInt')) }),
  RedirectionList: complex({ content: seq(many('redirection', 'Redirection', 1)) }),
  Redirect: complex({ content: seq(opt('address', 'Address'), el('reason', 'RedirectReason'), el('redirectTime', 'Timestamp')) }),
  Endpoint: complex({ abstract: true }),
  AccessEndpoint: extend('Endpoint', { content: seq(el('addressOfRecord', 'AddressOfRecord')) }),
  NetworkEndpoint: extend('Endpoint', { abstract: true, content: seq(el('address', 'Address')) }),
  RemoteOfficeEndpoint: extend('NetworkEndpoint'),
  BroadWorksAnywhereEndpoint: extend('NetworkEndpoint'),
  ACDCallInfo: complex({
    content: seq(
      el('acdUserId', 'UserId'),
      el('acdName', 'NonEmptyString'),
      el('acdNumber', 'Address'),
      el('numCallsInQueue', 'NonNegativeInt'),
      el('waitTime', 'NonNegativeInt'),
      opt('longestWaitTime', 'NonNegativeInt'),
      opt('holdReminder', 'EmptyContent'),
      el('callingPartyInfo', 'PartyInformation'),
      opt('routePoint', 'EmptyContent'),
      opt('dispositionCode', 'AgentDispositionCode'),
      opt('postCallAgentState', 'NonEmptyString'),
    ),
  }),
  ACDOutgoingCallInfo: complex({
    content: seq(el('acdUserId', 'UserId'), el('acdName', 'NonEmptyString'), el('acdNumber', 'Address'), opt('routePoint', 'EmptyContent'), opt('dispositionCode', 'AgentDispositionCode'), opt('postCallAgentState', 'NonEmptyString')),
  }),
  /** CallSession/XSICallSession.xsd Call. */
  Call: complex({
    content: seq(
      el('callId', 'CallId'),
      el('extTrackingId', 'ExternalTrackingId'),
      opt('networkCallId', 'NonEmptyToken'),
      el('personality', 'Personality'),
      el('state', 'CallState'),
      opt('releaseCause', 'ReleaseCause'),
      opt('releasingParty', 'ReleasingParty'),
      el('remoteParty', 'PartyInformation'),
      opt('redirections', 'RedirectionList'),
      opt('redirect', 'Redirect'),
      opt('endpoint', 'Endpoint'),
      opt('appearance', 'Appearance'),
      opt('allowAnswer', 'EmptyContent'),
      opt('allowRetrieve', 'EmptyContent'),
      opt('alternateAddressType', 'AlternateAddressType'),
      opt('huntGroupUserId', 'UserId'),
      opt('distinctiveRing', 'DistinctiveRing'),
      opt('diversionInhibited', 'EmptyContent'),
      opt('recallType', 'RecallType'),
      el('startTime', 'Timestamp'),
      opt('answerTime', 'Timestamp'),
      opt('heldTime', 'Timestamp'),
      opt('totalHeldTime', 'PositiveInt'),
      opt('detachedTime', 'Timestamp'),
      opt('releaseTime', 'Timestamp'),
      opt('acdCallInfo', 'ACDCallInfo'),
      opt('agentEscalation', 'AgentEscalation'),
      opt('acdOutgoingCallInfo', 'ACDOutgoingCallInfo'),
      opt('groupCallParkLocationSelected', 'EmptyContent'),
      opt('recorded', 'EmptyContent'),
      opt('findMeFollowMeUserId', 'UserId'),
      opt('allowedRecordingControls', 'RecordingControls'),
      opt('recordingState', 'RecordingState'),
      opt('executiveUserId', 'UserId'),
      opt('recallFromParty', 'PartyInformation'),
      opt('securityClassification', 'NonEmptyToken'),
      opt('clientSessionInfo', 'ClientSessionInfo'),
    ),
  }),
  CallList: complex({ content: seq(many('call', 'Call', 1)) }),
  ConferenceParticipant: complex({ content: seq(el('callId', 'CallId'), opt('muted', 'EmptyContent'), opt('deaf', 'EmptyContent')) }),
  ConferenceParticipantList: complex({ content: seq(many('conferenceParticipant', 'ConferenceParticipant', 1)) }),
  Conference: complex({
    content: seq(opt('state', 'ConferenceState'), opt('endpoint', 'Endpoint'), opt('appearance', 'Appearance'), opt('muted', 'EmptyContent'), opt('conferenceType', 'ConferenceType'), opt('conferenceParticipantList', 'ConferenceParticipantList')),
  }),
  /** CallSession/XSICallSession.xsd CallInfo (an entry of Calls). */
  CallInfo: complex({ content: seq(el('callId', 'CallId'), opt('uri', 'NonEmptyString')), attributes: { inConference: attr(t.boolean()) } }),

  // ACD/XSIACD.xsd
  ACDQueueEntry: complex({
    content: seq(
      el('callId', 'CallId'),
      el('extTrackingId', 'ExternalTrackingId'),
      el('remoteParty', 'PartyInformation'),
      el('addTime', 'Timestamp'),
      opt('removeTime', 'Timestamp'),
      opt('mandatoryEntrance', 'EmptyContent'),
      opt('bounced', 'EmptyContent'),
      opt('reordered', 'EmptyContent'),
      opt('preservedWaitTime', 'PositiveInt'),
      el('acdName', 'NonEmptyString'),
      el('acdNumber', 'Address'),
      opt('acdPriority', 'ACDPriorityType'),
      opt('addTimeInPriorityBucket', 'Timestamp'),
      opt('preservedWaitTimeInPriorityBucket', 'PositiveInt'),
      opt('answeringUserId', 'UserId'),
      opt('answeringCallId', 'CallId'),
      opt('answeringNetworkCallId', 'NonEmptyToken'),
    ),
  }),
  ACDQueueEntryList: complex({ content: seq(many('queueEntry', 'ACDQueueEntry', 1)) }),
  NonNegativeIntWithSeverity: complex({
    content: seq(el('value', 'NonNegativeInt'), opt('severity', 'SimpleThresholdBasedSeverity'), opt('prevSeverity', 'SimpleThresholdBasedSeverity'), opt('threshold', 'NonNegativeInt')),
  }),
  TimestampWithSeverity: complex({
    content: seq(el('value', 'Timestamp'), opt('severity', 'SimpleThresholdBasedSeverity'), opt('prevSeverity', 'SimpleThresholdBasedSeverity'), opt('threshold', 'NonNegativeInt')),
  }),
  CallCenterMonitoringStatus: complex({
    content: seq(
      opt('averageHandlingTime', 'NonNegativeIntWithSeverity'),
      opt('expectedWaitTime', 'NonNegativeIntWithSeverity'),
      el('averageSpeedOfAnswer', 'NonNegativeIntWithSeverity'),
      el('longestWaitTime', 'NonNegativeIntWithSeverity'),
      el('numCallsInQueue', 'NonNegativeIntWithSeverity'),
      el('numAgentsAssigned', 'NonNegativeInt'),
      el('numAgentsStaffed', 'NonNegativeInt'),
      el('numStaffedAgentsIdle', 'NonNegativeInt'),
      el('numStaffedAgentsUnavailable', 'NonNegativeInt'),
    ),
  }),

  // Agent/XSIAgent.xsd
  ACDAgentJoinInfo: complex({ content: seq(el('acdUserId', 'UserId'), opt('joined', 'EmptyContent'), opt('skillLevel', 'SkillLevel')) }),
  ACDAgentJoinInfoList: complex({ content: seq(many('joinInfo', 'ACDAgentJoinInfo', 1)) }),
  ACDAgentJoinData: complex({ content: seq(opt('joinInfos', 'ACDAgentJoinInfoList')) }),
  ACDAgentJoinUpdateData: complex({ content: seq(opt('joinInfo', 'ACDAgentJoinInfo')) }),
  AgentStateInformation: complex({
    content: seq(
      el('state', 'AgentState'),
      el('stateTimestamp', 'TimestampWithSeverity'),
      opt('unavailableCode', 'AgentUnavailableCode'),
      opt('wrapUpCallId', 'CallId'),
      opt('signInTimestamp', 'Timestamp'),
      opt('totalAvailableTime', 'NonNegativeInt'),
      opt('averageWrapUpTime', 'NonNegativeIntWithSeverity'),
      opt('wrapUpCallCenterUserId', 'UserId'),
    ),
  }),

  // XSIDataTypes.xsd MessageSummary; Services/XSIVoiceMessagingMessages.xsd
  MessageSummary: complex({
    content: seq(opt('newMessages', 'PositiveInt'), opt('oldMessages', 'PositiveInt'), opt('newUrgentMessages', 'PositiveInt'), opt('oldUrgentMessages', 'PositiveInt')),
  }),
  VoiceMailPartyInformation: complex({ content: seq(opt('name', 'NonEmptyString'), opt('userId', 'UserId'), opt('address', 'Address'), opt('privacy', 'EmptyContent')) }),
  MessageInfo: complex({
    content: seq(
      opt('duration', 'NonNegativeInt'),
      opt('callingPartyInfo', 'VoiceMailPartyInformation'),
      opt('read', 'EmptyContent'),
      opt('urgent', 'EmptyContent'),
      opt('confidential', 'EmptyContent'),
      opt('video', 'EmptyContent'),
      opt('fax', 'EmptyContent'),
      el('time', 'Timestamp'),
      opt('faxPageCount', 'PositiveInt'),
      opt('messageId', t.string()),
    ),
  }),
  MessageInfoList: complex({ content: seq(many('messageInfo', 'MessageInfo')) }),
  MessageMediaContent: complex({ content: seq(el('description', 'FileDescription'), el('mediaType', 'MessageMediaFileType'), el('content', t.base64())) }),

  // Services/XSICallCenter.xsd
  DNISKey: complex({ content: seq(el('serviceUserId', 'UserId'), el('name', 'DNISName')) }),
  CallCenterDetails: complex({
    content: seq(
      opt('serviceUserId', 'UserId'),
      opt('available', t.boolean()),
      opt('phoneNumber', t.string()),
      opt('extension', t.string()),
      opt('type', t.string()),
      opt('priority', t.string()),
      opt('isLogOffAllowed', t.boolean()),
      opt('skillLevel', 'SkillLevel'),
    ),
  }),
  CallCenterList: complex({ content: seq(many('callCenterDetails', 'CallCenterDetails')) }),

  // XSIDataTypes.xsd users (UserDetailInfo = UserInfo + UserDetails + additionalDetails?)
  NameDialingName: complex({ content: seq(el('nameDialingLastName', 'NameDialingLastName'), el('nameDialingFirstName', 'NameDialingFirstName')) }),
  ServiceProvider: complex({ simpleContent: ServiceProviderId, attributes: { isEnterprise: attr(t.boolean()) } }),
  UserInfo: complex({
    content: seq(
      el('userId', 'UserId'),
      opt('externalId', 'ExternalUserIdentityId'),
      opt('firstName', 'FirstName', { nillable: true }),
      opt('lastName', 'LastName', { nillable: true }),
      opt('hiranganaLastName', 'HiraganaLastName', { nillable: true }),
      opt('hiranganaFirstName', 'HiraganaFirstName', { nillable: true }),
      opt('nameDialingName', 'NameDialingName'),
    ),
  }),
  UserDetails: extend('UserInfo', { content: seq(opt('groupId', 'GroupId'), opt('serviceProvider', 'ServiceProvider'), opt('number', 'DN'), opt('extension', 'Extension')) }),
  UserAdditionalDetails: complex({
    content: seq(
      opt('mobile', 'DN'),
      opt('yahooId', 'YahooId'),
      opt('pager', 'DN'),
      opt('emailAddress', 'EmailAddress'),
      opt('title', 'Title'),
      opt('location', 'AddressLine'),
      opt('addressLine1', 'AddressLine'),
      opt('addressLine2', 'AddressLine'),
      opt('city', 'LocationInfo'),
      opt('state', 'LocationInfo'),
      opt('zip', 'LocationInfo'),
      opt('country', 'LocationInfo'),
      opt('department', 'DepartmentName'),
      opt('impId', 'IMPUserId'),
      opt('bridgeId', 'MyRoomDetails'),
      opt('roomId', 'MyRoomDetails'),
      opt('serviceName', 'ServiceName'),
      opt('locationDialingCode', 'LocationDialingCode'),
    ),
  }),
  UserDetailInfo: extend('UserDetails', { content: seq(opt('additionalDetails', 'UserAdditionalDetails')) }),
  UserDetailInfoList: complex({ content: seq(many('userDetails', 'UserDetailInfo')) }),

  // Version/XSIVersions.xsd
  Version: complex({ content: seq(el('value', 'NonEmptyToken'), many('feature', 'NonEmptyString')) }),
  PatchedCommand: complex({ content: seq(el('uri', 'NonEmptyURI'), many('version', 'Version', 1)) }),
  PatchedEventPackage: complex({ content: seq(el('name', 'NonEmptyString'), many('version', 'Version', 1)) }),
  Commands: complex({ content: seq(el('baseline', 'NonEmptyToken'), many('patchedCommand', 'PatchedCommand')) }),
  EventPackages: complex({ content: seq(el('baseline', 'NonEmptyToken'), many('patchedEventPackage', 'PatchedEventPackage')) }),

  // Events/XSIChannel.xsd, Events/XSISubscription.xsd
  Channel: complex({
    content: seq(opt('channelId', 'ChannelId'), opt('channelSetId', 'ChannelSetId'), opt('priority', 'PositiveInt'), opt('weight', 'PositiveInt'), opt('expires', 'ChannelExpiration'), opt('applicationId', 'ExternalApplicationId')),
  }),
  ContactURL: complex({ content: seq(el('uri', 'NonEmptyToken')) }),
  EventPackageList: complex({ content: seq(many('event', 'EventPackage', 1)) }),
  Subscription: complex({
    content: seq(
      opt('subscriptionId', 'SubscriptionId'),
      opt('sharedSubscriptionId', 'SubscriptionId'),
      choice(opt('subscriberId', 'UserId'), opt('clientId', 'ClientAppId')),
      opt('targetIdType', 'EntityType'),
      opt('targetGrpParentId', 'NonEmptyString'),
      opt('targetId', t.string()),
      opt('targetSubId', t.string()),
      choice(opt('event', 'EventPackage'), opt('eventPackageList', 'EventPackageList')),
      opt('expires', 'SubscriptionExpiration'),
      choice(opt('httpContact', 'ContactURL'), opt('channelSetId', 'ChannelSetId')),
      opt('applicationId', 'ExternalApplicationId'),
    ),
  }),

  // XSIBaseEvent.xsd
  BaseEvent: complex({ abstract: true }),
  EventData: complex({ abstract: true }),
  EventResponse: complex({ content: seq(el('eventID', 'EventId'), el('statusCode', 'EventResponseStatusCode'), el('reason', 'NonEmptyString')) }),
  ErrorEvent: extend('BaseEvent', { content: seq(el('errorCode', t.int()), el('errorMessage', t.string())) }),
  SubscriptionEvent: extend('BaseEvent', {
    content: seq(
      el('eventID', 'EventId'),
      el('sequenceNumber', 'PositiveInt'),
      choice(el('userId', 'UserId'), el('clientId', 'ClientAppId')),
      el('externalApplicationId', 'ExternalApplicationId'),
      el('subscriptionId', 'SubscriptionId'),
      opt('sharedSubscriptionId', 'SubscriptionId'),
      choice(opt('channelId', 'ChannelId'), el('httpContact', 'ContactURL')),
      opt('targetId', 'UserId'),
      opt('targetSubId', t.string()),
      el('eventData', 'EventData'),
    ),
  }),
  ChannelTerminatedEvent: extend('BaseEvent', { content: seq(el('channelId', 'ChannelId'), el('reason', 'ChannelTerminatedReason')) }),
  SubscriptionTerminatedEvent: extend('EventData'),
};

// ---------------------------------------------------------------- eventData types

/** CallSession/Events/XSICallSessionEvents.xsd: CallEvent (abstract) = EventData + call. */
const callEventTypes = [
  'CallAnsweredEvent', 'CallBargedInEvent', 'CallClientSessionInfoUpdatedEvent', 'CallSecurityClassificationUpdatedEvent', 'CallCollectingEvent',
  'CallDetachedEvent', 'CallForwardedEvent', 'CallHeldEvent', 'CallMonitoredEvent', 'CallOriginatedEvent', 'CallOriginatingEvent', 'CallPickedUpEvent',
  'CallParkRetrievedEvent', 'CallReceivedEvent', 'CallRecordingStartingEvent', 'CallRecordingStartedEvent', 'CallRecordingPausedEvent',
  'CallRecordingResumedEvent', 'CallReleasedEvent', 'CallReleasingEvent', 'CallRetrievedEvent', 'CallTransferredEvent', 'CallUpdatedEvent',
  'PlayMusicOnHoldFailureEvent',
] as const;
/** ACD/Events/XSIACDEvents.xsd: ACDEvent (abstract) = EventData + queueEntry. */
const plainAcdEventTypes = ['ACDCallAnsweredByAgentEvent', 'ACDCallEscapedEvent', 'ACDCallOfferedToAgentEvent', 'ACDCallReleasedEvent', 'ACDWhisperStartedEvent'] as const;

const eventDataTypes: Record<string, TypeDef> = {
  CallEvent: extend('EventData', { abstract: true, content: seq(el('call', 'Call')) }),
  ...Object.fromEntries(callEventTypes.map((n) => [n, extend('CallEvent')])),
  CallRecordingStoppedEvent: extend('CallEvent', { content: seq(el('reason', 'RecordingStoppedReason')) }),
  CallSubscriptionEvent: extend('EventData', { content: seq(opt('calls', 'CallList'), opt('conference', 'Conference'), el('hookStatus', 'HookStatusType')) }),
  CallSubscriptionResyncEvent: extend('CallSubscriptionEvent'),
  CallRedirectedEvent: extend('EventData', { content: seq(el('calls', 'CallList')) }),
  HookStatusEvent: extend('EventData', { content: seq(el('hookStatus', 'HookStatusType')) }),
  ACDEvent: extend('EventData', { abstract: true, content: seq(el('queueEntry', 'ACDQueueEntry')) }),
  ...Object.fromEntries(plainAcdEventTypes.map((n) => [n, extend('ACDEvent')])),
  ACDCallAddedEvent: extend('ACDEvent', { content: seq(el('position', 'PositiveInt'), opt('redirections', 'RedirectionList')) }),
  ACDCallAbandonedEvent: extend('ACDEvent', { content: seq(opt('entrancePlaying', 'EmptyContent')) }),
  ACDCallBouncedEvent: extend('ACDEvent', { content: seq(opt('position', 'PositiveInt'), opt('redirect', 'Redirect')) }),
  ACDCallPromotedEvent: extend('ACDEvent', { content: seq(el('position', 'PositiveInt')) }),
  ACDCallReorderedEvent: extend('ACDEvent', { content: seq(el('position', 'PositiveInt')) }),
  ACDCallUpdatedEvent: extend('ACDEvent', { content: seq(opt('reason', 'CallUpdateReason')) }),
  ACDCallTransferredEvent: extend('ACDEvent', { content: seq(el('redirect', 'Redirect')) }),
  ACDSubscriptionEvent: extend('EventData', { content: seq(opt('queueEntries', 'ACDQueueEntryList')) }),
  ACDSubscriptionResyncEvent: extend('ACDSubscriptionEvent'),
  CallCenterMonitoringEvent: extend('EventData', { content: seq(el('monitoringStatus', 'CallCenterMonitoringStatus')) }),
  // Agent/Events/XSIAgentEvents.xsd
  AgentSubscriptionEvent: extend('EventData', { content: seq(el('joinData', 'ACDAgentJoinData'), opt('stateInfo', 'AgentStateInformation')) }),
  AgentStateEvent: extend('EventData', { content: seq(el('agentStateInfo', 'AgentStateInformation')) }),
  ACDAgentJoinUpdateEvent: extend('EventData', { content: seq(opt('ccAgentJoinUpdateData', 'ACDAgentJoinUpdateData')) }),
  // XSIBaseEvent.xsd ServiceEvent; Services/Events/XSICallEvents.xsd CallWaitingEvent (a service event the client does not model)
  ServiceEvent: extend('EventData', { abstract: true, content: seq(opt('unassigned', 'EmptyContent')) }),
  ActivatableServiceInfo: complex({ content: seq(opt('active', t.boolean())) }),
  CallWaitingEvent: extend('ServiceEvent', { content: seq(opt('info', 'ActivatableServiceInfo')) }),
  // Services/Events/XSIVoiceMessagingEvents.xsd
  VoiceMailMessageSummaryEvent: extend('EventData', { content: seq(el('messageSummary', 'MessageSummary')) }),
};

// ---------------------------------------------------------------- global elements

/** The XSI schema set's global elements our documents use as roots. */
export const xsiSchema = defineSchema({
  key: 'xsi',
  source: 'XSI R23 (spr-plusnet/libxsi xsd/)',
  namespace: XSI_NAMESPACE,
  elementForm: 'qualified',
  types: { ...simpleTypes, ...complexTypes, ...eventDataTypes },
  elements: {
    // XSIBaseEvent.xsd, Events/*
    Event: { type: 'BaseEvent' },
    EventResponse: { type: 'EventResponse' },
    Channel: { type: 'Channel' },
    ChannelHeartBeat: { type: anyType },
    Subscription: { type: 'Subscription' },
    // XSIDataTypes.xsd
    ErrorInfo: { type: complex({ content: seq(opt('summary', 'NonEmptyString'), el('summaryEnglish', 'NonEmptyString'), el('errorCode', t.int())) }) },
    CallStartInfo: { type: complex({ content: seq(el('callId', 'CallId'), el('externalTrackingId', 'ExternalTrackingId')) }) },
    // CallSession/XSICallSession.xsd
    Calls: { type: complex({ content: seq(many('call', 'CallInfo')) }) },
    VoiceMailMessageSummary: { type: complex({ content: seq(el('summary', 'MessageSummary')) }) },
    // Services/XSIVoiceMessagingMessages.xsd
    VoiceMessagingMessages: { type: complex({ content: seq(el('messageInfoList', 'MessageInfoList')) }) },
    VoiceMessage: { type: complex({ content: seq(el('messageInfo', 'MessageInfo'), el('messageMediaContent', 'MessageMediaContent')) }) },
    // Services/XSICallCenter.xsd
    CallCenter: {
      type: complex({
        content: seq(
          opt('agentACDState', 'AgentState'),
          opt('agentUnavailableCode', 'AgentUnavailableCode', { nillable: true }),
          opt('useDefaultGuardTimer', t.boolean()),
          opt('enableGuardTimer', t.boolean()),
          opt('guardTimerSeconds', 'ACDGuardTimerSeconds'),
          opt('useSystemDefaultUnavailableSettings', t.boolean()),
          opt('forceAgentUnavailableOnDNDActivation', t.boolean()),
          opt('forceUnavailableOnPersonalCalls', t.boolean()),
          opt('forceAgentUnavailableOnBouncedCallLimit', t.boolean()),
          opt('numberConsecutiveBouncedCallsToForceAgentUnavailable', 'ACDConsecutiveBouncedCallsToForceAgentUnavailable'),
          opt('makeOutgoingCallsAsCallCenter', t.boolean()),
          opt('outgoingCallDNIS', 'DNISKey', { nillable: true }),
          opt('callCenterList', 'CallCenterList'),
        ),
      }),
    },
    // ACD/XSIACD.xsd
    ACDQueue: { type: complex({ content: seq(opt('queueEntries', 'ACDQueueEntryList')) }) },
    // Services/XSICallRecording.xsd
    CallRecording: {
      type: complex({
        content: seq(
          opt('recordingMode', 'CallRecordingMode'),
          opt('pauseResumeNotifyMethod', 'PauseResumeNotifyMethod'),
          opt('recordVoiceMessaging', t.boolean()),
          opt('playCallRecordingStartStopAnnouncement', t.boolean()),
          opt('playCallRecordingWarningTone', t.boolean()),
          opt('playCallRecordingWarningToneSeconds', 'RecordCallRepeatWarningToneTimerSeconds'),
        ),
      }),
    },
    // Services/XSIBusyLampField.xsd
    BusyLampField: { type: complex({ content: seq(opt('listURI', 'SIPURI', { nillable: true }), opt('monitoredUserList', 'UserDetailInfoList', { nillable: true })) }) },
    // Profile/XSIProfile.xsd
    Profile: {
      type: complex({
        content: seq(
          el('details', 'UserDetails'),
          el('additionalDetails', 'UserAdditionalDetails'),
          opt('passwordExpiresDays', t.int()),
          opt('fac', t.anyURI()),
          opt('registrations', t.anyURI()),
          opt('scheduleList', t.anyURI()),
          opt('portalPasswordChange', t.anyURI()),
          opt('countryCode', 'CountryCode'),
          opt('nationalPrefix', 'NationalPrefix'),
          opt('timeZone', 'TimeZone'),
          opt('timeZoneDisplayName', 'TimeZoneDisplayName'),
        ),
      }),
    },
    // Version/XSIVersions.xsd
    Versions: { type: complex({ content: seq(el('commands', 'Commands'), opt('eventPackages', 'EventPackages')) }) },
  },
});
