// DESIGN.md "The layers", checked by dependency-cruiser (.dependency-cruiser.cjs) over every file of
// src/, type-only imports included: arrows point down only (cli-shell -> client -> adapters ->
// effects/codecs -> machines), machines and codecs use no Node built-ins, the lab never reaches
// machines, adapters or client, cli-shell only the client's and the lab's entry points, and there
// is not one import cycle.
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const LAYERS = ['machines', 'codecs', 'effects', 'adapters', 'client', 'cli-shell', 'lab'] as const;

async function cruiseSources(): Promise<{ result: ICruiseResult; rules: string[] }> {
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  const result = await cruise(['src'], { ...options, validate: true }, undefined, { tsConfig: extractTSConfig('tsconfig.json') });
  return { result: result.output as ICruiseResult, rules: (options.ruleSet?.forbidden ?? []).map((r) => r.name ?? '') };
}

describe('layering and cycles (dependency-cruiser)', () => {
  it('src/ has no dependency violation and no import cycle, over every layer', async () => {
    const { result, rules } = await cruiseSources();
    // Every layer was cruised (a rule over an empty layer would pass trivially).
    for (const layer of LAYERS) {
      expect(result.modules.filter((m) => m.source.startsWith(`src/${layer}/`)).length, layer).toBeGreaterThan(3);
    }
    expect(rules).toEqual(
      expect.arrayContaining(['no-circular', 'machines-import-machines-only', 'codecs-import-codecs-only', 'cli-shell-uses-public-apis-only', 'lab-uses-codecs-and-effects-only', 'domain-reducers-import-domain-only', 'client-internals-stay-in-the-client']),
    );
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);
    expect(violations).toEqual([]);
    expect(result.summary.error).toBe(0);
  }, 60_000);
});
