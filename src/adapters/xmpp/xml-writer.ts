// Serialising outgoing stanzas. Every attribute value and text is escaped (XML 1.0 §2.4, §3.1);
// the stream header is written by hand because it stays open for the stream's lifetime.
import { NS_CLIENT, NS_STREAM } from './namespaces.ts';

export interface XmlNode {
  name: string;
  attrs?: Record<string, string | undefined>;
  children?: ReadonlyArray<XmlNode | string>;
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function serialize(node: XmlNode): string {
  let out = `<${node.name}`;
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    if (value !== undefined) out += ` ${key}="${escapeXml(value)}"`;
  }
  const children = node.children ?? [];
  if (children.length === 0) return `${out}/>`;
  out += '>';
  for (const child of children) out += typeof child === 'string' ? escapeXml(child) : serialize(child);
  return `${out}</${node.name}>`;
}

/** RFC 6120 §4.7: the initiating entity's stream header; `to` is the JID's domain. */
export function streamHeader(to: string, from?: string): string {
  const fromAttr = from === undefined ? '' : ` from="${escapeXml(from)}"`;
  return (
    `<?xml version='1.0'?><stream:stream to="${escapeXml(to)}"${fromAttr} version="1.0" ` +
    `xml:lang="en" xmlns="${NS_CLIENT}" xmlns:stream="${NS_STREAM}">`
  );
}

export const STREAM_CLOSE = '</stream:stream>';
