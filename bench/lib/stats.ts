// Repeated timing with warm-up. Medians, not means: one garbage collection or a neighbour process
// taking the core for a moment should not move a figure.

export interface Sampled {
  median: number;
  min: number;
  p90: number;
  runs: number;
}

export interface SampleOptions {
  /** Calls made first and thrown away, so the JIT has compiled the hot paths. */
  warmup: number;
  runs: number;
}

export function summarise(samples: readonly number[]): Sampled {
  if (!samples.length) throw new Error('No samples to summarise.');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], p90: at(0.9), runs: sorted.length };
}

/** Times `fn` in milliseconds. */
export function sample(fn: () => unknown, { warmup, runs }: SampleOptions): Sampled {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return summarise(times);
}

export async function sampleAsync(fn: () => Promise<unknown>, { warmup, runs }: SampleOptions): Promise<Sampled> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return summarise(times);
}

/** "median of 100 runs (min 1.8, p90 2.4)" for a note. */
export function formatRuns(s: Sampled, unit = 'ms'): string {
  const r = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  return `median of ${s.runs} runs after warm-up (min ${r(s.min)}, p90 ${r(s.p90)} ${unit})`;
}
