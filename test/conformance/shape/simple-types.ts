// Simple types as XML Schema Part 2 (Datatypes) defines them: a built-in base with its lexical
// space, the whiteSpace facet applied first, then the restricting facets (length, pattern,
// enumeration, bounds). Union and list types are written with `t.union` / `t.list`.

export interface SimpleType {
  readonly kind: 'simple';
  /** What the type is called in findings, e.g. `PositiveInt` or `xs:token{1..161}`. */
  readonly label: string;
  /** `null` when the lexical value conforms; else why not. */
  check(lexical: string): string | null;
}

type WhiteSpace = 'preserve' | 'replace' | 'collapse';

export interface Facets {
  readonly name?: string;
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  readonly enumeration?: readonly string[];
  readonly minInclusive?: number | bigint;
  readonly maxInclusive?: number | bigint;
  readonly minExclusive?: number | bigint;
  readonly maxExclusive?: number | bigint;
}

function normalize(value: string, ws: WhiteSpace): string {
  if (ws === 'preserve') return value;
  const replaced = value.replace(/[\t\n\r]/g, ' ');
  return ws === 'replace' ? replaced : replaced.replace(/ {2,}/g, ' ').trim();
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

interface Builtin {
  readonly name: string;
  readonly ws: WhiteSpace;
  /** Lexical check; returns a comparable number/bigint for bounded types. */
  readonly lexical: (v: string) => string | null;
  readonly numeric?: (v: string) => bigint | number;
  readonly bounds?: readonly [bigint, bigint];
}

const integerLexical = /^[+-]?[0-9]+$/;
function integer(name: string, bounds?: readonly [bigint, bigint]): Builtin {
  return {
    name,
    ws: 'collapse',
    lexical: (v) => (integerLexical.test(v) ? null : 'not an integer'),
    numeric: (v) => BigInt(v),
    ...(bounds ? { bounds } : {}),
  };
}

const BUILTINS = {
  string: { name: 'xs:string', ws: 'preserve', lexical: () => null },
  normalizedString: { name: 'xs:normalizedString', ws: 'replace', lexical: () => null },
  token: { name: 'xs:token', ws: 'collapse', lexical: () => null },
  NMTOKEN: { name: 'xs:NMTOKEN', ws: 'collapse', lexical: (v: string) => (/^[\p{L}\p{N}._:-]+$/u.test(v) ? null : 'not an NMTOKEN') },
  anyURI: { name: 'xs:anyURI', ws: 'collapse', lexical: () => null },
  boolean: { name: 'xs:boolean', ws: 'collapse', lexical: (v: string) => (/^(true|false|1|0)$/.test(v) ? null : 'not a boolean (true, false, 1, 0)') },
  base64Binary: {
    name: 'xs:base64Binary',
    ws: 'collapse',
    lexical: (v: string) => (/^([A-Za-z0-9+/] ?){0,}(=( ?=)?)?$/.test(v) && v.replace(/ /g, '').length % 4 === 0 ? null : 'not base64'),
  },
  dateTime: {
    name: 'xs:dateTime',
    ws: 'collapse',
    lexical: (v: string) =>
      /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(v) ? null : 'not an xs:dateTime',
  },
  date: { name: 'xs:date', ws: 'collapse', lexical: (v: string) => (/^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/.test(v) ? null : 'not an xs:date') },
  time: { name: 'xs:time', ws: 'collapse', lexical: (v: string) => (/^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(v) ? null : 'not an xs:time') },
  decimal: {
    name: 'xs:decimal',
    ws: 'collapse',
    lexical: (v: string) => (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v) ? null : 'not a decimal'),
    numeric: (v: string) => Number(v),
  },
  double: {
    name: 'xs:double',
    ws: 'collapse',
    lexical: (v: string) => (/^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NaN)$/.test(v) ? null : 'not a double'),
    numeric: (v: string) => (v === 'INF' ? Infinity : v === '-INF' ? -Infinity : Number(v)),
  },
  integer: integer('xs:integer'),
  long: integer('xs:long', [-(2n ** 63n), 2n ** 63n - 1n]),
  int: integer('xs:int', [-(2n ** 31n), 2n ** 31n - 1n]),
  short: integer('xs:short', [-32768n, 32767n]),
  byte: integer('xs:byte', [-128n, 127n]),
  nonNegativeInteger: integer('xs:nonNegativeInteger', [0n, 2n ** 256n]),
  positiveInteger: integer('xs:positiveInteger', [1n, 2n ** 256n]),
  unsignedInt: integer('xs:unsignedInt', [0n, 2n ** 32n - 1n]),
  unsignedShort: integer('xs:unsignedShort', [0n, 65535n]),
} satisfies Record<string, Builtin>;

export type BuiltinName = keyof typeof BUILTINS;

function describe(base: Builtin, f: Facets): string {
  if (f.name) return f.name;
  const parts: string[] = [];
  if (f.length !== undefined) parts.push(`length ${f.length}`);
  if (f.minLength !== undefined || f.maxLength !== undefined) parts.push(`${f.minLength ?? 0}..${f.maxLength ?? '*'} chars`);
  if (f.enumeration) parts.push(`one of ${f.enumeration.length}`);
  if (f.minInclusive !== undefined || f.maxInclusive !== undefined) parts.push(`${f.minInclusive ?? '*'}..${f.maxInclusive ?? '*'}`);
  if (f.pattern) parts.push(`pattern ${f.pattern.source}`);
  return parts.length > 0 ? `${base.name}{${parts.join(', ')}}` : base.name;
}

function compare(a: bigint | number, b: bigint | number): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A simple type: the built-in `base` restricted by `facets`. */
export function simple(baseName: BuiltinName, facets: Facets = {}): SimpleType {
  const base: Builtin = BUILTINS[baseName];
  const label = describe(base, facets);
  return {
    kind: 'simple',
    label,
    check(raw) {
      const v = normalize(raw, base.ws);
      const lexical = base.lexical(v);
      if (lexical) return `${quote(raw)} is ${lexical}`;
      if (facets.enumeration && !facets.enumeration.includes(v)) {
        return `${quote(v)} is not one of ${facets.enumeration.map((e) => JSON.stringify(e)).join(', ')}`;
      }
      const chars = [...v].length;
      if (facets.length !== undefined && chars !== facets.length) return `${quote(v)} has ${chars} characters, not ${facets.length}`;
      if (facets.minLength !== undefined && chars < facets.minLength) return `${quote(v)} is shorter than ${facets.minLength} characters`;
      if (facets.maxLength !== undefined && chars > facets.maxLength) return `${quote(v)} is longer than ${facets.maxLength} characters (${chars})`;
      if (facets.pattern && !new RegExp(`^(?:${facets.pattern.source})$`, facets.pattern.flags.replace('g', '')).test(v)) {
        return `${quote(v)} does not match the pattern ${facets.pattern.source}`;
      }
      if (base.numeric) {
        const n = base.numeric(v);
        if (base.bounds && (compare(n, base.bounds[0]) < 0 || compare(n, base.bounds[1]) > 0)) return `${v} is out of the range of ${base.name}`;
        if (facets.minInclusive !== undefined && compare(n, facets.minInclusive) < 0) return `${v} is below the minimum ${facets.minInclusive}`;
        if (facets.maxInclusive !== undefined && compare(n, facets.maxInclusive) > 0) return `${v} is above the maximum ${facets.maxInclusive}`;
        if (facets.minExclusive !== undefined && compare(n, facets.minExclusive) <= 0) return `${v} is not above ${facets.minExclusive}`;
        if (facets.maxExclusive !== undefined && compare(n, facets.maxExclusive) >= 0) return `${v} is not below ${facets.maxExclusive}`;
      }
      return null;
    },
  };
}

/** Restricts an already defined simple type further (both must hold), e.g. a named subtype. */
export function narrow(base: SimpleType, facetsOrCheck: Facets & { base?: BuiltinName }): SimpleType {
  const extra = simple(facetsOrCheck.base ?? 'string', facetsOrCheck);
  return {
    kind: 'simple',
    label: facetsOrCheck.name ?? `${base.label}+${extra.label}`,
    check: (v) => base.check(v) ?? extra.check(v),
  };
}

/** `xs:union` of member types: a value conforms if any member accepts it. */
export function union(name: string, ...members: SimpleType[]): SimpleType {
  return {
    kind: 'simple',
    label: name,
    check(v) {
      const reasons = members.map((m) => m.check(v));
      return reasons.some((r) => r === null) ? null : `${quote(v)} matches no member of ${name} (${members.map((m) => m.label).join(' | ')})`;
    },
  };
}

/** `xs:list` of an item type (whitespace-separated). */
export function list(item: SimpleType, facets: { minLength?: number; maxLength?: number } = {}): SimpleType {
  return {
    kind: 'simple',
    label: `list of ${item.label}`,
    check(raw) {
      const items = normalize(raw, 'collapse').split(' ').filter((s) => s !== '');
      if (facets.minLength !== undefined && items.length < facets.minLength) return `list has ${items.length} items, fewer than ${facets.minLength}`;
      if (facets.maxLength !== undefined && items.length > facets.maxLength) return `list has ${items.length} items, more than ${facets.maxLength}`;
      for (const it of items) {
        const r = item.check(it);
        if (r) return r;
      }
      return null;
    },
  };
}

/** Short builders for the common cases. */
export const t = {
  string: (f: Facets = {}) => simple('string', f),
  normalizedString: (f: Facets = {}) => simple('normalizedString', f),
  token: (f: Facets = {}) => simple('token', f),
  anyURI: (f: Facets = {}) => simple('anyURI', f),
  boolean: () => simple('boolean'),
  base64: (f: Facets = {}) => simple('base64Binary', f),
  dateTime: () => simple('dateTime'),
  date: () => simple('date'),
  time: () => simple('time'),
  decimal: (f: Facets = {}) => simple('decimal', f),
  double: (f: Facets = {}) => simple('double', f),
  integer: (f: Facets = {}) => simple('integer', f),
  int: (f: Facets = {}) => simple('int', f),
  long: (f: Facets = {}) => simple('long', f),
  short: (f: Facets = {}) => simple('short', f),
  nonNegativeInteger: (f: Facets = {}) => simple('nonNegativeInteger', f),
  positiveInteger: (f: Facets = {}) => simple('positiveInteger', f),
  unsignedInt: (f: Facets = {}) => simple('unsignedInt', f),
  /** An enumeration over `xs:token` (the usual base in BroadWorks schemas). */
  enumeration: (name: string, values: readonly string[], base: BuiltinName = 'token') => simple(base, { name, enumeration: values }),
  /** A value the schema fixes (`fixed="…"`), checked after the base's whitespace rule. */
  fixed: (value: string, base: BuiltinName = 'token') => simple(base, { name: `fixed ${JSON.stringify(value)}`, enumeration: [value] }),
} as const;
