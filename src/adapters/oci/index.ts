// OCI-P driver (issue 5, "Drivers"): the shared OCS stream, the OCI link, release ladder, machine events.
export { openBroadsoftStream } from './broadsoft-stream.ts';
export type { BroadsoftStream, BroadsoftStreamEnd, BroadsoftStreamOptions, BroadsoftInbound, BroadsoftProtocol } from './broadsoft-stream.ts';
export { createOciLink } from './oci-link.ts';
export type { IdSource, OciLink, OciLinkEvent, OciLinkOptions, OciLoginInfo, OciLoginRequest, OciOrganisation, OciUserProfileInfo } from './oci-link.ts';
export type { OciFailure, Outcome } from './oci-failure.ts';
export { parseRelease, userGetVersionFor, hasIntegratedImpRequest, USER_GET_LADDER } from './oci-release.ts';
export type { BroadWorksRelease } from './oci-release.ts';
export { connectionEventOfLink, authenticationEvent, keepaliveEvent } from './connection-events.ts';
