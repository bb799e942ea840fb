// The conformance checker reads documents with saxes (a strict, namespace-aware XML 1.0 parser),
// not with the project's own tokenizer, so a codec bug cannot hide itself from the checker.
import { SaxesParser } from 'saxes';

export interface XmlAttribute {
  readonly name: string;
  readonly local: string;
  readonly ns: string | null;
  readonly value: string;
}

export interface XmlElement {
  readonly local: string;
  readonly ns: string | null;
  readonly attributes: readonly XmlAttribute[];
  readonly children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
  /** Resolves a prefix in scope here (`''` for the default namespace); QNames in xsi:type need it. */
  readonly resolve: (prefix: string) => string | null;
}

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Parses `xml` into a tree; throws with saxes' message when it is not well-formed. */
export function parseTree(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag) => {
    const scope = new Map<string, string>();
    for (const prefix of Object.keys(tag.ns ?? {})) scope.set(prefix, tag.ns[prefix] ?? '');
    const parent = stack[stack.length - 1];
    const resolve = (prefix: string): string | null => {
      if (scope.has(prefix)) return scope.get(prefix) || null;
      if (parent) return parent.resolve(prefix);
      return prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : null;
    };
    const attributes: XmlAttribute[] = Object.values(tag.attributes)
      .filter((a) => a.uri !== XMLNS_NS && a.name !== 'xmlns')
      .map((a) => ({ name: a.name, local: a.local, ns: a.uri === '' ? null : a.uri, value: a.value }));
    const element: XmlElement = { local: tag.local, ns: tag.uri === '' ? null : tag.uri, attributes, children: [], text: '', resolve };
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('cdata', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (failure) throw failure;
  if (!root) throw new Error('no root element');
  return root;
}
