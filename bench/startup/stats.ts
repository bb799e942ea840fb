// Order statistics for the bench's samples (milliseconds).
export interface Summary {
  median: number;
  p90: number;
  min: number;
  n: number;
}

function at(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return at([...samples].sort((a, b) => a - b), 0.5);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: at(sorted, 0.5), p90: at(sorted, 0.9), min: sorted[0] ?? Number.NaN, n: sorted.length };
}

export const ms = (n: number): string => `${n.toFixed(1)} ms`;

export const formatSummary = (s: Summary): string => `median ${ms(s.median)}, p90 ${ms(s.p90)}, min ${ms(s.min)} (n=${s.n})`;
