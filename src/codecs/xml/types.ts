// The decoded XML tree handed to protocol decoders. Names are resolved by namespace URI, never by
// prefix (cti-xsi.md: `xsi` and `xsi1` prefixes vary; the URI is what counts).

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** In-scope prefix → namespace URI map ('' = default namespace; '' as a value = no namespace). */
export type NamespaceScope = Readonly<Record<string, string | undefined>>;

export interface XmlAttribute {
  /** Name as written, e.g. `xsi1:type`. */
  readonly qname: string;
  readonly local: string;
  readonly prefix: string | null;
  /** Resolved namespace URI; unprefixed attributes are in no namespace (null). */
  readonly ns: string | null;
  /** Value with entity and character references decoded. */
  readonly value: string;
}

export interface XmlElement {
  /** Local name. */
  readonly name: string;
  readonly prefix: string | null;
  /** Resolved namespace URI, null when in no namespace. */
  readonly ns: string | null;
  /** Attributes in document order, namespace declarations (xmlns, xmlns:p) excluded. */
  readonly attrs: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** Concatenation of this element's own character data and CDATA, decoded, untrimmed. */
  readonly text: string;
  /** Prefixes in scope at this element, for resolving QName values such as xsi:type. */
  readonly scope: NamespaceScope;
}

export interface XmlLimits {
  /** Maximum document length in UTF-16 code units (≈ bytes for our ASCII-heavy documents). */
  readonly maxBytes: number;
  /** Maximum element nesting depth (root = 1). */
  readonly maxDepth: number;
  /** Maximum attributes on one element, namespace declarations included. */
  readonly maxAttributes: number;
}

// Issue 3: OCI responses can be large (a 10 000-row table is ~2 MB); 32 MiB leaves headroom.
export const DEFAULT_XML_LIMITS: XmlLimits = Object.freeze({
  maxBytes: 32 * 1024 * 1024,
  maxDepth: 64,
  maxAttributes: 64,
});

/**
 * @example
 * const limits = resolveXmlLimits({ maxDepth: 64 }); // the defaults for everything else
 */
export function resolveXmlLimits(limits?: Partial<XmlLimits>): XmlLimits {
  return limits === undefined ? DEFAULT_XML_LIMITS : { ...DEFAULT_XML_LIMITS, ...limits };
}
