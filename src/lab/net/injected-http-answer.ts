// The bad answers of the `answer` fault for the lab's HTTPS servers (portal, XSI): the next
// requests get them instead of the server's own answer. Protocol-neutral XML bodies, since the
// client's readers are what is being tested (RFC 9110 §15.6.4: 503 is "try again later").
import type { ServerResponse } from 'node:http';
import { LAB_OVERSIZE_ANSWER_BYTES, type LabAnswerKind } from './faults.ts';

const XML = { 'content-type': 'text/xml; charset=utf-8' };
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The body of a bad XML answer of `kind` (not for 'server-error', which has none). */
export function injectedXmlBody(kind: Exclude<LabAnswerKind, 'server-error'>, root: string): string {
  switch (kind) {
    case 'garbled':
      return `${DECLARATION}<${root}><Body></${root}></Body>`; // end tags in the wrong order
    case 'doctype':
      return `${DECLARATION}<!DOCTYPE ${root} [<!ENTITY lab "lab">]>\n<${root}>&lab;</${root}>`;
    case 'oversize': {
      const open = `${DECLARATION}<${root}>`;
      const close = `</${root}>`;
      return open + 'x'.repeat(LAB_OVERSIZE_ANSWER_BYTES - open.length - close.length) + close;
    }
    case 'unexpected':
      return `${DECLARATION}<Unexpected xmlns="urn:unity-connect:lab:unexpected"/>`;
  }
}

/** Writes the bad answer of `kind` to an HTTP request. */
export function writeInjectedHttpAnswer(res: ServerResponse, kind: LabAnswerKind, root = 'Envelope'): void {
  if (kind === 'server-error') {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '15' }).end('Service Unavailable\n');
    return;
  }
  res.writeHead(200, XML).end(injectedXmlBody(kind, root));
}
