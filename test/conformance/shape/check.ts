// Checks a document against a set of schemas written in the notation of ./notation.ts, the way an
// XML Schema 1.0 validator assesses an instance (Part 1 §3.3.4 element validity, §3.4.4 complex
// types, §3.8–3.10 particles and wildcards, xsi:type and xsi:nil from §2.6). Content models are
// matched greedily: the schemas we restate obey the Unique Particle Attribution constraint
// (§3.8.6), so at most one particle can take each child.
import type {
  AnyParticle,
  AttributeRule,
  ComplexType,
  ElementParticle,
  GlobalElement,
  Particle,
  Schema,
  TypeDef,
  TypeRef,
} from './notation.ts';
import type { SimpleType } from './simple-types.ts';
import { parseTree, XSI_NS, type XmlElement } from './xml-tree.ts';

/** One way a document departs from the schema: where, and what the schema says instead. */
export interface ShapeFinding {
  readonly path: string;
  readonly message: string;
}

interface Resolved {
  readonly def: TypeDef;
  readonly schema: Schema;
  readonly name: string | null;
}

interface ResolvedElement {
  readonly name: string;
  readonly schema: Schema;
  readonly decl: GlobalElement;
}

interface Declaration {
  readonly type: Resolved;
  readonly nillable: boolean;
  readonly fixed: string | undefined;
}

type Assignment =
  | { readonly kind: 'declared'; readonly decl: Declaration }
  | { readonly kind: 'wildcard'; readonly process: AnyParticle['process'] };

interface Match {
  readonly end: number;
  readonly assigned: ReadonlyArray<readonly [number, Assignment]>;
}

/** A set of schemas that refer to each other's types and elements by key. */
export interface SchemaSet {
  readonly schemas: readonly Schema[];
  /** Checks a whole document; an empty list means it conforms. */
  check(xml: string): ShapeFinding[];
  /** Checks an already parsed element against a named global element of the set. */
  checkElement(element: XmlElement, as?: string): ShapeFinding[];
}

/**
 * Builds a set, resolving every name once: a rule that names a missing type or element fails here,
 * not silently at check time.
 *
 * @example
 *   const set = schemaSet(xspSchema, ctiSchema, xsiSchema);
 *   expect(set.check(document)).toEqual([]);
 */
export function schemaSet(...schemas: Schema[]): SchemaSet {
  const byKey = new Map(schemas.map((s) => [s.key, s]));
  if (byKey.size !== schemas.length) throw new Error('two schemas share a key');
  const owner = new WeakMap<object, Schema>();
  const elementNs = new WeakMap<ElementParticle, string | null>();

  const split = (name: string, from: Schema): [Schema, string] => {
    const colon = name.indexOf(':');
    if (colon < 0) return [from, name];
    const schema = byKey.get(name.slice(0, colon));
    if (!schema) throw new Error(`${from.key}: no schema with key "${name.slice(0, colon)}" (in "${name}")`);
    return [schema, name.slice(colon + 1)];
  };

  const resolveType = (ref: TypeRef, from: Schema): Resolved => {
    if (typeof ref !== 'string') return { def: ref, schema: owner.get(ref) ?? from, name: null };
    const [schema, name] = split(ref, from);
    const def = schema.types[name];
    if (!def) throw new Error(`${from.key}: type "${ref}" is not defined in schema "${schema.key}"`);
    return { def, schema, name };
  };

  const resolveElement = (name: string, from: Schema): ResolvedElement => {
    const [schema, local] = split(name, from);
    const decl = schema.elements[local];
    if (!decl) throw new Error(`${from.key}: element "${name}" is not declared in schema "${schema.key}"`);
    return { name: local, schema, decl };
  };

  // Substitution groups: head "key:name" -> members (transitively).
  const members = new Map<string, ResolvedElement[]>();
  const elementKey = (e: ResolvedElement): string => `${e.schema.key}:${e.name}`;

  // One pass over every definition: owners of inline types, namespaces of local elements, and
  // every reference resolved (so a typo in a rule is an error at once).
  const visitParticle = (p: Particle, s: Schema): void => {
    if (p.kind === 'element') {
      const ns = p.ns !== undefined ? p.ns : s.elementForm === 'qualified' ? s.namespace : null;
      const seen = elementNs.get(p);
      if (seen !== undefined && seen !== ns) throw new Error(`${s.key}: element particle "${p.name}" is shared by schemas of different forms`);
      elementNs.set(p, ns);
      visitRef(p.type, s);
    } else if (p.kind === 'ref') resolveElement(p.element, s);
    else if (p.kind === 'any') owner.set(p, s);
    else for (const item of p.items) visitParticle(item, s);
  };
  const visitType = (def: TypeDef, s: Schema): void => {
    if (owner.has(def)) return;
    owner.set(def, s);
    if (def.kind !== 'complex') return;
    if (def.base !== undefined) visitRef(def.base, s);
    if (def.content) visitParticle(def.content, s);
  };
  const visitRef = (ref: TypeRef, s: Schema): void => {
    if (typeof ref === 'string') resolveType(ref, s);
    else visitType(ref, s);
  };
  for (const s of schemas) {
    for (const def of Object.values(s.types)) visitType(def, s);
  }
  for (const s of schemas) {
    for (const [name, decl] of Object.entries(s.elements)) {
      visitRef(decl.type, s);
      if (decl.substitutionGroup) {
        const head = resolveElement(decl.substitutionGroup, s);
        const list = members.get(elementKey(head)) ?? [];
        list.push({ name, schema: s, decl });
        members.set(elementKey(head), list);
      }
    }
  }
  const substitutable = (head: ResolvedElement): ResolvedElement[] => {
    const out: ResolvedElement[] = [];
    const walk = (e: ResolvedElement): void => {
      if (!e.decl.abstract) out.push(e);
      for (const m of members.get(elementKey(e)) ?? []) walk(m);
    };
    walk(head);
    return out;
  };

  const globalElement = (ns: string | null, local: string): ResolvedElement | null => {
    for (const s of schemas) {
      if (s.namespace === ns && s.elements[local]) return { name: local, schema: s, decl: s.elements[local] };
    }
    return null;
  };
  const namedType = (ns: string | null, local: string): Resolved | null => {
    for (const s of schemas) {
      const def = s.types[local];
      if (s.namespace === ns && def) return { def, schema: s, name: local };
    }
    return null;
  };
  const typeOfElement = (e: ResolvedElement): Resolved => resolveType(e.decl.type, e.schema);

  // ---- derivation ----
  const baseOf = (r: Resolved): Resolved | null =>
    r.def.kind === 'complex' && r.def.base !== undefined ? resolveType(r.def.base, r.schema) : null;
  const derivesFrom = (actual: Resolved, declared: Resolved): boolean => {
    if (declared.def.kind === 'anyType') return true;
    for (let r: Resolved | null = actual; r; r = baseOf(r)) if (r.def === declared.def) return true;
    return false;
  };
  const attributesOf = (r: Resolved): Map<string, AttributeRule> => {
    const base = baseOf(r);
    const out = base && base.def.kind === 'complex' ? attributesOf(base) : new Map<string, AttributeRule>();
    if (r.def.kind === 'complex') for (const [n, a] of Object.entries(r.def.attributes ?? {})) out.set(n, a);
    return out;
  };
  const anyAttributeOf = (r: Resolved): boolean => {
    for (let x: Resolved | null = r; x; x = baseOf(x)) if (x.def.kind === 'complex' && x.def.anyAttribute) return true;
    return false;
  };
  /** The content particles in order, with the schema each belongs to (extension appends). */
  const contentOf = (r: Resolved): Array<readonly [Particle, Schema]> => {
    const def = r.def as ComplexType;
    const own: Array<readonly [Particle, Schema]> = def.content ? [[def.content, r.schema]] : [];
    const base = baseOf(r);
    if (def.derivation === 'extension' && base && base.def.kind === 'complex') return [...contentOf(base), ...own];
    return own;
  };
  const simpleContentOf = (r: Resolved): SimpleType | null => {
    for (let x: Resolved | null = r; x; x = baseOf(x)) {
      if (x.def.kind === 'simple') return x.def;
      if (x.def.kind === 'complex' && x.def.simpleContent) return x.def.simpleContent;
    }
    return null;
  };

  // ---- particles ----
  interface Ctx {
    furthest: number;
    expected: Set<string>;
  }
  const label = (ns: string | null, local: string): string => (ns ? `{${ns}}${local}` : local);
  const expect = (ctx: Ctx, at: number, what: string): void => {
    if (at > ctx.furthest) {
      ctx.furthest = at;
      ctx.expected = new Set([what]);
    } else if (at === ctx.furthest) ctx.expected.add(what);
  };

  const repeat = (p: Particle, children: XmlElement[], i: number, ctx: Ctx, once: (at: number) => Match | null): Match | null => {
    let pos = i;
    let count = 0;
    const assigned: Array<readonly [number, Assignment]> = [];
    while (count < p.max) {
      const m = once(pos);
      if (!m) break;
      assigned.push(...m.assigned);
      count += 1;
      if (m.end === pos) {
        count = Math.max(count, p.min); // an empty match can stand for every remaining repetition
        break;
      }
      pos = m.end;
    }
    return count >= p.min ? { end: pos, assigned } : null;
  };

  const matchParticle = (p: Particle, s: Schema, children: XmlElement[], i: number, ctx: Ctx): Match | null => {
    switch (p.kind) {
      case 'element': {
        const ns = elementNs.get(p) ?? null;
        const decl: Declaration = { type: resolveType(p.type, s), nillable: p.nillable ?? false, fixed: p.fixed };
        return repeat(p, children, i, ctx, (at) => {
          const c = children[at];
          if (c && c.local === p.name && c.ns === ns) return { end: at + 1, assigned: [[at, { kind: 'declared', decl }]] };
          expect(ctx, at, label(ns, p.name));
          return null;
        });
      }
      case 'ref': {
        const options = substitutable(resolveElement(p.element, s));
        return repeat(p, children, i, ctx, (at) => {
          const c = children[at];
          const hit = c && options.find((o) => o.name === c.local && o.schema.namespace === c.ns);
          if (hit) {
            const decl: Declaration = { type: typeOfElement(hit), nillable: hit.decl.nillable ?? false, fixed: undefined };
            return { end: at + 1, assigned: [[at, { kind: 'declared', decl }]] };
          }
          for (const o of options) expect(ctx, at, label(o.schema.namespace, o.name));
          return null;
        });
      }
      case 'any': {
        const home = (owner.get(p) ?? s).namespace;
        const allowed = (ns: string | null): boolean =>
          p.namespace === '##any' ? true : p.namespace === '##other' ? ns !== null && ns !== home : p.namespace.includes(ns ?? '##local');
        return repeat(p, children, i, ctx, (at) => {
          const c = children[at];
          if (c && allowed(c.ns)) return { end: at + 1, assigned: [[at, { kind: 'wildcard', process: p.process }]] };
          expect(ctx, at, `any element (${typeof p.namespace === 'string' ? p.namespace : p.namespace.join(' ')})`);
          return null;
        });
      }
      case 'sequence':
        return repeat(p, children, i, ctx, (at) => {
          let pos = at;
          const assigned: Array<readonly [number, Assignment]> = [];
          for (const item of p.items) {
            const m = matchParticle(item, s, children, pos, ctx);
            if (!m) return null;
            assigned.push(...m.assigned);
            pos = m.end;
          }
          return { end: pos, assigned };
        });
      case 'choice':
        return repeat(p, children, i, ctx, (at) => {
          let best: Match | null = null;
          for (const item of p.items) {
            const m = matchParticle(item, s, children, at, ctx);
            if (m && (!best || m.end > best.end)) best = m;
          }
          return best;
        });
    }
  };

  // ---- elements ----
  const checkElement = (node: XmlElement, declared: Declaration, path: string, out: ShapeFinding[]): void => {
    const found = (message: string): void => {
      out.push({ path, message });
    };
    let type = declared.type;
    const xsiType = node.attributes.find((a) => a.ns === XSI_NS && a.local === 'type');
    if (xsiType) {
      const qname = xsiType.value.trim();
      const colon = qname.indexOf(':');
      const prefix = colon < 0 ? '' : qname.slice(0, colon);
      const local = colon < 0 ? qname : qname.slice(colon + 1);
      const ns = node.resolve(prefix);
      if (prefix !== '' && ns === null) return found(`xsi:type "${qname}" uses an undeclared prefix "${prefix}"`);
      const actual = namedType(ns, local);
      if (!actual) return found(`xsi:type "${qname}" names no type the schema defines (namespace ${ns ?? 'none'})`);
      if (!derivesFrom(actual, type)) return found(`xsi:type "${qname}" does not derive from the declared type ${type.name ?? '(anonymous)'}`);
      type = actual;
      path = `${path}(${local})`;
    }
    if (type.def.kind === 'complex' && type.def.abstract) return found(`type ${type.name ?? ''} is abstract: the element needs an xsi:type naming a concrete type`);
    const nil = node.attributes.find((a) => a.ns === XSI_NS && a.local === 'nil');
    if (nil && /^(true|1)$/.test(nil.value.trim())) {
      if (!declared.nillable) found('xsi:nil is used but the element is not nillable');
      if (node.children.length > 0 || node.text.trim() !== '') found('an element with xsi:nil="true" must be empty');
      return;
    }
    if (type.def.kind === 'anyType') return;

    // Attributes (xsi:* are the schema-instance attributes, always allowed).
    const rules = type.def.kind === 'complex' ? attributesOf(type) : new Map<string, AttributeRule>();
    const anyAttribute = type.def.kind === 'complex' && anyAttributeOf(type);
    for (const a of node.attributes) {
      if (a.ns === XSI_NS) continue;
      const rule = a.ns === null ? rules.get(a.local) : undefined;
      if (!rule || rule.use === 'prohibited') {
        if (!anyAttribute) found(`attribute "${a.name}" is not allowed here`);
        continue;
      }
      const bad = rule.type.check(a.value);
      if (bad) found(`attribute "${a.name}": ${bad} (${rule.type.label})`);
      if (rule.fixed !== undefined && a.value.trim() !== rule.fixed) found(`attribute "${a.name}" must be ${JSON.stringify(rule.fixed)}`);
    }
    for (const [name, rule] of rules) {
      if (rule.use === 'required' && !node.attributes.some((a) => a.ns === null && a.local === name)) found(`required attribute "${name}" is missing`);
    }

    const textType = simpleContentOf(type);
    if (textType) {
      if (node.children.length > 0) found(`<${node.children[0]?.local}> is not allowed: the content is text of type ${textType.label}`);
      const bad = textType.check(node.text);
      if (bad) found(`${bad} (${textType.label})`);
      if (declared.fixed !== undefined && node.text.trim() !== declared.fixed) found(`the value must be ${JSON.stringify(declared.fixed)}`);
      return;
    }
    const complexDef = type.def as ComplexType;
    if (!complexDef.mixed && node.text.trim() !== '') found(`text ${JSON.stringify(node.text.trim().slice(0, 40))} is not allowed in element-only content`);

    const children = node.children;
    const ctx: Ctx = { furthest: -1, expected: new Set() };
    let pos = 0;
    const assigned: Array<readonly [number, Assignment]> = [];
    let failed = false;
    for (const [particle, schema] of contentOf(type)) {
      const m = matchParticle(particle, schema, children, pos, ctx);
      if (!m) {
        failed = true;
        break;
      }
      assigned.push(...m.assigned);
      pos = m.end;
    }
    if (failed || pos < children.length) {
      const at = failed ? Math.max(ctx.furthest, pos) : pos;
      const got = children[at];
      const expected = ctx.furthest >= at ? [...ctx.expected] : [];
      const gotText = got ? `<${got.local}>${got.ns ? ` (namespace ${got.ns})` : ''}` : 'the end of the element';
      found(
        expected.length > 0
          ? `found ${gotText} where the schema expects ${expected.join(' or ')}`
          : `${gotText} is not allowed here (nothing more may follow)`,
      );
    }
    const counts = new Map<string, number>();
    for (const c of children) counts.set(c.local, (counts.get(c.local) ?? 0) + 1);
    const seen = new Map<string, number>();
    for (const [index, a] of assigned) {
      const child = children[index];
      if (!child) continue;
      const n = (seen.get(child.local) ?? 0) + 1;
      seen.set(child.local, n);
      const childPath = `${path}/${child.local}${(counts.get(child.local) ?? 0) > 1 ? `[${n}]` : ''}`;
      if (a.kind === 'declared') checkElement(child, a.decl, childPath, out);
      else if (a.process !== 'skip') {
        const g = globalElement(child.ns, child.local);
        if (g) checkElement(child, { type: typeOfElement(g), nillable: g.decl.nillable ?? false, fixed: undefined }, childPath, out);
        else if (a.process === 'strict') out.push({ path: childPath, message: 'no global element of this name is declared (strict wildcard)' });
      }
    }
  };

  const checkRoot = (root: XmlElement, as?: string): ShapeFinding[] => {
    const g = as ? resolveElement(as, schemas[0] as Schema) : globalElement(root.ns, root.local);
    if (!g) return [{ path: `/${root.local}`, message: `no schema of the set declares the root element ${label(root.ns, root.local)}` }];
    if (g.name !== root.local || g.schema.namespace !== root.ns) {
      return [{ path: `/${root.local}`, message: `expected the root element ${label(g.schema.namespace, g.name)}` }];
    }
    const out: ShapeFinding[] = [];
    checkElement(root, { type: typeOfElement(g), nillable: g.decl.nillable ?? false, fixed: undefined }, `/${root.local}`, out);
    return out;
  };

  return {
    schemas,
    check(xml) {
      let root: XmlElement;
      try {
        root = parseTree(xml);
      } catch (e) {
        return [{ path: '/', message: `not well-formed XML: ${(e as Error).message}` }];
      }
      return checkRoot(root);
    },
    checkElement: checkRoot,
  };
}

/** Formats findings one per line, for assertion messages. */
export function formatFindings(findings: readonly ShapeFinding[]): string {
  return findings.map((f) => `${f.path}: ${f.message}`).join('\n');
}
