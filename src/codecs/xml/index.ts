export * from './types.ts';
export { parseXml } from './parse.ts';
export { parseXmlDocument } from './parse-document.ts';
export { decodeEntities } from './entities.ts';
export { child, childrenNamed, childText, attr, resolveQName, xsiType, type QName } from './navigate.ts';
export { escapeText, escapeAttr, xmlElement, xmlTextElement, xmlOptionalText, xmlDeclaration, type XmlAttrList } from './serialize.ts';
export {
  type FieldKind, type FieldSpec, req as requiredField, opt as optionalField, expected as expectedField, encodeFields, decodeFields, collapseWhitespace,
  parseInt32 as parseFieldInt, parseLong as parseFieldLong, parseBool as parseFieldBool,
} from './fields.ts';
