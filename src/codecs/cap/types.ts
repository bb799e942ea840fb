// CAP message model (cap.md). No namespaces, no xsi:type: the `commandType` attribute names the
// message (FACT, clients). `userId` is the BroadWorks user id: a child `<id>` in registration
// messages, an `id` attribute elsewhere (cap.md §3 "the inconsistency the clients follow").

export type CapUserType = 'CallClient' | 'AttendantConsole' | (string & {});

/** The user reference carried as attributes of `<user>` after registration. */
export interface CapUserRef {
  readonly userType?: CapUserType;
  readonly userUid?: string;
  readonly userId?: string;
}

/** Present when an update concerns a monitored user (cap.md §6/§9). */
export interface CapMonitoredTags {
  readonly monitoredUserUid?: string;
  readonly monitoredUserId?: string;
}

export interface CapRegisterAuthentication {
  readonly type: 'registerAuthentication';
  readonly userType: CapUserType;
  readonly userId: string;
  readonly applicationId: string;
}
export interface CapResponseAuthentication {
  readonly type: 'responseAuthentication';
  readonly userType?: CapUserType;
  readonly userId: string;
  readonly applicationId: string;
  readonly nonce: string;
  /** MD5 assumed, as in OCI-P (cap.md §12). */
  readonly algorithm: string;
}
export interface CapRegisterRequest {
  readonly type: 'registerRequest';
  readonly userType: CapUserType;
  readonly userId: string;
  /** Same recipe as OCI signedPassword (cap.md §3): use ociSignedPassword(nonce, password). */
  readonly securePassword: string;
  readonly applicationId: string;
}
export interface CapRegisterResponse {
  readonly type: 'registerResponse';
  readonly userType?: CapUserType;
  /** Set on success (cap.md §3). */
  readonly userUid?: string;
  readonly userId?: string;
  readonly applicationId?: string;
  /** Set on failure; `cause` values are UNVERIFIED. */
  readonly failure?: { readonly cause?: string };
}
export interface CapAcknowledgement {
  readonly type: 'acknowledgement';
  readonly userType: CapUserType;
  readonly userId: string;
  readonly userUid?: string;
  /** Clients acknowledge only registerResponse (cap.md §3). */
  readonly messageName: string;
  readonly applicationId: string;
}
export interface CapUnRegister extends CapUserRef {
  readonly type: 'unRegister';
  readonly userLogoutReason?: string; // "ClientLogout" from the client
  readonly applicationId?: string;
}

/** cap.md §5 action types with their actionParam names. */
export type CapAction =
  | { readonly actionType: 'Dial'; readonly number: string }
  | { readonly actionType: 'Redial' }
  | { readonly actionType: 'Answer' | 'Release' | 'Hold'; readonly callId: string }
  | { readonly actionType: 'Xfer'; readonly callId: string; readonly number: string }
  | { readonly actionType: 'XferConsult'; readonly callId: string; readonly targetCallId: string }
  | { readonly actionType: 'ConfStart'; readonly callIds: readonly string[] };
export type CapActionType = CapAction['actionType'];

export interface CapCallAction extends CapUserRef {
  readonly type: 'callAction';
  readonly action: CapAction;
  readonly applicationId: string;
}

/** cap.md §6 call children, in the order the clients list them. */
export interface CapCall {
  readonly callId: string;
  readonly extTrackingId?: string;
  /** 0 idle, 1 alerting, 2 active, 3 held by this user, 4 held by the remote party, 5 released. */
  readonly state?: number;
  readonly remoteNumber?: string;
  readonly remoteName?: string;
  readonly callCenterUserId?: string;
  readonly appearance?: string;
  /** Codes UNVERIFIED; the lab documents its own mapping. */
  readonly personality?: number;
  readonly callType?: string;
  readonly remoteCountryCode?: string;
  readonly localAltType?: string;
  readonly linePort?: string;
  readonly localNumber?: string;
  readonly redirectToNum?: string;
  readonly redirectToReason?: string;
  readonly redirectFromCountryCode?: string;
  readonly redirectFromNumber?: string;
  readonly redirectFromName?: string;
  readonly redirectFromReason?: string;
  readonly redirectFromCounter?: string;
  readonly releaseCause?: string;
}
export interface CapCallUpdate extends CapUserRef, CapMonitoredTags {
  readonly type: 'callUpdate';
  readonly call: CapCall;
}

export interface CapConference {
  /** `Active` | `Held` | `Released`. */
  readonly state: string;
  readonly callIds: readonly string[];
  readonly appearance?: string;
}
export interface CapSessionUpdate extends CapUserRef, CapMonitoredTags {
  readonly type: 'sessionUpdate';
  readonly offHook: boolean;
  readonly numCalls: number;
  readonly conference?: CapConference;
}

export const CAP_PROFILE_FIELDS = [
  'firstName', 'lastName', 'phone', 'extension', 'locationCode', 'countryCode', 'nationalPrefix', 'mobile', 'pager', 'email',
  'department', 'title', 'voiceMessaging', 'voiceMessagingGroup', 'thirdPartyVoiceMessaging', 'thirdPartyVMGroup', 'dnd', 'cpe', 'acdState',
] as const;
export type CapProfileField = (typeof CAP_PROFILE_FIELDS)[number];

export interface CapProfileUpdate extends CapUserRef, CapMonitoredTags {
  readonly type: 'profileUpdate';
  readonly profile: Readonly<Partial<Record<CapProfileField, string>>>;
  /** Call forwarding always: element text and its `cfaDestination` attribute. */
  readonly cfa?: { readonly value: string; readonly destination?: string };
}

export interface CapMonitoringUsersRequest extends CapUserRef {
  readonly type: 'monitoringUsersRequest';
  readonly monType: 'Add' | 'Delete';
  readonly users: readonly string[];
  readonly applicationId: string;
}
/** Content UNVERIFIED (cap.md §9); lab-defined: the accepted list, same shape as the request. */
export interface CapMonitoringUsersResponse extends CapUserRef {
  readonly type: 'monitoringUsersResponse';
  readonly monType?: 'Add' | 'Delete';
  readonly users: readonly string[];
}
export interface CapServerStatusRequest extends CapUserRef {
  readonly type: 'serverStatusRequest';
  readonly applicationId: string;
}
/** Lab-defined (cap.md §10: no known reply; an optional lab scenario answers with this). */
export interface CapServerStatusResponse extends CapUserRef {
  readonly type: 'serverStatusResponse';
  readonly applicationId?: string;
}

export type CapMessage =
  | CapRegisterAuthentication
  | CapResponseAuthentication
  | CapRegisterRequest
  | CapRegisterResponse
  | CapAcknowledgement
  | CapUnRegister
  | CapCallAction
  | CapCallUpdate
  | CapSessionUpdate
  | CapProfileUpdate
  | CapMonitoringUsersRequest
  | CapMonitoringUsersResponse
  | CapServerStatusRequest
  | CapServerStatusResponse;
export type CapMessageType = CapMessage['type'];

export interface CapDocument<M extends CapMessage = CapMessage> {
  /** Root `version` attribute; `14.0` by default (one client sends `15.0` on callAction). */
  readonly version: string;
  readonly message: M;
}
