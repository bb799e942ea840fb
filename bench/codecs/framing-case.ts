// Splitter throughput: the small OCI documents concatenated into one stream, fed in 64 KiB chunks.
import { createDocumentSplitter, type SplitterMode } from '../../src/codecs/index.ts';

export function splitterThroughput(docs: readonly Uint8Array[], mode: SplitterMode, minMs = 400): { mbPerSec: number; docsPerSec: number } {
  const total = docs.reduce((n, d) => n + d.length, 0);
  const stream = new Uint8Array(total);
  let off = 0;
  for (const d of docs) {
    stream.set(d, off);
    off += d.length;
  }
  const chunk = 64 * 1024;
  let rounds = 0;
  let found = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    const s = createDocumentSplitter(mode);
    for (let p = 0; p < stream.length; p += chunk) {
      const r = s.push(stream.subarray(p, p + chunk));
      if (!r.ok) throw r.error;
      found += r.value.length;
    }
    rounds++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  if (found !== docs.length * rounds) throw new Error(`splitter found ${found} of ${docs.length * rounds} documents`);
  return { mbPerSec: (total * rounds) / (elapsed / 1000) / 1e6, docsPerSec: (docs.length * rounds) / (elapsed / 1000) };
}
