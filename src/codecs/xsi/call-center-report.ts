// The call-center report (cti-xsi.md §4.4, PROJECT): public XSI has no report endpoint, so the
// project defines one, served by the lab and read by the client:
//   GET /com.broadsoft.xsi-actions/v2.0/callcenter/<callCenterId>/report?from=<epoch ms>&to=<epoch ms>
//   → CallCenterReport{callCenterId, from, to, queue{…}, agents{agent*{userId, state, callsAnswered, talkSeconds}}}
// In the xsi namespace like every XSI body. Decoded without trusting the server: a missing or
// non-numeric field is a typed error.
import { CodecError } from '../errors.ts';
import { attempt, type Result } from '../result.ts';
import { child, childrenNamed } from '../xml/navigate.ts';
import { parseXmlDocument } from '../xml/parse-document.ts';
import { xmlElement, xmlTextElement } from '../xml/serialize.ts';
import type { XmlElement, XmlLimits } from '../xml/types.ts';
import { XSI_BROADWORKS_NS } from './call.ts';
import { checkXmlText, invalid } from './fields.ts';

/** The queue counters, in document order. */
export const CALL_CENTER_QUEUE_FIELDS = ['callsReceived', 'callsAnswered', 'callsAbandoned', 'callsInQueue', 'averageWaitSeconds', 'longestWaitSeconds', 'averageHandlingSeconds'] as const;

export interface CallCenterReport {
  callCenterId: string;
  from: number;
  to: number;
  queue: Record<(typeof CALL_CENTER_QUEUE_FIELDS)[number], number>;
  agents: Array<{ userId: string; state: string; callsAnswered: number; talkSeconds: number }>;
}

// ------------------------------------------------------------------ encoding

function textField(name: string, value: string): string {
  return xmlTextElement(name, checkXmlText(name, value));
}
function numberField(name: string, value: number): string {
  if (!Number.isFinite(value)) throw invalid(name, 'a number');
  return xmlTextElement(name, String(value));
}

/**
 * The report as one line of XML, without a declaration.
 *
 * @example
 * const xml = encodeCallCenterReport({ callCenterId: 'sales@lab.test', from, to, queue, agents: [] });
 */
export function encodeCallCenterReport(r: CallCenterReport): Result<string> {
  return attempt(
    () =>
      xmlElement('CallCenterReport', [['xmlns', XSI_BROADWORKS_NS]], [
        textField('callCenterId', r.callCenterId),
        numberField('from', r.from),
        numberField('to', r.to),
        xmlElement('queue', null, CALL_CENTER_QUEUE_FIELDS.map((f) => numberField(f, r.queue[f]))),
        xmlElement('agents', null, r.agents.map((a) =>
          xmlElement('agent', null, [textField('userId', a.userId), textField('state', a.state), numberField('callsAnswered', a.callsAnswered), numberField('talkSeconds', a.talkSeconds)]),
        )),
      ]),
    'INVALID_FIELD',
  );
}

// ------------------------------------------------------------------ decoding

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

/**
 * Decodes a complete document (text, or bytes in their declared encoding).
 *
 * @example
 * const report = decodeCallCenterReport(body); // { ok: true, value: { callCenterId, from, to, queue, agents } }
 */
export function decodeCallCenterReport(input: string | Uint8Array, limits?: Partial<XmlLimits>): Result<CallCenterReport> {
  const root = parseXmlDocument(input, limits);
  if (!root.ok) return root;
  return attempt(() => {
    const r = root.value;
    if (r.name !== 'CallCenterReport' || r.ns !== XSI_BROADWORKS_NS) throw new CodecError('UNKNOWN_TYPE', 'not a CallCenterReport', { element: r.name.slice(0, 64) });
    const q = need(r, 'queue');
    const queue = Object.fromEntries(CALL_CENTER_QUEUE_FIELDS.map((f) => [f, num(q, f)])) as CallCenterReport['queue'];
    const agents = childrenNamed(need(r, 'agents'), 'agent', XSI_BROADWORKS_NS).map((a) => ({
      userId: text(a, 'userId'),
      state: text(a, 'state'),
      callsAnswered: num(a, 'callsAnswered'),
      talkSeconds: num(a, 'talkSeconds'),
    }));
    return { callCenterId: text(r, 'callCenterId'), from: num(r, 'from'), to: num(r, 'to'), queue, agents };
  }, 'INVALID_FIELD');
}
