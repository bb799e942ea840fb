// Small HTTP helpers of the XSI server: XML answers with a declaration, ErrorInfo errors
// (cti-xsi.md §4.2), Basic authentication with the full user@domain (§4.1).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBasicCredentials } from '../../codecs/cti/credentials.ts';
import { encodeXsiDocument, type XsiDocument } from '../../codecs/xsi/documents.ts';
import { checkPassword, type PasswordIndex } from './user-directory.ts';

export const XML_CONTENT_TYPE = 'application/xml; charset=UTF-8';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function sendXml(res: ServerResponse, status: number, xml?: string): void {
  if (xml === undefined) {
    res.writeHead(status, { 'content-length': 0 }).end();
    return;
  }
  const text = DECLARATION + xml;
  res.writeHead(status, { 'content-type': XML_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendDocument(res: ServerResponse, status: number, doc?: XsiDocument): void {
  if (!doc) return sendXml(res, status);
  const encoded = encodeXsiDocument(doc);
  if (!encoded.ok) throw encoded.error;
  sendXml(res, status, encoded.value);
}

/** ErrorInfo {summary, summaryEnglish, errorCode}; the real summary starts with a space (§4.2). */
export function sendError(res: ServerResponse, status: number, summary: string, errorCode: number): void {
  const text = summary.startsWith(' ') ? summary : ` ${summary}`;
  sendDocument(res, status, { root: 'ErrorInfo', body: { summary: text, summaryEnglish: text, errorCode } });
}

/** The canonical user id of a valid `Authorization: Basic` header, else null (then 401). */
export function authenticate(req: IncomingMessage, passwords: PasswordIndex): string | null {
  const m = /^Basic\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
  if (!m) return null;
  const parsed = parseBasicCredentials(m[1]!);
  // §4.1: the full user@domain — a bare user name is not accepted.
  if (!parsed.ok || !parsed.value.userId.includes('@')) return null;
  return checkPassword(passwords, parsed.value.userId, parsed.value.password);
}

export function challenge(res: ServerResponse): void {
  res.writeHead(401, { 'www-authenticate': 'Basic realm="BroadWorks"', 'content-length': 0 }).end();
}
