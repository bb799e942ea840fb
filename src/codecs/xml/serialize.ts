// Exact one-line serializer: attributes in the order given (real OCI forms depend on it,
// oci-p.md §3 "Attribute order on real responses").

export type XmlAttrList = ReadonlyArray<readonly [name: string, value: string]>;

// \n is written as a reference too, so every document we emit is one line (oci-p.md §2).
const TEXT_RE = /[&<>\r\n]/;
const ATTR_RE = /[&<>"\t\n\r]/;

/**
 * @example
 * escapeText('a < b & c'); // 'a &lt; b &amp; c'
 */
export function escapeText(s: string): string {
  if (!TEXT_RE.test(s)) return s;
  return s.replace(/[&<>\r\n]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '\n' ? '&#10;' : '&#13;'));
}

/**
 * @example
 * escapeAttr('say "hi"'); // 'say &quot;hi&quot;'
 */
export function escapeAttr(s: string): string {
  if (!ATTR_RE.test(s)) return s;
  return s.replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      case '"': return '&quot;';
      case '\t': return '&#9;';
      case '\n': return '&#10;';
      default: return '&#13;';
    }
  });
}

/**
 * `<name a="v"...>content</name>`, or `<name .../>` when content is empty. Content is raw markup.
 *
 * @example
 * xmlElement('user', [['id', 'ann']], '<name>Ann</name>'); // '<user id="ann"><name>Ann</name></user>'
 */
export function xmlElement(name: string, attrs?: XmlAttrList | null, content?: string | readonly string[]): string {
  let out = '<' + name;
  if (attrs) for (const [n, v] of attrs) out += ' ' + n + '="' + escapeAttr(v) + '"';
  const body = content === undefined ? '' : typeof content === 'string' ? content : content.join('');
  return body === '' ? out + '/>' : out + '>' + body + '</' + name + '>';
}

/**
 * An element whose content is the escaped text (empty text gives `<name/>`).
 *
 * @example
 * xmlTextElement('userId', 'ann@example.com'); // '<userId>ann@example.com</userId>'
 */
export function xmlTextElement(name: string, text: string, attrs?: XmlAttrList | null): string {
  return xmlElement(name, attrs, escapeText(text));
}

/**
 * Optional text element: nothing when the value is undefined.
 *
 * @example
 * xmlOptionalText('extension', undefined); // '' (left out)
 */
export function xmlOptionalText(name: string, text: string | undefined): string {
  return text === undefined ? '' : xmlTextElement(name, text);
}

/**
 * @example
 * xmlDeclaration('ISO-8859-1'); // '<?xml version="1.0" encoding="ISO-8859-1"?>'
 */
export function xmlDeclaration(encoding: string): string {
  return `<?xml version="1.0" encoding="${encoding}"?>`;
}
