// The CTI request elements the client uses (cti-xsi.md §2.4): each wraps one XSI call with a
// fixed method and an XSI URI template `/-context-/v2.0/…` with `%name%` placeholders.
//
// PROPOSED (§2.5) and adopted: the encoder sends the substituted `uri` AND the `params`; the
// decoder takes `params` first and, where a value is missing, reads it back from a substituted
// `uri`; a `uri` that still holds `%…%` placeholders is accepted (the only public example does so).
// PROJECT: parameter names are lower-case (subscriberid, callid, …) and matched case-insensitively
// (§5: `subscriberId` vs `subscriberid`). A `?%name%` query placeholder becomes `name=value` and is
// dropped when the parameter is absent. Path values are percent-encoded except `@`.

export const CTI_NS = 'http://schema.broadsoft.com/CTI';

export type CtiMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

const EVENTS = '/com.broadsoft.xsi-events/v2.0';
const ACTIONS = '/com.broadsoft.xsi-actions/v2.0';
const CALL = `${ACTIONS}/user/%subscriberid%/calls/%callid%`;

export const CTI_COMMANDS = {
  AddChannelRequest: { method: 'POST', uri: `${EVENTS}/channel` },
  UpdateChannelRequest: { method: 'PUT', uri: `${EVENTS}/channel/%channelid%` },
  DeleteChannelRequest: { method: 'DELETE', uri: `${EVENTS}/channel/%channelid%` },
  AddUserSubscriptionRequest: { method: 'POST', uri: `${EVENTS}/user/%userid%` },
  UpdateSubscriptionRequest: { method: 'PUT', uri: `${EVENTS}/subscription/%subscriptionid%` },
  DeleteSubscriptionRequest: { method: 'DELETE', uri: `${EVENTS}/subscription/%subscriptionid%` },
  DialRequest: { method: 'POST', uri: `${ACTIONS}/user/%subscriberid%/calls/new?%address%` },
  TalkRequest: { method: 'PUT', uri: `${CALL}/talk` },
  HoldRequest: { method: 'PUT', uri: `${CALL}/hold` },
  ReleaseRequest: { method: 'DELETE', uri: `${CALL}?%decline%` },
  BlindTransferRequest: { method: 'PUT', uri: `${CALL}/blindtransfer?%address%` },
  ConsultativeTransferRequest: { method: 'PUT', uri: `${ACTIONS}/user/%subscriberid%/calls/%callid1%/ConsultTransfer/%callid2%` },
  RetrieveCallIdInfoListRequest: { method: 'GET', uri: `${ACTIONS}/user/%subscriberid%/calls` },
  RecordRequest: { method: 'PUT', uri: `${CALL}/record` },
  PauseRecordingRequest: { method: 'PUT', uri: `${CALL}/pauseRecording` },
  ResumeRecordingRequest: { method: 'PUT', uri: `${CALL}/resumeRecording` },
  StopRecordingRequest: { method: 'PUT', uri: `${CALL}/stopRecording` },
  GetAgentStateRequest: { method: 'GET', uri: `${ACTIONS}/user/%subscriberid%/services/callcenter` },
  SetAgentStateRequest: { method: 'PUT', uri: `${ACTIONS}/user/%subscriberid%/services/callcenter` },
  GetACDRequest: { method: 'GET', uri: `${ACTIONS}/callcenter/%callcenterid%/calls` },
} as const satisfies Record<string, { method: CtiMethod; uri: string }>;

export type CtiCommandName = keyof typeof CTI_COMMANDS;
export const CTI_COMMAND_NAMES = Object.keys(CTI_COMMANDS) as CtiCommandName[];

export function isCtiCommandName(name: string): name is CtiCommandName {
  return Object.hasOwn(CTI_COMMANDS, name);
}

/** Placeholder names of a command, path ones first, then query ones. */
export function placeholders(name: CtiCommandName): { path: string[]; query: string[] } {
  const [path, query = ''] = CTI_COMMANDS[name].uri.split('?') as [string, string?];
  const names = (s: string) => [...s.matchAll(/%([a-z0-9]+)%/g)].map((m) => m[1]!);
  return { path: names(path), query: names(query) };
}

function encodePathValue(value: string): string {
  return encodeURIComponent(value).replace(/%40/g, '@');
}

/** The URI with placeholders substituted; undefined when a path parameter is missing. */
export function substituteUri(name: CtiCommandName, params: Readonly<Record<string, string>>): string | undefined {
  const [path, query] = CTI_COMMANDS[name].uri.split('?') as [string, string?];
  let missing = false;
  const filled = path.replace(/%([a-z0-9]+)%/g, (_, p: string) => {
    const v = params[p];
    if (v === undefined) missing = true;
    return encodePathValue(v ?? '');
  });
  if (missing) return undefined;
  if (query === undefined) return filled;
  const pairs = [...query.matchAll(/%([a-z0-9]+)%/g)]
    .map((m) => m[1]!)
    .filter((p) => params[p] !== undefined)
    .map((p) => `${p}=${encodeURIComponent(params[p]!)}`);
  return pairs.length === 0 ? filled : `${filled}?${pairs.join('&')}`;
}

/**
 * Reads parameter values back from a substituted URI (matched case-insensitively on the literal
 * segments, §5 "path-segment case"). Returns {} when the URI does not fit the template.
 */
export function paramsFromUri(name: CtiCommandName, uri: string): Record<string, string> {
  const [templatePath] = CTI_COMMANDS[name].uri.split('?') as [string];
  const [path, query] = uri.split('?') as [string, string?];
  const out: Record<string, string> = {};
  const names: string[] = [];
  const pattern = templatePath
    .split(/(%[a-z0-9]+%)/)
    .map((part) => {
      const m = /^%([a-z0-9]+)%$/.exec(part);
      if (m) {
        names.push(m[1]!);
        return '([^/?]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const match = new RegExp(`^${pattern}$`, 'i').exec(path);
  if (!match) return {};
  try {
    names.forEach((n, i) => (out[n] = decodeURIComponent(match[i + 1]!)));
    if (query !== undefined) {
      const wanted = new Set(placeholders(name).query);
      for (const pair of query.split('&')) {
        const eq = pair.indexOf('=');
        if (eq <= 0) continue;
        const key = pair.slice(0, eq).toLowerCase();
        if (wanted.has(key)) out[key] = decodeURIComponent(pair.slice(eq + 1));
      }
    }
  } catch {
    return {}; // malformed percent-encoding: no values from the URI
  }
  return out;
}
