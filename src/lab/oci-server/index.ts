export { startOciServer } from './oci-server.ts';
export type { OciLabServer } from './oci-server.ts';
export type { OciServerOptions, OciDirectoryUser } from './types.ts';
export { releaseMajor, releaseOf, releaseAtLeast, DEFAULT_OCI_TIMEOUTS, type OciServerTimeouts, type LabRelease } from './types.ts';
export { CAP_FAILURE } from './cap-session.ts';
export { CAP_STATE, CAP_PERSONALITY } from './cap-mapping.ts';
