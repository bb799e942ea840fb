// Small navigation helpers over XmlElement. `ns` arguments: undefined = any namespace,
// null = no namespace, a string = that namespace URI.
import { type XmlElement, XSI_NS } from './types.ts';

function matches(el: XmlElement, name: string, ns: string | null | undefined): boolean {
  return el.name === name && (ns === undefined || el.ns === ns);
}

/**
 * @example
 * const body = child(root, 'command'); // first child element named command
 */
export function child(el: XmlElement, name: string, ns?: string | null): XmlElement | undefined {
  for (const c of el.children) if (matches(c, name, ns)) return c;
  return undefined;
}

/**
 * @example
 * const rows = childrenNamed(table, 'row');
 */
export function childrenNamed(el: XmlElement, name: string, ns?: string | null): XmlElement[] {
  return el.children.filter((c) => matches(c, name, ns));
}

/**
 * @example
 * childText(user, 'firstName'); // 'Ann', or undefined when absent
 */
export function childText(el: XmlElement, name: string, ns?: string | null): string | undefined {
  return child(el, name, ns)?.text;
}

/**
 * Attribute value by local name and namespace URI; `nsUri` omitted = an unprefixed attribute.
 *
 * @example
 * attr(el, 'type', 'http://www.w3.org/2001/XMLSchema-instance'); // an xsi:type value
 */
export function attr(el: XmlElement, local: string, nsUri: string | null = null): string | undefined {
  for (const a of el.attrs) if (a.local === local && a.ns === nsUri) return a.value;
  return undefined;
}

export interface QName {
  readonly ns: string | null;
  readonly local: string;
}

/**
 * Resolves a QName-valued text (e.g. `c:SuccessResponse`) with the prefixes in scope at `el`.
 *
 * @example
 * resolveQName(el, 'xsi:CallReceivedEvent'); // { ns: 'http://schema.broadsoft.com/xsi', local: 'CallReceivedEvent' }
 */
export function resolveQName(el: XmlElement, value: string): QName | undefined {
  const v = value.trim();
  const colon = v.indexOf(':');
  if (colon === -1) {
    const d = el.scope[''];
    return { ns: d === undefined || d === '' ? null : d, local: v };
  }
  const uri = el.scope[v.slice(0, colon)];
  if (uri === undefined || colon === v.length - 1) return undefined;
  return { ns: uri === '' ? null : uri, local: v.slice(colon + 1) };
}

/**
 * The element's xsi:type (schema-instance namespace, any prefix), resolved; undefined if absent or unbound.
 *
 * @example
 * xsiType(eventData)?.local; // 'CallReceivedEvent'
 */
export function xsiType(el: XmlElement): QName | undefined {
  const v = attr(el, 'type', XSI_NS);
  return v === undefined ? undefined : resolveQName(el, v);
}
