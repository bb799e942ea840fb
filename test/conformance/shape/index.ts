// The conformance shape checker: rules restated from public XML Schemas in a compact notation,
// checked over documents parsed by saxes (independent of the project's own codecs).
export * from './notation.ts';
export { list, narrow, simple, t, union, type BuiltinName, type Facets, type SimpleType } from './simple-types.ts';
export { formatFindings, schemaSet, type SchemaSet, type ShapeFinding } from './check.ts';
export { parseTree, XSI_NS, type XmlElement } from './xml-tree.ts';
