// Medians and 90th percentiles, the way the simulator reports them (nearest rank), so that a batch
// calibrated from a log is compared like with like.

/** Nearest-rank percentile of sorted values (p in 0..1); 0 for no values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}

export function round(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}

export interface Spread {
  median: number;
  p90: number;
  count: number;
}

/** Median and p90 of minutes, two decimals. */
export function spreadOf(values: number[]): Spread {
  const sorted = Float64Array.from(values).sort();
  return { median: round(percentile(sorted, 0.5), 2), p90: round(percentile(sorted, 0.9), 2), count: values.length };
}
