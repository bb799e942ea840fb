import type { Endpoint, ProtocolPlanErrorCode } from './types.ts';

/** The result of resolving one endpoint: the endpoint and its notes, or a stop with a reason. */
export type EndpointOutcome =
  | { ok: true; endpoint: Endpoint; notes: string[] }
  | { ok: false; code: ProtocolPlanErrorCode; message: string };

/** Notes that point at a likely misconfiguration start with this word. */
export const WARNING = 'Warning:';
