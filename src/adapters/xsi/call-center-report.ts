// The call-center report (cti-xsi.md §4.4, PROJECT): public XSI has no report endpoint, so the
// project defines one, served by the lab:
//   GET /com.broadsoft.xsi-actions/v2.0/callcenter/<callCenterId>/report?from=<epoch ms>&to=<epoch ms>
//   → CallCenterReport{callCenterId, from, to, queue{…}, agents{agent*{userId, state, callsAnswered, talkSeconds}}}
// Decoded here without trusting the server: a missing or non-numeric field is a typed error.
import { CodecError } from '../../codecs/errors.ts';
import { attempt, type Result } from '../../codecs/result.ts';
import { decodeDocument } from '../../codecs/text/index.ts';
import { child, childrenNamed, parseXml, type XmlElement } from '../../codecs/xml/index.ts';
import { XSI_BROADWORKS_NS } from '../../codecs/xsi/call.ts';

export interface CallCenterReport {
  callCenterId: string;
  from: number;
  to: number;
  queue: {
    callsReceived: number;
    callsAnswered: number;
    callsAbandoned: number;
    callsInQueue: number;
    averageWaitSeconds: number;
    longestWaitSeconds: number;
    averageHandlingSeconds: number;
  };
  agents: Array<{ userId: string; state: string; callsAnswered: number; talkSeconds: number }>;
}

const QUEUE_FIELDS = ['callsReceived', 'callsAnswered', 'callsAbandoned', 'callsInQueue', 'averageWaitSeconds', 'longestWaitSeconds', 'averageHandlingSeconds'] as const;

function need(el: XmlElement, name: string): XmlElement {
  const c = child(el, name, XSI_BROADWORKS_NS);
  if (c === undefined) throw new CodecError('MISSING_FIELD', `required element <${name}> is missing`, { field: name });
  return c;
}
function text(el: XmlElement, name: string): string {
  return need(el, name).text.trim();
}
function num(el: XmlElement, name: string): number {
  const t = text(el, name);
  const n = Number(t);
  if (!/^-?\d{1,16}(\.\d+)?$/.test(t) || !Number.isFinite(n)) throw new CodecError('INVALID_FIELD', `<${name}> is not a number`, { field: name });
  return n;
}

export function decodeCallCenterReport(bytes: Uint8Array): Result<CallCenterReport> {
  const decoded = decodeDocument(bytes);
  if (!decoded.ok) return decoded;
  const root = parseXml(decoded.value.text);
  if (!root.ok) return root;
  return attempt(() => {
    const r = root.value;
    if (r.name !== 'CallCenterReport' || r.ns !== XSI_BROADWORKS_NS) throw new CodecError('UNKNOWN_TYPE', 'not a CallCenterReport', { element: r.name.slice(0, 64) });
    const q = need(r, 'queue');
    const queue = Object.fromEntries(QUEUE_FIELDS.map((f) => [f, num(q, f)])) as CallCenterReport['queue'];
    const agents = childrenNamed(need(r, 'agents'), 'agent', XSI_BROADWORKS_NS).map((a) => ({
      userId: text(a, 'userId'),
      state: text(a, 'state'),
      callsAnswered: num(a, 'callsAnswered'),
      talkSeconds: num(a, 'talkSeconds'),
    }));
    return { callCenterId: text(r, 'callCenterId'), from: num(r, 'from'), to: num(r, 'to'), queue, agents };
  }, 'INVALID_FIELD');
}
