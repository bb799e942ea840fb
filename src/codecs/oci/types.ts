// OCI-P message model (oci-p.md). `type` is the xsi:type local name. `echo` is the command's
// optional echo attribute (OCISchemaBASE.xsd OCICommand): real servers write echo="" on every
// response; decoded only when present.

export const OCI_NS = 'C';
export const OCI_MAX_COMMANDS = 15; // oci-p.md §3: 1 to 15 command elements

interface CommandBase {
  readonly echo?: string;
}

// ---- requests (C→S; LogoutRequest also S→C) ----
export interface OciAuthenticationRequest extends CommandBase {
  readonly type: 'AuthenticationRequest';
  readonly userId: string;
}
export interface OciLoginRequest14sp4 extends CommandBase {
  readonly type: 'LoginRequest14sp4';
  readonly userId: string;
  readonly signedPassword?: string;
  /** Cleartext; the encoder refuses it unless the connection is TLS (oci-p.md §5.2 project rule). */
  readonly plainTextPassword?: string;
}
export interface OciLoginRequest22V5 extends CommandBase {
  readonly type: 'LoginRequest22V5';
  readonly userId: string;
  /** Cleartext; the encoder refuses it unless the connection is TLS (oci-p.md §5.2 project rule). */
  readonly password?: string;
  readonly signedPassword?: string;
}
export type OciLogoutReason = 'Client Logout' | 'Server Connection Failure' | 'Open Client Server Forced Logout' | (string & {});
export interface OciLogoutRequest extends CommandBase {
  readonly type: 'LogoutRequest';
  readonly userId: string;
  /** Schema enum, but real clients send other text ("Connection close"), oci-p.md §2. */
  readonly reason?: OciLogoutReason;
}
export interface OciSystemSoftwareVersionGetRequest extends CommandBase {
  readonly type: 'SystemSoftwareVersionGetRequest';
}
export const USER_GET_VERSIONS = ['17sp4', '18', '19', '20', '21', '21sp1', '22', '23V2'] as const;
export type OciUserGetVersion = (typeof USER_GET_VERSIONS)[number];
export interface OciUserGetRequest extends CommandBase {
  readonly type: `UserGetRequest${OciUserGetVersion}`;
  readonly userId: string;
}
export interface OciUserIntegratedIMPGetRequest21sp1 extends CommandBase {
  readonly type: 'UserIntegratedIMPGetRequest21sp1';
  readonly userId: string;
}
export interface OciVerifySessionIsValidRequest extends CommandBase {
  readonly type: 'VerifySessionIsValidRequest';
}

// ---- responses (S→C) ----
export interface OciSuccessResponse extends CommandBase {
  readonly type: 'SuccessResponse';
}
export type OciErrorType = 'Error' | 'Warning' | 'Info';
export interface OciErrorResponse extends CommandBase {
  readonly type: 'ErrorResponse';
  /** The `type` attribute (oci-p.md §7: an attribute, not a child element). */
  readonly errorType: OciErrorType;
  readonly errorCode?: number;
  readonly summary: string;
  readonly summaryEnglish: string;
  readonly detail?: string;
}
export interface OciAuthenticationResponse extends CommandBase {
  readonly type: 'AuthenticationResponse';
  readonly userId: string;
  readonly nonce: string;
  readonly passwordAlgorithm: string; // only enum value: MD5
}
export interface OciLoginFields {
  readonly loginType: string;
  readonly locale: string;
  readonly encoding: string;
  readonly groupId?: string;
  readonly serviceProviderId?: string;
  readonly isEnterprise: boolean;
  readonly passwordExpiresDays?: number;
  readonly userDomain: string;
}
export interface OciLoginResponse14sp4 extends CommandBase, OciLoginFields {
  readonly type: 'LoginResponse14sp4';
}
export interface OciLoginResponse22V5 extends CommandBase, OciLoginFields {
  readonly type: 'LoginResponse22V5';
  readonly resellerId?: string;
  /** Epoch milliseconds. */
  readonly tokenRevocationTime?: number;
}
export interface OciSystemSoftwareVersionGetResponse extends CommandBase {
  readonly type: 'SystemSoftwareVersionGetResponse';
  readonly version: string;
}
/** The UserGetResponse fields unity-connect reads or the lab writes (oci-p.md §9), schema order. */
export interface OciUserProfile {
  readonly serviceProviderId: string;
  readonly groupId: string;
  /** Only in UserGetResponse22 and later (21sp1 and older omit it). */
  readonly userId?: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly callingLineIdLastName?: string;
  readonly callingLineIdFirstName?: string;
  readonly phoneNumber?: string;
  readonly extension?: string;
  readonly callingLineIdPhoneNumber?: string;
  readonly language?: string;
  readonly timeZone?: string;
  readonly timeZoneDisplayName?: string;
  readonly defaultAlias?: string;
  readonly title?: string;
  readonly mobilePhoneNumber?: string;
  readonly emailAddress?: string;
  readonly countryCode?: string;
  /** Integrated IM&P id (the XMPP id); absent from 17sp4 (oci-p.md §9). */
  readonly impId?: string;
  /** UserGetResponse23V2 only, where the schema requires it (xs:boolean). */
  readonly allowVideo?: boolean;
}
export interface OciUserGetResponse extends CommandBase, OciUserProfile {
  readonly type: `UserGetResponse${OciUserGetVersion}`;
}
export interface OciUserIntegratedIMPGetResponse21sp1 extends CommandBase {
  readonly type: 'UserIntegratedIMPGetResponse21sp1';
  readonly isActive: boolean;
  readonly impId?: string;
  /** Fixed to true by the schema: present (true) only for an alternate IM&P id. */
  readonly isAlternateImpId?: boolean;
}

export type OciRequest =
  | OciAuthenticationRequest
  | OciLoginRequest14sp4
  | OciLoginRequest22V5
  | OciLogoutRequest
  | OciSystemSoftwareVersionGetRequest
  | OciUserGetRequest
  | OciUserIntegratedIMPGetRequest21sp1
  | OciVerifySessionIsValidRequest;

export type OciResponse =
  | OciSuccessResponse
  | OciErrorResponse
  | OciAuthenticationResponse
  | OciLoginResponse14sp4
  | OciLoginResponse22V5
  | OciSystemSoftwareVersionGetResponse
  | OciUserGetResponse
  | OciUserIntegratedIMPGetResponse21sp1
  | OciLogoutRequest; // pushed by the OCS (oci-p.md §6)

export type OciCommand = OciRequest | OciResponse;
export type OciCommandType = OciCommand['type'];

export interface OciDocument<C extends OciCommand = OciCommand> {
  /** `OCI` (default) or `NSOCI`. */
  readonly protocol?: 'OCI' | 'NSOCI';
  readonly sessionId: string;
  readonly trackingId?: string;
  readonly commands: readonly C[];
}
