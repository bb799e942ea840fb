// The plaintext KEMP bodies (kakapo.md §3.2), read with the codecs' XML parser and written with its
// serializer. Kept in one file so it can be swapped for codecs B's KEMP body codec.
import { attr, child, childText, escapeText, parseXml, xmlElement, xmlTextElement } from '../../codecs/xml/index.ts';

export interface RegisterBody {
  loginId: string;
  groupId?: string;
  enterpriseId?: string;
  impToken?: string;
}
export interface MessageBody {
  id: string;
  from: string;
  to: string;
  sent: string;
  body: string;
}

const LIMITS = { maxBytes: 1024 * 1024, maxDepth: 8, maxAttributes: 16 };
const ID = /^[^\s<>&"]{1,256}$/;

export function readRegister(text: string): RegisterBody | null {
  const doc = parseXml(text, LIMITS);
  if (!doc.ok || doc.value.name !== 'register') return null;
  const loginId = childText(doc.value, 'loginId')?.trim();
  const groupId = childText(doc.value, 'groupId')?.trim();
  const enterpriseId = childText(doc.value, 'enterpriseId')?.trim();
  const impToken = childText(doc.value, 'impToken')?.trim();
  if (!loginId || !ID.test(loginId)) return null;
  // seed §1.1: the group ID, or the enterprise ID — one of them.
  if ((groupId ? 1 : 0) + (enterpriseId ? 1 : 0) !== 1) return null;
  return { loginId, ...(groupId ? { groupId } : {}), ...(enterpriseId ? { enterpriseId } : {}), ...(impToken ? { impToken } : {}) };
}

export function readMessage(text: string): MessageBody | null {
  const doc = parseXml(text, LIMITS);
  if (!doc.ok || doc.value.name !== 'message') return null;
  const el = doc.value;
  const [id, from, to, sent] = ['id', 'from', 'to', 'sent'].map((name) => attr(el, name));
  const body = child(el, 'body')?.text;
  if (!id || !from || !to || !sent || body === undefined || ![id, from, to].every((v) => ID.test(v))) return null;
  return { id, from, to, sent, body };
}

export function readBye(text: string): { reason: string } | null {
  const doc = parseXml(text, LIMITS);
  if (!doc.ok || doc.value.name !== 'bye') return null;
  return { reason: attr(doc.value, 'reason') ?? '' };
}

export const writeRegistered = (sessionId: string): string => xmlElement('registered', [['sessionId', sessionId]]);
export const writeBye = (reason: string): string => xmlElement('bye', [['reason', reason]]);
export const writeMessage = (m: MessageBody): string =>
  xmlElement('message', [['id', m.id], ['from', m.from], ['to', m.to], ['sent', m.sent]], xmlTextElement('body', m.body));
export { escapeText };
