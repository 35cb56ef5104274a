// Retries with exponential backoff (base, 2×base, 4×base… plus a little jitter), for the failures
// worth another try. The pause ends at once when the run is cancelled.
import type { Failure } from './failures';

export interface RetryPolicy {
  /** Further tries after the first (default 2). */
  retries: number;
  /** First pause in milliseconds (default 500); doubles each time. */
  baseMs: number;
  /** Longest pause, whatever the server's Retry-After says (default 8 s). */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseMs: 500, maxMs: 8_000 };

export function backoffMs(policy: RetryPolicy, attempt: number, failure: Failure, random: () => number = Math.random): number {
  const computed = policy.baseMs * 2 ** attempt * (1 + 0.25 * random());
  return Math.min(policy.maxMs, Math.max(computed, failure.retryAfterMs ?? 0));
}

/** Resolves after `ms`, or early (false) when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((done) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      done(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      done(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/**
 * Runs `once` until it succeeds, fails for good, or the tries are used up. Returns the last outcome
 * and how many retries it took.
 */
export async function withRetries<T>(once: () => Promise<Attempt<T>>, policy: RetryPolicy, signal?: AbortSignal): Promise<{ outcome: Attempt<T>; retries: number }> {
  let retries = 0;
  for (;;) {
    const outcome = await once();
    if (outcome.ok || !outcome.failure.retryable || retries >= policy.retries || signal?.aborted) return { outcome, retries };
    if (!(await pause(backoffMs(policy, retries, outcome.failure), signal))) return { outcome, retries };
    retries++;
  }
}
