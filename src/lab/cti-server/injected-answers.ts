// The bad answers of the `answer` fault for the CTI server (lab/net/faults.ts): what the lab writes
// instead of its answer to the first request on a connection (AddChannelRequest). One document in
// the CTI framing (declaration, one XspXMLInterface element, "\n"; cti-xsi.md §2.5).
import { XSP_NS } from '../../codecs/cti/messages.ts';
import { encodeCtiMessage } from '../../codecs/cti/stream.ts';
import { LAB_OVERSIZE_ANSWER_BYTES, type LabAnswerKind } from '../net/faults.ts';

const utf8 = new TextEncoder();
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** The bytes that answer request `requestId` of session `sessionId` under the fault `kind`. */
export function injectedCtiAnswer(kind: LabAnswerKind, requestId: string, sessionId: string): Uint8Array {
  const ids = `<requestId>${requestId.replace(/[<&>"]/g, '')}</requestId><sessionId>${sessionId.replace(/[<&>"]/g, '')}</sessionId>`;
  const open = `<xsp:response xmlns:xsp="${XSP_NS}" version="17.0">`;
  const close = '</xsp:response>';
  switch (kind) {
    case 'server-error':
    case 'unexpected': {
      // 503: the XSP's "try again later" (RFC 9110 §15.6.4). Unexpected: a keepaliveResponse, well
      // formed and with the right requestId, where the answer to AddChannelRequest belongs.
      const bytes = encodeCtiMessage(
        kind === 'server-error'
          ? { kind: 'response', requestId, sessionId, statusCode: 503, reason: 'Service Unavailable' }
          : { kind: 'keepaliveResponse', requestId },
      );
      if (!bytes.ok) throw bytes.error;
      return bytes.value;
    }
    case 'garbled':
      return utf8.encode(`${DECLARATION}${open}${ids}<statusCode>200</reason>${close}\n`);
    case 'doctype':
      return utf8.encode(`${DECLARATION}<!DOCTYPE xsp:response [<!ENTITY lab "lab">]>${open}${ids}<statusCode>200</statusCode><reason>&lab;</reason>${close}\n`);
    case 'oversize': {
      const head = `${DECLARATION}${open}${ids}<statusCode>200</statusCode><reason>`;
      const tail = `</reason>${close}\n`;
      return utf8.encode(head + 'x'.repeat(LAB_OVERSIZE_ANSWER_BYTES - head.length - tail.length) + tail);
    }
  }
}
