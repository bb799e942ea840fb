// The ErrorResponses the lab OCS writes (oci-p.md §7): the code sits in the summary text as
// "[Error NNNN] …", errorCode element omitted as real servers often do. Every piece of client
// input quoted back is bounded (issue 9: a 1 MB userId must not come back twice in a 2 MB error).
import type { OciErrorResponse } from '../../codecs/oci/types.ts';

function error(code: number, text: string, detail?: string): OciErrorResponse {
  const summary = `[Error ${code}] ${text}`;
  return { type: 'ErrorResponse', errorType: 'Error', echo: '', summary, summaryEnglish: summary, ...(detail ? { detail } : {}) };
}

/** The longest client value quoted back: UserId's maxLength in the OCI-P schema (OCISchemaDataTypes.xsd). */
export const MAX_ECHO_CHARS = 161;

/**
 * Client input as the lab quotes it: at most MAX_ECHO_CHARS characters, one line.
 *
 * @example
 *   bounded('x'.repeat(1_000_000)).length; // 162 (161 characters and an ellipsis)
 */
export function bounded(value: string, max = MAX_ECHO_CHARS): string {
  const line = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** oci-p.md §7: wrong password (real text). */
export const invalidPassword = (): OciErrorResponse => error(4962, 'Invalid password');
/** oci-p.md §7: unknown user (real text, "User not found: <userId>"). */
export const userNotFound = (userId: string): OciErrorResponse => error(4008, `User not found: ${bounded(userId)}`);

/**
 * A command type this release does not have (a newer UserGetRequest, LoginRequest22V5 before R22,
 * a typo): the OCS validates each request against its own schema and refuses the type. Summary and
 * the detail's first line as a real server wrote them for an unknown type
 * (hyperioxx/broadsoft tests/requestobjects/test_broadsoftrequest.py). The real detail goes on to
 * quote the whole command; the lab quotes only the bounded type name.
 */
export const unknownCommandType = (type: string): OciErrorResponse =>
  error(6004, 'OCI XML Request validation error', `Invalid xsi:type qname: '${bounded(type, 80)}' in element BroadsoftDocument@C`);

/** A request of a known type that its schema refuses (missing element, value too long ...): same code, detail names the element. */
export const requestValidation = (why: string): OciErrorResponse => error(6004, 'OCI XML Request validation error', bounded(why, 200));

// Lab-defined codes (oci-p.md §5.3: "code lab-defined") — documented, not claimed real.
export const notLoggedIn = (): OciErrorResponse => error(4003, 'Session is not authorized: log in first');
export const loginFirstAuthenticate = (): OciErrorResponse =>
  error(4962, 'Invalid password', 'no AuthenticationRequest nonce for this user on this session');
export const cleartextRefused = (): OciErrorResponse =>
  error(4962, 'Invalid password', 'cleartext passwords are accepted only over TLS on this server');
/**
 * A request the logged-in user may not run (a system-level request, another user's profile). The
 * "[Error 4003] Unauthorized request" text is the BroadWorks form a third-party client quotes for
 * that case (not a capture of this exact request): INFERRED.
 */
export const unauthorizedRequest = (type: string): OciErrorResponse => error(4003, `Unauthorized request: ${bounded(type, 80)}`);
