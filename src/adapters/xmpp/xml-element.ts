// The element tree the stream reader builds for each top-level stanza (RFC 6120 §4.1: a stanza is
// a first-level child of the stream root). Names are local names with their resolved namespace.
export interface XmlElement {
  name: string;
  ns: string;
  /** Attributes by qualified name, namespace declarations excluded. */
  attrs: Readonly<Record<string, string>>;
  children: ReadonlyArray<XmlElement | string>;
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string');
}

export function findChild(element: XmlElement, name: string, ns?: string): XmlElement | undefined {
  return childElements(element).find((c) => c.name === name && (ns === undefined || c.ns === ns));
}

export function textOf(element: XmlElement): string {
  return element.children.filter((c): c is string => typeof c === 'string').join('');
}
