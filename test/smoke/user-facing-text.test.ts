// Messages a user can act on (issue 13 item 5): no text the package prints, returns or logs may
// cite a document that does not ship with it (the project's own notes: `seed §…`, `kakapo.md`,
// `oci-p.md`, issue numbers). Comments may cite them; strings may not. Read by the TypeScript
// compiler, so a string is a string whatever its quotes, and a comment is never mistaken for one.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Documents that ship in the package (`files` in package.json), which a message may name. */
const SHIPPED = new Set(['README.md', 'CHANGELOG.md', 'LICENSE']);

/** A citation of a document that does not ship: `seed §5.1`, `§4.2`, `cap.md`, `issue 13`. */
function unshippedCitations(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/seed\s*§|\bthe seed\b|§\s*\d|\bissue\s+#?\d+|\b[\w.-]+\.md\b/gi)) {
    if (SHIPPED.has(m[0])) continue;
    // A section of a public specification named with it ("RFC 6120 §6.4", "XEP-0199 §2") helps.
    if (m[0].startsWith('§') && /(RFC\s*\d+|XEP-\d+)[\s,]*(§\s*[\d.]+[\s,]*)*$/i.test(text.slice(0, m.index))) continue;
    found.push(m[0]);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [join(dir, d.name)] : [],
  );
}

/** Every piece of literal text in a file: string literals and the fixed parts of template literals. */
function literalTexts(file: ts.SourceFile): { text: string; line: number }[] {
  const texts: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      texts.push({ text: node.text, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });
    }
    // Import specifiers name modules, not documents.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(file);
  return texts;
}

describe('user-facing text', () => {
  it('the scanner finds citations in strings and ignores comments and shipped documents', () => {
    const file = ts.createSourceFile('x.ts', [
      '// seed §5.1: a comment may cite the seed',
      "const a = 'check the firewall (seed §5.1)';",
      'const b = `see oci-p.md ${a} and issue 13`;',
      "const c = 'see README.md and RFC 6120 §6.4';",
    ].join('\n'), ts.ScriptTarget.ES2022, true);
    const found = literalTexts(file).flatMap(({ text, line }) => unshippedCitations(text).map((c) => `${line}:${c}`));
    expect(found).toEqual(['2:seed §', '3:oci-p.md', '3:issue 13']);
  });

  it('no string in src/ cites a document that does not ship with the package', () => {
    const offenders: string[] = [];
    let strings = 0;
    for (const path of sourceFiles(join(ROOT, 'src'))) {
      const file = ts.createSourceFile(path, ts.sys.readFile(path) ?? '', ts.ScriptTarget.ES2022, true);
      for (const { text, line } of literalTexts(file)) {
        strings++;
        for (const citation of unshippedCitations(text)) offenders.push(`${path.slice(ROOT.length)}:${line} ${citation}`);
      }
    }
    expect(strings).toBeGreaterThan(1000); // the scan read the sources
    expect(offenders).toEqual([]);
  });
});
