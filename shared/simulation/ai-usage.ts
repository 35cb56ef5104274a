// What the model calls of a run or a batch used: requests (retries included), the tokens the server
// reported and an estimated cost. The backend counts them (electron/backend/ai/usage.ts); this is the
// shape the API, the batch history and the command line's JSON carry, and how the app words it.
import { z } from 'zod';
import { plural, thousands } from '../text';

const count = z.number().int().min(0);

export const aiUsageSchema = z.object({
  model: z.string(),
  /** Requests sent to the server, retries included. */
  calls: count,
  /** Requests that ended in an error (no reply, refused, or a reply that did not fit). */
  failed: count,
  promptTokens: count,
  completionTokens: count,
  totalTokens: count,
  /** False when at least one answered call came without a token count. */
  usageReported: z.boolean(),
  /** US dollars; null when the model's price is unknown or a call did not report its tokens; 0 on this computer. */
  estimatedCostUsd: z.number().min(0).nullable(),
});
export type AiUsage = z.infer<typeof aiUsageSchema>;

/** "≈$0.0012", "≈$1.40", "$0 (on this computer)", "cost unknown". */
export function costText(usd: number | null): string {
  if (usd === null) return 'cost unknown';
  if (usd === 0) return '$0 (on this computer)';
  if (usd < 0.0001) return '<$0.0001';
  return `≈$${usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/** "12 model calls · 3,456 tokens · ≈$0.0012" (with "2 failed" when some did). */
export function aiUsageText(u: AiUsage): string {
  // Counts are whole numbers (the schema says so).
  const calls = `${plural(u.calls, 'model call')}${u.failed ? ` (${thousands(u.failed)} failed)` : ''}`;
  const tokens = u.usageReported ? `${thousands(u.totalTokens)} tokens` : 'tokens not reported';
  return `${calls} · ${tokens} · ${costText(u.estimatedCostUsd)}`;
}
