// The incoming XMPP stream is one long XML document (RFC 6120 §4.1): this reader feeds bytes to a
// streaming parser (saxes) and reports the stream header, each complete top-level stanza and the
// stream's end. No DTD, no entities beyond XML's predefined ones (RFC 6120 §11.1); limits on the
// size of one stanza and the nesting depth keep a hostile peer from exhausting memory.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { NS_STREAM } from './namespaces.ts';
import type { XmlElement } from './xml-element.ts';

export interface XmlStreamLimits {
  /** Characters between two stanza boundaries (a stanza with the whitespace before it); more is a policy violation. */
  maxStanzaChars: number;
  /** Element nesting below the stream root. */
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlStreamLimits = { maxStanzaChars: 256 * 1024, maxDepth: 32 };

export type XmlStreamEvent =
  | { type: 'stream-open'; attrs: Record<string, string> }
  | { type: 'stanza'; element: XmlElement }
  | { type: 'stream-close' }
  /** `condition` is the RFC 6120 §4.9.3 stream error to send back. */
  | { type: 'error'; condition: XmlStreamErrorCondition; detail: string };

export type XmlStreamErrorCondition = 'not-well-formed' | 'policy-violation' | 'restricted-xml' | 'invalid-namespace';

export interface XmlStreamReader {
  push(bytes: Uint8Array): void;
}

interface Building {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: Array<XmlElement | string>;
}

export function createXmlStreamReader(
  deliver: (event: XmlStreamEvent) => void,
  limits: XmlStreamLimits = DEFAULT_XML_LIMITS,
): XmlStreamReader {
  // saxes reports some well-formedness errors only after emitting the events they spoil (a
  // mismatched close tag first "closes" the open element), so the events of one chunk are held
  // until the whole chunk parsed; a chunk with an error delivers the error alone.
  let held: XmlStreamEvent[] = [];
  const onEvent = (event: XmlStreamEvent): void => {
    held.push(event);
  };
  const parser = new SaxesParser({ xmlns: true, position: true });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stack: Building[] = [];
  let rootOpen = false;
  let failed = false;
  /** Parser position (characters) where the current stanza began: after the previous one ended. */
  let boundary = 0;
  /** Characters written so far (saxes' `position` is exact inside handlers only, not after write()). */
  let written = 0;
  const tooBig = (at: number = parser.position): boolean => at - boundary > limits.maxStanzaChars;

  function fail(detail: string, condition: XmlStreamErrorCondition = 'not-well-formed'): void {
    if (failed) return;
    failed = true;
    onEvent({ type: 'error', condition, detail });
  }

  parser.on('error', (err) => fail(`malformed XML: ${err.message}`));
  // RFC 6120 §11.1: a DTD is prohibited in an XML stream.
  parser.on('doctype', () => fail('a DOCTYPE is not allowed in an XML stream', 'restricted-xml'));
  parser.on('processinginstruction', () => fail('processing instructions are not allowed in an XML stream', 'restricted-xml'));
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (failed) return;
    if (!rootOpen) {
      if (tag.local !== 'stream' || tag.uri !== NS_STREAM) return fail(`unexpected root element <${tag.name}>`, 'invalid-namespace');
      rootOpen = true;
      boundary = parser.position;
      onEvent({ type: 'stream-open', attrs: plainAttributes(tag) });
      return;
    }
    if (stack.length >= limits.maxDepth) return fail(`elements nested deeper than ${limits.maxDepth}`, 'policy-violation');
    stack.push({ name: tag.local, ns: tag.uri, attrs: plainAttributes(tag), children: [] });
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    // Whitespace between stanzas (a keepalive) belongs to no stanza.
    if (!failed && top !== undefined) top.children.push(text);
  });
  parser.on('cdata', (text) => {
    const top = stack[stack.length - 1];
    if (!failed && top !== undefined) top.children.push(text);
  });
  parser.on('closetag', () => {
    if (failed) return;
    const done = stack.pop();
    if (done === undefined) {
      onEvent({ type: 'stream-close' });
      return;
    }
    const parent = stack[stack.length - 1];
    if (parent !== undefined) {
      parent.children.push(done);
      return;
    }
    if (tooBig()) return fail(`a stanza exceeded ${limits.maxStanzaChars} characters`, 'policy-violation');
    boundary = parser.position;
    onEvent({ type: 'stanza', element: done });
  });

  return {
    push(bytes: Uint8Array): void {
      if (failed) return;
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        failed = true;
        return deliver({ type: 'error', condition: 'not-well-formed', detail: 'the stream is not valid UTF-8' });
      }
      parser.write(text);
      written += text.length;
      // An unfinished stanza (or endless whitespace) must not grow without bound either.
      if (!failed && tooBig(written)) fail(`a stanza exceeded ${limits.maxStanzaChars} characters`, 'policy-violation');
      const events = held;
      held = [];
      for (const event of failed ? events.filter((e) => e.type === 'error') : events) deliver(event);
    },
  };
}

function plainAttributes(tag: SaxesTagNS): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const attr of Object.values(tag.attributes)) {
    if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
    attrs[attr.name] = attr.value;
  }
  return attrs;
}
