// npm run bench:codecs — decode throughput of our codecs beside raw fast-xml-parser on the same
// bytes in the same run (issue 3: goal ≥ 0.8 of raw). Cases are a list; bench/codecs/cti-case.ts
// contributes more when present.
import { existsSync } from 'node:fs';
import type { BenchCase } from './bench-case.ts';
import { splitterThroughput } from './framing-case.ts';
import { ociCases } from './oci-cases.ts';

interface Measure {
  readonly mbPerSec: number;
  readonly docsPerSec: number;
}

function runOnce(docs: readonly Uint8Array[], fn: (d: Uint8Array) => unknown, minMs: number): Measure {
  let bytes = 0;
  for (const d of docs) bytes += d.length;
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const d of docs) fn(d);
    rounds++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  const secs = elapsed / 1000;
  return { mbPerSec: (bytes * rounds) / secs / 1e6, docsPerSec: (docs.length * rounds) / secs };
}

/** Alternates ours and raw several times and keeps each side's best, to damp GC and JIT noise. */
function measure(c: BenchCase, trials = 5, minMs = 400): { ours: Measure; raw: Measure } {
  for (const d of c.bytes.slice(0, 50)) {
    c.decode(d);
    c.rawParse(d);
  }
  runOnce(c.bytes, c.decode, 200);
  runOnce(c.bytes, c.rawParse, 200);
  let ours: Measure = { mbPerSec: 0, docsPerSec: 0 };
  let raw: Measure = { mbPerSec: 0, docsPerSec: 0 };
  for (let t = 0; t < trials; t++) {
    const o = runOnce(c.bytes, c.decode, minMs);
    const r = runOnce(c.bytes, c.rawParse, minMs);
    if (o.mbPerSec > ours.mbPerSec) ours = o;
    if (r.mbPerSec > raw.mbPerSec) raw = r;
  }
  return { ours, raw };
}

async function extraCases(): Promise<BenchCase[]> {
  const url = new URL('./cti-case.ts', import.meta.url);
  if (!existsSync(url)) return [];
  const mod = (await import(url.href)) as { cases?: BenchCase[]; default?: BenchCase | BenchCase[] };
  return mod.cases ?? (mod.default === undefined ? [] : ([] as BenchCase[]).concat(mod.default));
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const cases = [...ociCases(), ...(await extraCases())];
  console.log(`codecs bench — node ${process.version}, ${cases.length} cases; best of 5 alternating trials\n`);
  for (const c of cases) {
    const size = c.bytes.reduce((n, d) => n + d.length, 0);
    const { ours, raw } = measure(c);
    const ratio = ours.mbPerSec / raw.mbPerSec;
    console.log(`${c.name}  (${c.bytes.length} docs, ${fmt(size / 1e6, 2)} MB)`);
    console.log(`  ours (full decode)   ${fmt(ours.mbPerSec).padStart(8)} MB/s  ${fmt(ours.docsPerSec, 0).padStart(10)} docs/s`);
    console.log(`  raw fast-xml-parser  ${fmt(raw.mbPerSec).padStart(8)} MB/s  ${fmt(raw.docsPerSec, 0).padStart(10)} docs/s`);
    console.log(`  ratio ours/raw       ${fmt(ratio, 2).padStart(8)}  ${ratio >= 0.8 ? '(goal ≥ 0.8 met)' : '(below the 0.8 goal)'}\n`);
  }
  const small = cases[1]?.bytes ?? [];
  console.log(`Framing only (the small-message stream in 64 KiB chunks, ${small.length} docs)`);
  for (const [label, mode] of [['endTag </BroadsoftDocument>', { mode: 'endTag', endTag: '</BroadsoftDocument>' }], ['depth0', { mode: 'depth0' }]] as const) {
    const m = splitterThroughput(small, mode);
    console.log(`  ${label.padEnd(28)} ${fmt(m.mbPerSec).padStart(8)} MB/s  ${fmt(m.docsPerSec, 0).padStart(10)} docs/s`);
  }
}

await main();
