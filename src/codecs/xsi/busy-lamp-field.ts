// The BusyLampField document (cti-xsi.md §3.5: "BLF = a call package subscribed per monitored user;
// the list comes from GET /user/<id>/services/BusyLampField"):
//   BusyLampField{users{userDetails*{userId}}} in the xsi namespace.
// Only the monitored user ids are carried (the client subscribes by id); other userDetails children
// of a real server are ignored on decode. A missing <users> or <userId> is a typed error.
import { CodecError } from '../errors.ts';
import { attempt, type Result } from '../result.ts';
import { child, childrenNamed } from '../xml/navigate.ts';
import { parseXmlDocument } from '../xml/parse-document.ts';
import { xmlElement, xmlTextElement } from '../xml/serialize.ts';
import type { XmlLimits } from '../xml/types.ts';
import { XSI_BROADWORKS_NS } from './call.ts';
import { checkXmlText, invalid } from './fields.ts';

export interface BusyLampField {
  /** The monitored users, in the server's order. */
  users: string[];
}

/** The document as one line of XML, without a declaration. */
export function encodeBusyLampField(blf: BusyLampField): Result<string> {
  return attempt(
    () =>
      xmlElement('BusyLampField', [['xmlns', XSI_BROADWORKS_NS]], [
        xmlElement('users', null, blf.users.map((userId) => {
          if (userId === '' || userId.trim() !== userId) throw invalid('userId', 'a non-empty id without surrounding spaces');
          return xmlElement('userDetails', null, [xmlTextElement('userId', checkXmlText('userId', userId))]);
        })),
      ]),
    'INVALID_FIELD',
  );
}

/** Decodes a complete document (text, or bytes in their declared encoding). */
export function decodeBusyLampField(input: string | Uint8Array, limits?: Partial<XmlLimits>): Result<BusyLampField> {
  const root = parseXmlDocument(input, limits);
  if (!root.ok) return root;
  return attempt(() => {
    const r = root.value;
    if (r.name !== 'BusyLampField' || r.ns !== XSI_BROADWORKS_NS) throw new CodecError('UNKNOWN_TYPE', 'not a BusyLampField', { element: r.name.slice(0, 64) });
    const users = child(r, 'users', XSI_BROADWORKS_NS);
    if (users === undefined) throw new CodecError('MISSING_FIELD', 'required element <users> is missing', { field: 'users' });
    return {
      users: childrenNamed(users, 'userDetails', XSI_BROADWORKS_NS).map((d) => {
        const id = child(d, 'userId', XSI_BROADWORKS_NS)?.text.trim();
        if (!id) throw new CodecError('MISSING_FIELD', 'required element <userId> is missing or empty', { field: 'userId' });
        return id;
      }),
    };
  }, 'INVALID_FIELD');
}
