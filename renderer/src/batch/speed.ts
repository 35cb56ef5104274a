// How fast a running batch goes and how long it has left, measured by the panel between its own
// looks at the batch. The backend's rate counts from the start, worker start-up included, so early on
// it makes a batch look far slower than it is; counting from the first items finished does not.

export interface Sample {
  /** Wall-clock milliseconds. */
  at: number;
  done: number;
}

export interface Speed {
  /** Items per second. */
  rate: number;
  /** Seconds left at that rate. */
  etaSeconds: number;
}

/** Below this, a rate is more noise than measure. */
export const MIN_SPAN_MS = 300;

/**
 * The rate since `first` (the first look that saw items finished) up to `latest`; null until the span
 * is long enough and more items have finished since.
 */
export function estimateSpeed(first: Sample | null, latest: Sample, total: number): Speed | null {
  if (!first || latest.at - first.at < MIN_SPAN_MS || latest.done <= first.done) return null;
  const rate = ((latest.done - first.done) * 1000) / (latest.at - first.at);
  return { rate, etaSeconds: Math.max(0, total - latest.done) / rate };
}
