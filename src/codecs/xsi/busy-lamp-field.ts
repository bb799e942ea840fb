// The BusyLampField document, restated from the public XSI R23 schema (Services/XSIBusyLampField.xsd
// `BusyLampField`; XSIDataTypes.xsd `UserDetailInfoList`, `UserDetailInfo`):
//   BusyLampField { listURI? (SIPURI), monitoredUserList? { userDetails* { userId, externalId?,
//   firstName?, lastName?, hiranganaLastName?, hiranganaFirstName?, nameDialingName?, groupId?,
//   serviceProvider?, number?, extension?, additionalDetails? } } }
// in the xsi namespace. cti-xsi.md §3.5: "BLF = a call package subscribed per monitored user; the
// list comes from GET /user/<id>/services/BusyLampField". A list the server leaves out is an empty
// list; a userDetails without its (required) userId names no one to subscribe to and is left out.
import { CodecError } from '../errors.ts';
import { attempt, type Result } from '../result.ts';
import { parseXmlDocument } from '../xml/parse-document.ts';
import type { XmlLimits } from '../xml/types.ts';
import { XSI_BROADWORKS_NS } from './call.ts';
import { many, need, obj, opt, textWithAttrs, token, type FieldContext, type Infer } from './fields.ts';

/** The `UserDetailInfo` children the client shows; the rest (names in kana, additionalDetails) are read past. */
export const blfUserCodec = obj({
  userId: need(token()),
  externalId: opt(token({ maxLength: 36 })),
  firstName: opt(token({ maxLength: 30 })),
  lastName: opt(token({ maxLength: 30 })),
  groupId: opt(token({ maxLength: 30 })),
  serviceProvider: opt(textWithAttrs(['isEnterprise'], { token: true, maxLength: 30, attrTypes: { isEnterprise: 'boolean' } })),
  number: opt(token({ maxLength: 23 })),
  extension: opt(token({ minLength: 2, maxLength: 20 })),
});

export const busyLampFieldCodec = obj({
  listURI: opt(token({ maxLength: 161 })),
  monitoredUserList: opt(obj({ userDetails: many(blfUserCodec) })),
});

export type BusyLampFieldUser = Infer<typeof blfUserCodec> & { userId: string };

export interface BusyLampField {
  /** The SIP list URI of the monitored users, when the server has one. */
  listURI?: string;
  /** The monitored users, in the server's order. */
  users: BusyLampFieldUser[];
}

const CTX: FieldContext = { ns: XSI_BROADWORKS_NS, prefix: '' };

/**
 * The document as one line of XML, without a declaration.
 *
 * @example
 *   encodeBusyLampField({ users: [{ userId: 'bob@lab.test', lastName: 'Ray' }] });
 *   // ok: <BusyLampField xmlns="http://schema.broadsoft.com/xsi"><monitoredUserList><userDetails>…
 */
export function encodeBusyLampField(blf: BusyLampField): Result<string> {
  return attempt(() => {
    const body = busyLampFieldCodec.encodeChildren(
      { ...(blf.listURI !== undefined ? { listURI: blf.listURI } : {}), ...(blf.users.length > 0 ? { monitoredUserList: { userDetails: blf.users } } : {}) },
      CTX,
    );
    const open = `<BusyLampField xmlns="${XSI_BROADWORKS_NS}"`;
    return body === '' ? `${open}/>` : `${open}>${body}</BusyLampField>`;
  }, 'INVALID_FIELD');
}

/**
 * Decodes a complete document (text, or bytes in their declared encoding).
 *
 * @example
 *   const blf = decodeBusyLampField(responseBody);
 *   if (blf.ok) subscribeAll(blf.value.users.map((u) => u.userId));
 */
export function decodeBusyLampField(input: string | Uint8Array, limits?: Partial<XmlLimits>): Result<BusyLampField> {
  const root = parseXmlDocument(input, limits);
  if (!root.ok) return root;
  return attempt(() => {
    const r = root.value;
    if (r.name !== 'BusyLampField' || r.ns !== XSI_BROADWORKS_NS) throw new CodecError('UNKNOWN_TYPE', 'not a BusyLampField', { element: r.name.slice(0, 64) });
    const doc = busyLampFieldCodec.decodeElement(r, CTX);
    const users = (doc.monitoredUserList?.userDetails ?? []).filter((u): u is BusyLampFieldUser => u.userId !== undefined && u.userId !== '');
    return { ...(doc.listURI !== undefined ? { listURI: doc.listURI } : {}), users };
  }, 'INVALID_FIELD');
}
