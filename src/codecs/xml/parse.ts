// A strict, non-recursive XML tokenizer that builds XmlElement trees with namespaces resolved.
//
// Decision (issue 3 limits): fast-xml-parser 5.12 does not check that end tags match start tags,
// accepts truncated input silently, expands DOCTYPE entities, decodes numeric references only
// together with HTML entities, and does not resolve namespaces. Making it safe needed a full
// pre-tokenizer anyway, so this tokenizer builds the tree itself in the same single pass;
// fast-xml-parser stays the throughput reference in bench/codecs.
import { CodecError } from '../errors.ts';
import { attempt, type Result } from '../result.ts';
import { decodeEntities } from './entities.ts';
import { type NamespaceScope, type XmlAttribute, type XmlElement, type XmlLimits, XML_NS, resolveXmlLimits } from './types.ts';

interface BuildingElement {
  name: string;
  prefix: string | null;
  ns: string | null;
  attrs: XmlAttribute[];
  children: BuildingElement[];
  text: string;
  scope: NamespaceScope;
}

const NO_ATTRS: readonly XmlAttribute[] = Object.freeze([]);
const NO_CHILDREN: readonly BuildingElement[] = Object.freeze([]);
const ROOT_SCOPE: NamespaceScope = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, { xml: XML_NS }));

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function malformed(message: string, position: number, element?: string): CodecError {
  return new CodecError('MALFORMED_XML', `${message} at ${position}`, element === undefined ? { position } : { position, element });
}

function truncated(position: number): CodecError {
  return new CodecError('TRUNCATED', `document ends inside markup at ${position}`, { position });
}

function checkName(qname: string, position: number): void {
  if (qname.length === 0) throw malformed('empty name', position);
  for (let k = 0; k < qname.length; k++) {
    const c = qname.charCodeAt(k);
    // Characters that can never appear in an XML name.
    if (c === 60 || c === 62 || c === 38 || c === 34 || c === 39 || c === 61 || c === 47 || c < 32) {
      throw malformed('invalid name', position);
    }
  }
  const first = qname.charCodeAt(0);
  if ((first >= 48 && first <= 57) || first === 45 || first === 46) throw malformed('invalid name', position);
}

function splitName(qname: string, position: number): [prefix: string | null, local: string] {
  const colon = qname.indexOf(':');
  if (colon === -1) return [null, qname];
  if (colon === 0 || colon === qname.length - 1 || qname.indexOf(':', colon + 1) !== -1) {
    throw malformed('invalid qualified name', position);
  }
  return [qname.slice(0, colon), qname.slice(colon + 1)];
}

function normalizeText(raw: string, base: number): string {
  // XML end-of-line handling, then references.
  const lf = raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  return lf.indexOf('&') === -1 ? lf : decodeEntities(lf, base);
}

function normalizeAttrValue(raw: string, base: number): string {
  // Attribute-value normalization: literal tab/CR/LF become spaces; encoded ones survive.
  const spaced = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw;
  return spaced.indexOf('&') === -1 ? spaced : decodeEntities(spaced, base);
}

function startsWithAt(s: string, token: string, at: number): boolean {
  return s.startsWith(token, at);
}

/**
 * Parses one complete XML document. Never throws; every failure is a typed CodecError.
 *
 * @example
 * const doc = parseXml('<user id="ann"><name>Ann</name></user>');
 * if (doc.ok) console.log(doc.value.name); // 'user'
 */
export function parseXml(text: string, limits?: Partial<XmlLimits>): Result<XmlElement> {
  const lim = resolveXmlLimits(limits);
  if (text.length > lim.maxBytes) {
    return { ok: false, error: new CodecError('TOO_LARGE', `document of ${text.length} exceeds limit of ${lim.maxBytes}`, { limit: lim.maxBytes, actual: text.length }) };
  }
  return attempt(() => parseUnchecked(text, lim));
}

function parseUnchecked(s: string, lim: XmlLimits): XmlElement {
  const len = s.length;
  const stack: BuildingElement[] = [];
  const names: string[] = [];
  let root: BuildingElement | null = null;
  // The declaration may only come first; leading whitespace is tolerated because real OCI
  // clients send it (oci-p.md §2).
  let start = s.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < len && isWs(s.charCodeAt(start))) start++;
  let i = start;

  const attrNames: string[] = [];
  const attrValues: string[] = [];

  while (i < len) {
    const lt = s.indexOf('<', i);
    const textEnd = lt === -1 ? len : lt;
    if (textEnd > i) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        for (let k = i; k < textEnd; k++) {
          if (!isWs(s.charCodeAt(k))) throw malformed('text outside the root element', k);
        }
      } else {
        top.text += normalizeText(s.slice(i, textEnd), i);
      }
    }
    if (lt === -1) break;
    const c1 = s.charCodeAt(lt + 1);

    if (c1 === 47 /* / */) {
      const gt = s.indexOf('>', lt + 2);
      if (gt === -1) throw truncated(lt);
      const expected = names.pop();
      if (expected === undefined) throw malformed('end tag without a start tag', lt);
      // Compare in place (no slice): the name, then only whitespace up to '>'.
      let k = lt + 2 + expected.length;
      let same = k <= gt && s.startsWith(expected, lt + 2);
      while (same && k < gt) same = isWs(s.charCodeAt(k++));
      if (!same) throw malformed(`end tag does not match <${expected}>`, lt, expected);
      stack.pop();
      i = gt + 1;
      continue;
    }

    if (c1 === 63 /* ? */) {
      const end = s.indexOf('?>', lt + 2);
      if (end === -1) throw truncated(lt);
      const target = s.slice(lt + 2, Math.min(end, lt + 6));
      if (/^xml(\s|$)/i.test(target) && lt !== start) throw malformed('XML declaration not at the start', lt);
      i = end + 2;
      continue;
    }

    if (c1 === 33 /* ! */) {
      if (startsWithAt(s, '<!--', lt)) {
        const end = s.indexOf('-->', lt + 4);
        if (end === -1) throw truncated(lt);
        i = end + 3;
        continue;
      }
      if (startsWithAt(s, '<![CDATA[', lt)) {
        const top = stack[stack.length - 1];
        if (top === undefined) throw malformed('CDATA outside the root element', lt);
        const end = s.indexOf(']]>', lt + 9);
        if (end === -1) throw truncated(lt);
        const raw = s.slice(lt + 9, end);
        top.text += raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
        i = end + 3;
        continue;
      }
      if (startsWithAt(s, '<!DOCTYPE', lt)) {
        throw new CodecError('DOCTYPE_REFUSED', `DOCTYPE declaration refused at ${lt}`, { position: lt });
      }
      if (startsWithAt(s, '<!ENTITY', lt)) {
        throw new CodecError('ENTITY_REFUSED', `entity declaration refused at ${lt}`, { position: lt });
      }
      if (lt + 9 > len) throw truncated(lt);
      throw malformed('unsupported markup declaration', lt);
    }

    // Start tag: name, then attributes.
    let j = lt + 1;
    while (j < len) {
      const c = s.charCodeAt(j);
      if (c === 32 || c === 62 || c === 47 || c === 10 || c === 9 || c === 13) break;
      j++;
    }
    if (j >= len) throw truncated(lt);
    const qname = s.slice(lt + 1, j);
    checkName(qname, lt);
    let nAttrs = 0; // attrNames/attrValues are reused; only the first nAttrs entries count
    let selfClosing = false;
    for (;;) {
      let hadWs = false;
      while (j < len && isWs(s.charCodeAt(j))) {
        j++;
        hadWs = true;
      }
      if (j >= len) throw truncated(lt);
      const c = s.charCodeAt(j);
      if (c === 62) {
        j++;
        break;
      }
      if (c === 47) {
        if (j + 1 >= len) throw truncated(lt);
        if (s.charCodeAt(j + 1) !== 62) throw malformed('stray "/" in start tag', j, qname);
        selfClosing = true;
        j += 2;
        break;
      }
      if (!hadWs) throw malformed('missing whitespace before attribute', j, qname);
      const nameStart = j;
      while (j < len) {
        const a = s.charCodeAt(j);
        if (a === 61 || isWs(a) || a === 62 || a === 47) break;
        j++;
      }
      const aname = s.slice(nameStart, j);
      checkName(aname, nameStart);
      while (j < len && isWs(s.charCodeAt(j))) j++;
      if (j >= len) throw truncated(lt);
      if (s.charCodeAt(j) !== 61) throw malformed('attribute without a value', j, qname);
      j++;
      while (j < len && isWs(s.charCodeAt(j))) j++;
      if (j >= len) throw truncated(lt);
      const q = s.charCodeAt(j);
      if (q !== 34 && q !== 39) throw malformed('unquoted attribute value', j, qname);
      const end = s.indexOf(q === 34 ? '"' : "'", j + 1);
      if (end === -1) throw truncated(lt);
      const raw = s.slice(j + 1, end);
      if (raw.indexOf('<') !== -1) throw malformed('"<" in attribute value', j, qname);
      if (nAttrs >= lim.maxAttributes) {
        throw new CodecError('TOO_MANY_ATTRIBUTES', `element has more than ${lim.maxAttributes} attributes at ${lt}`, { position: lt, limit: lim.maxAttributes, element: qname });
      }
      attrNames[nAttrs] = aname;
      attrValues[nAttrs] = normalizeAttrValue(raw, j + 1);
      nAttrs++;
      j = end + 1;
    }

    const parent = stack[stack.length - 1];
    if (parent === undefined && root !== null) throw malformed('second root element', lt);
    if (stack.length + 1 > lim.maxDepth) {
      throw new CodecError('TOO_DEEP', `nesting deeper than ${lim.maxDepth} at ${lt}`, { position: lt, limit: lim.maxDepth });
    }

    // Namespace declarations first; they apply to the element's own name and attributes.
    const parentScope = parent === undefined ? ROOT_SCOPE : parent.scope;
    let scope = parentScope;
    for (let k = 0; k < nAttrs; k++) {
      const an = attrNames[k] as string;
      if (an === 'xmlns' || an.startsWith('xmlns:')) {
        if (scope === parentScope) scope = Object.create(parentScope) as NamespaceScope;
        const p = an.length === 5 ? '' : an.slice(6);
        const uri = attrValues[k] as string;
        if (p !== '' && uri === '') throw malformed('empty namespace for a prefix', lt, qname);
        (scope as Record<string, string>)[p] = uri;
      }
    }
    const attrs: XmlAttribute[] = nAttrs === 0 ? (NO_ATTRS as XmlAttribute[]) : [];
    for (let k = 0; k < nAttrs; k++) {
      const an = attrNames[k] as string;
      if (an === 'xmlns' || an.startsWith('xmlns:')) continue;
      const [prefix, local] = splitName(an, lt);
      let ns: string | null = null;
      if (prefix !== null) {
        const uri = scope[prefix];
        if (uri === undefined) throw malformed('unbound attribute prefix', lt, qname);
        ns = uri;
      }
      for (const other of attrs) {
        if (other.local === local && other.ns === ns) throw malformed('duplicate attribute', lt, qname);
      }
      attrs.push({ qname: an, local, prefix, ns, value: attrValues[k] as string });
    }
    let prefix: string | null = null;
    let local = qname;
    let ns: string | null;
    if (qname.indexOf(':') === -1) {
      const d = scope[''];
      ns = d === undefined || d === '' ? null : d;
    } else {
      [prefix, local] = splitName(qname, lt) as [string, string];
      const uri = scope[prefix];
      if (uri === undefined) throw malformed('unbound element prefix', lt, qname);
      ns = uri;
    }
    // Leaves share one frozen empty children array until a first child arrives (fewer allocations).
    const el: BuildingElement = { name: local, prefix, ns, attrs, children: NO_CHILDREN as BuildingElement[], text: '', scope };
    if (parent === undefined) root = el;
    else if (parent.children === NO_CHILDREN) parent.children = [el];
    else parent.children.push(el);
    if (!selfClosing) {
      stack.push(el);
      names.push(qname);
    }
    i = j;
  }

  const open = names[names.length - 1];
  if (open !== undefined) {
    throw new CodecError('TRUNCATED', `document ends inside <${open}>`, { element: open, position: len });
  }
  if (root === null) throw new CodecError('TRUNCATED', 'no root element', { position: len });
  return root;
}
