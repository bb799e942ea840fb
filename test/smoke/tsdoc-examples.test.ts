// Every callable the package exports (a function or a class, from each of its entry points) has
// TSDoc with an @example (issue 11 item 6; the project's style rule), read by the TypeScript
// compiler at the declaration the export resolves to.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY_POINTS = ['src/index.ts', 'src/machines/index.ts', 'src/codecs/index.ts', 'src/lab/index.ts'];

function hasExample(node: ts.Node): boolean {
  // A variable's TSDoc sits on its statement; a method's, a function's or a class's on itself.
  const carriers = ts.isVariableDeclaration(node) ? [node, node.parent.parent] : [node];
  return carriers.some((n) => ts.getJSDocTags(n).some((tag) => tag.tagName.text === 'example'));
}

function callableDeclaration(node: ts.Declaration, checker: ts.TypeChecker): boolean {
  if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) return true;
  if (ts.isVariableDeclaration(node)) {
    const type = checker.getTypeAtLocation(node);
    // A function value (arrow or function expression), not a constant table that holds some.
    return type.getCallSignatures().length > 0 && node.initializer !== undefined && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer));
  }
  return false;
}

describe('TSDoc @example on the exported entry points', () => {
  const program = ts.createProgram(
    ENTRY_POINTS.map((e) => `${ROOT}${e}`),
    { allowImportingTsExtensions: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true },
  );
  const checker = program.getTypeChecker();
  for (const entry of ENTRY_POINTS) {
    it(`every function and class exported by ${entry} has an @example`, () => {
      const file = program.getSourceFile(`${ROOT}${entry}`)!;
      const moduleSymbol = checker.getSymbolAtLocation(file)!;
      const missing: string[] = [];
      let callables = 0;
      for (const exported of checker.getExportsOfModule(moduleSymbol)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        for (const decl of symbol.declarations ?? []) {
          if (!callableDeclaration(decl, checker)) continue;
          callables++;
          if (!hasExample(decl)) missing.push(`${exported.name} (${decl.getSourceFile().fileName.slice(ROOT.length)})`);
        }
      }
      expect(callables).toBeGreaterThan(3);
      expect(missing.sort()).toEqual([]);
    });
  }
});
