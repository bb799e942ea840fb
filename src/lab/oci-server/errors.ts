// The ErrorResponses the lab OCS writes (oci-p.md §7): the code sits in the summary text as
// "[Error NNNN] …", errorCode element omitted as real servers often do.
import type { OciErrorResponse } from '../../codecs/oci/types.ts';

function error(code: number, text: string, detail?: string): OciErrorResponse {
  const summary = `[Error ${code}] ${text}`;
  return { type: 'ErrorResponse', errorType: 'Error', echo: '', summary, summaryEnglish: summary, ...(detail ? { detail } : {}) };
}

/** oci-p.md §7: wrong password. */
export const invalidPassword = (): OciErrorResponse => error(4962, 'Invalid password');
/** oci-p.md §7: unknown user. */
export const userNotFound = (userId: string): OciErrorResponse => error(4008, `User not found: ${userId}`);

// Lab-defined codes (oci-p.md §5.3: "code lab-defined") — documented, not claimed real.
export const notLoggedIn = (): OciErrorResponse => error(4003, 'Session is not authorized: log in first');
export const loginFirstAuthenticate = (): OciErrorResponse =>
  error(4962, 'Invalid password', 'no AuthenticationRequest nonce for this user on this session');
export const cleartextRefused = (): OciErrorResponse =>
  error(4962, 'Invalid password', 'cleartext passwords are accepted only over TLS on this server');
export const notAuthorized = (what: string): OciErrorResponse => error(4410, `Access denied: ${what}`);
export const unsupportedRequest = (type: string): OciErrorResponse =>
  error(4001, `Request not supported by this server release: ${type.slice(0, 80)}`);
export const badRequest = (why: string): OciErrorResponse => error(4000, `Invalid request: ${why.slice(0, 120)}`);
