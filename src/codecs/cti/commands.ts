// The CTI request elements the client uses, restated from the public CTI schema
// (CTISchema/Events/CTIChannel.xsd, CTISubscription.xsd, CallSession/CTICallSession.xsd,
// Agent/CTIAgent.xsd, ACD/CTIACD.xsd). Each element restricts xsp:RequestPayload to: `uri` (the XSI
// URI template `/-context-/v2.0/…`, placeholders `%name%`), `method` (fixed per element),
// `version`, `params` (a sequence of named values, in the schema's order and spelling — mostly
// lower-case, but `channelId`, `subscriptionId`, `userId`, and `callId` in RecordRequest) and
// `payload` (required; empty, or exactly one XSI body).
//
// PROPOSED (cti-xsi.md §2.5) and adopted: the encoder sends the substituted `uri` AND the `params`;
// the decoder takes `params` first and, where a value is missing, reads it back from a substituted
// `uri`; a `uri` that still holds `%…%` placeholders is accepted (the only public example does so).
// Parameter names are written exactly as the schema declares them and read case-insensitively
// (§5: the public example writes `subscriberId` where the schema declares `subscriberid`). A
// `?%name%` query placeholder becomes `name=value` and is dropped when the parameter is absent.
// Path values are percent-encoded except `@`.

export const CTI_NS = 'http://schema.broadsoft.com/CTI';

export type CtiMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The simple type of a parameter, as the schema declares it: `token` (xsi:SubscriberId, CallId,
 * NonEmptyToken, and Address — a NonEmptyURI: non-empty, whitespace-collapsed), `nonEmpty`
 * (xsi:ChannelId, a NonEmptyString), `string` (xs:string), `boolean` (xs:boolean), or an
 * enumeration's values.
 */
export type CtiParamType = 'token' | 'nonEmpty' | 'string' | 'boolean' | readonly string[];

/** One `params` child: its schema name, whether the schema requires it (minOccurs 1), its type. */
export interface CtiParam {
  readonly name: string;
  readonly required: boolean;
  readonly type: CtiParamType;
}

export interface CtiCommandSpec {
  readonly method: CtiMethod;
  /** The substituted form's template: `-context-` filled in, placeholders as the schema writes them. */
  readonly uri: string;
  /** The `params` sequence, in schema order. */
  readonly params: readonly CtiParam[];
  /** The XSI body the `payload` element must hold, or null for an empty `<payload/>` (xsp:EmptyPayload). */
  readonly payload: 'Channel' | 'Subscription' | 'CallCenter' | null;
}

const EVENTS = '/com.broadsoft.xsi-events/v2.0';
const ACTIONS = '/com.broadsoft.xsi-actions/v2.0';
const CALL = `${ACTIONS}/user/%subscriberid%/calls/%callid%`;

const req = (name: string, type: CtiParamType = 'token'): CtiParam => ({ name, required: true, type });
const opt = (name: string, type: CtiParamType = 'token'): CtiParam => ({ name, required: false, type });
/** XSIDataTypes.xsd ClickToDialLocationEnum. */
const CLICK_TO_DIAL_LOCATIONS = ['Primary', 'BroadWorksAnywhere', 'SharedCallAppearance', 'Mobility', 'FlexibleSeatingGuest', 'All'] as const;
/** Talk, Hold, Release declare callid as xsi:CallId; BlindTransfer and the recording controls as xs:string. */
const ON_CALL = [req('subscriberid'), req('callid')];
const ON_CALL_STRING = [req('subscriberid'), req('callid', 'string')];
const spec = (method: CtiMethod, uri: string, params: CtiParam[], payload: CtiCommandSpec['payload'] = null): CtiCommandSpec => ({ method, uri, params, payload });

export const CTI_COMMANDS = {
  // CTIChannel.xsd
  AddChannelRequest: spec('POST', `${EVENTS}/channel`, [], 'Channel'),
  UpdateChannelRequest: spec('PUT', `${EVENTS}/channel/%channelId%`, [req('channelId', 'nonEmpty')], 'Channel'),
  DeleteChannelRequest: spec('DELETE', `${EVENTS}/channel/%channelId%`, [req('channelId', 'nonEmpty')]),
  // CTISubscription.xsd
  AddUserSubscriptionRequest: spec('POST', `${EVENTS}/user/%userId%`, [req('userId', 'string')], 'Subscription'),
  UpdateSubscriptionRequest: spec('PUT', `${EVENTS}/subscription/%subscriptionId%`, [req('subscriptionId', 'string')], 'Subscription'),
  DeleteSubscriptionRequest: spec('DELETE', `${EVENTS}/subscription/%subscriptionId%`, [req('subscriptionId', 'string')]),
  // CTICallSession.xsd
  DialRequest: spec('POST', `${ACTIONS}/user/%subscriberid%/calls/new?%address%&%clid%&%location%&%locationAddress%&%info%&%conferenceId%&%pin%`, [
    req('subscriberid'),
    req('address'),
    opt('clid'),
    opt('location', CLICK_TO_DIAL_LOCATIONS),
    opt('locationAddress'),
    opt('info', 'string'),
    opt('conferenceId', 'string'),
    opt('pin', 'string'),
  ]),
  TalkRequest: spec('PUT', `${CALL}/talk`, ON_CALL),
  HoldRequest: spec('PUT', `${CALL}/hold`, ON_CALL),
  ReleaseRequest: spec('DELETE', `${CALL}?%decline%`, [...ON_CALL, opt('decline', 'boolean')]),
  BlindTransferRequest: spec('PUT', `${CALL}/blindtransfer?%address%`, [...ON_CALL_STRING, req('address')]),
  ConsultativeTransferRequest: spec('PUT', `${ACTIONS}/user/%subscriberid%/calls/%callid1%/ConsultTransfer/%callid2%`, [req('subscriberid'), req('callid1'), req('callid2')]),
  RetrieveCallIdInfoListRequest: spec('GET', `${ACTIONS}/user/%subscriberid%/calls`, [req('subscriberid')]),
  // The schema's RecordRequest declares `callId` (optional) while its uri writes `%callid%`.
  RecordRequest: spec('PUT', `${CALL}/record`, [req('subscriberid'), opt('callId')]),
  PauseRecordingRequest: spec('PUT', `${CALL}/pauseRecording`, ON_CALL_STRING),
  ResumeRecordingRequest: spec('PUT', `${CALL}/resumeRecording`, ON_CALL_STRING),
  StopRecordingRequest: spec('PUT', `${CALL}/stopRecording`, ON_CALL_STRING),
  // CTIAgent.xsd
  GetAgentStateRequest: spec('GET', `${ACTIONS}/user/%subscriberid%/services/callcenter`, [req('subscriberid')]),
  SetAgentStateRequest: spec('PUT', `${ACTIONS}/user/%subscriberid%/services/callcenter`, [req('subscriberid')], 'CallCenter'),
  // CTIACD.xsd
  GetACDRequest: spec('GET', `${ACTIONS}/callcenter/%callcenterid%/calls`, [req('callcenterid')]),
} as const satisfies Record<string, CtiCommandSpec>;

export type CtiCommandName = keyof typeof CTI_COMMANDS;
export const CTI_COMMAND_NAMES = Object.keys(CTI_COMMANDS) as CtiCommandName[];

/**
 * @example
 * if (isCtiCommandName(name)) console.log(CTI_COMMANDS[name].method);
 */
export function isCtiCommandName(name: string): name is CtiCommandName {
  return Object.hasOwn(CTI_COMMANDS, name);
}

/** The schema spelling of a parameter of `name`, found case-insensitively; undefined when it has none such. */
export function paramName(name: CtiCommandName, anyCase: string): string | undefined {
  const lower = anyCase.toLowerCase();
  return CTI_COMMANDS[name].params.find((p) => p.name.toLowerCase() === lower)?.name;
}

const PLACEHOLDER = /%([A-Za-z0-9]+)%/g;

/** Placeholder names of a command as parameter names (schema spelling), path ones first, then query ones. */
export function placeholders(name: CtiCommandName): { path: string[]; query: string[] } {
  const [path, query = ''] = CTI_COMMANDS[name].uri.split('?') as [string, string?];
  const names = (s: string) => [...s.matchAll(PLACEHOLDER)].map((m) => paramName(name, m[1]!) ?? m[1]!);
  return { path: names(path), query: names(query) };
}

function encodePathValue(value: string): string {
  return encodeURIComponent(value).replace(/%40/g, '@');
}

/**
 * The URI with placeholders substituted from `params` (keyed by schema names); undefined when a
 * path parameter is missing.
 *
 * @example
 * ctiSubstituteUri('HoldRequest', { subscriberid: 'ann@example.com', callid: 'callhalf-1:0' }); // the request's XSI path
 */
export function substituteUri(name: CtiCommandName, params: Readonly<Record<string, string>>): string | undefined {
  const [path, query] = CTI_COMMANDS[name].uri.split('?') as [string, string?];
  const value = (placeholder: string): string | undefined => params[paramName(name, placeholder) ?? placeholder];
  let missing = false;
  const filled = path.replace(PLACEHOLDER, (_, p: string) => {
    const v = value(p);
    if (v === undefined) missing = true;
    return encodePathValue(v ?? '');
  });
  if (missing) return undefined;
  if (query === undefined) return filled;
  const pairs = [...query.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .filter((p) => value(p) !== undefined)
    .map((p) => `${p}=${encodeURIComponent(value(p)!)}`);
  return pairs.length === 0 ? filled : `${filled}?${pairs.join('&')}`;
}

/**
 * Reads parameter values (schema names) back from a substituted URI, matched case-insensitively on
 * the literal segments (§5 "path-segment case"). Returns {} when the URI does not fit the template.
 *
 * @example
 * ctiParamsFromUri('HoldRequest', uri); // { subscriberid: 'ann@example.com', callid: 'callhalf-1:0' }
 */
export function paramsFromUri(name: CtiCommandName, uri: string): Record<string, string> {
  const [templatePath] = CTI_COMMANDS[name].uri.split('?') as [string];
  const [path, query] = uri.split('?') as [string, string?];
  const out: Record<string, string> = {};
  const names: string[] = [];
  const pattern = templatePath
    .split(/(%[A-Za-z0-9]+%)/)
    .map((part) => {
      const m = /^%([A-Za-z0-9]+)%$/.exec(part);
      if (m) {
        names.push(paramName(name, m[1]!) ?? m[1]!);
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
        const key = paramName(name, pair.slice(0, eq));
        if (key !== undefined && wanted.has(key)) out[key] = decodeURIComponent(pair.slice(eq + 1));
      }
    }
  } catch {
    return {}; // malformed percent-encoding: no values from the URI
  }
  return out;
}
