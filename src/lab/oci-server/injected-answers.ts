// The bad answers of the `answer` fault for the OCS (lab/net/faults.ts): what the lab writes instead
// of its answer to the first login document. Framed like every OCS document (one document ending in
// </BroadsoftDocument>, oci-p.md §2), so the client's reader sees exactly one bad document.
import { renderOciDocument } from '../../codecs/oci/envelope.ts';
import { encodeDocument, type DocumentEncoding } from '../../codecs/text/encoding.ts';
import { LAB_OVERSIZE_ANSWER_BYTES, type LabAnswerKind } from '../net/faults.ts';

const ROOT_OPEN = '<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">';
const ROOT_CLOSE = '</BroadsoftDocument>';

/** Lab-defined (oci-p.md §7 lists only the credential codes): an error that is no credential refusal. */
export const LAB_SERVICE_UNAVAILABLE = '[Error 5001] Service temporarily unavailable, try again later';

function declaration(encoding: DocumentEncoding): string {
  return `<?xml version="1.0" encoding="${encoding}"?>`;
}

/** The bytes that answer a login document of session `sessionId` under the fault `kind`. */
export function injectedOciAnswer(kind: LabAnswerKind, sessionId: string, encoding: DocumentEncoding): Uint8Array {
  const session = `<sessionId xmlns="">${sessionId.replace(/[<&>"]/g, '')}</sessionId>`;
  let text: string;
  switch (kind) {
    case 'server-error':
    case 'unexpected': {
      const rendered = renderOciDocument(
        {
          protocol: 'OCI',
          sessionId,
          commands: [
            kind === 'server-error'
              ? { type: 'ErrorResponse', errorType: 'Error', echo: '', summary: LAB_SERVICE_UNAVAILABLE, summaryEnglish: LAB_SERVICE_UNAVAILABLE }
              : // A well-formed answer of the wrong type for an AuthenticationRequest.
                { type: 'SystemSoftwareVersionGetResponse', echo: '', version: '22.0' },
          ],
        },
        { encoding },
      );
      if (!rendered.ok) throw rendered.error;
      text = rendered.value;
      break;
    }
    case 'garbled':
      // End tags out of order inside one framed document.
      text = `${declaration(encoding)}${ROOT_OPEN}${session}<command xsi:type="AuthenticationResponse" xmlns=""><userId></command></userId>${ROOT_CLOSE}\n`;
      break;
    case 'doctype':
      text = `${declaration(encoding)}<!DOCTYPE BroadsoftDocument [<!ENTITY lab "lab">]>${ROOT_OPEN}${session}<command xsi:type="AuthenticationResponse" xmlns=""><userId>&lab;</userId></command>${ROOT_CLOSE}\n`;
      break;
    case 'oversize': {
      const head = `${declaration(encoding)}${ROOT_OPEN}${session}<command xsi:type="AuthenticationResponse" xmlns=""><userId>`;
      const tail = `</userId></command>${ROOT_CLOSE}\n`;
      text = head + 'x'.repeat(LAB_OVERSIZE_ANSWER_BYTES - head.length - tail.length) + tail;
      break;
    }
  }
  return encodeDocument(text, encoding);
}
