// Runs a batch in slices of about `sliceMs` of wall-clock time, reporting progress and checking for a
// cancel between slices. The worker runs the slices back to back; the in-process fallback yields to
// the event loop between them, so the backend keeps answering while the batch runs.
import type { ErrorCode } from '../../../shared/api/contract';
import type { BatchRunner } from '../../../shared/simulation/batch';
import type { BatchFailure } from './protocol';
import { errorText } from '../../../shared/text';

export interface SliceOptions {
  sliceMs: number;
  onProgress(done: number, total: number): void;
  isCancelled(): boolean;
  /** Called between slices; the in-process fallback awaits a macrotask here. */
  between?: () => Promise<void> | void;
  now?: () => number;
}

/** Runs until finished or cancelled; resolves with whether it was cancelled. */
export async function runSlices(runner: BatchRunner, options: SliceOptions): Promise<boolean> {
  const now = options.now ?? (() => performance.now());
  let slice = 50;
  while (!runner.finished) {
    if (options.isCancelled()) return true;
    const start = now();
    runner.runNext(slice);
    const took = now() - start;
    // Aim each slice at sliceMs: big enough to cost nothing, small enough to cancel promptly.
    slice = Math.max(1, Math.min(50_000, Math.round(slice * (took > 0 ? options.sliceMs / took : 2))));
    options.onProgress(runner.done, runner.total);
    if (options.between) await options.between();
  }
  return false;
}

/** The failure a batch that cannot start reports: bad settings and unusable documents are the caller's to fix. */
export function failureOf(e: unknown): BatchFailure {
  const err = e as { name?: string; message?: string; path?: string; code?: unknown };
  if (err?.name === 'BatchSettingsError' || err?.name === 'SimulationSpecError') return { message: err.message ?? String(e), path: err.path, code: 'bad-request' };
  if (err?.name === 'ApiError' && typeof err.code === 'string') return { message: err.message ?? String(e), path: err.path, code: err.code as ErrorCode };
  return { message: errorText(e), code: 'internal' };
}
