// Batches ask before they spend: how many model calls N runs of a workflow would make, at most, and
// whether that is more than the user allows without being asked (Settings → AI). Retries are not
// counted; a step in a loop is counted once per run.
import type { Workflow } from '../../../shared/model/schema';
import type { AiProviderKind } from '../../../shared/api/ai-contract';

/** Ids of the external AI steps a run can reach from an intake. */
export function reachableExternalAiNodes(wf: Workflow): string[] {
  const next = new Map<string, string[]>();
  for (const e of wf.edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const queue = wf.nodes.filter((n) => n.kind === 'intake').map((n) => n.id);
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(next.get(id) ?? []));
  }
  return wf.nodes.filter((n) => n.kind === 'ai' && (n.config as { provider?: unknown }).provider === 'external' && seen.has(n.id)).map((n) => n.id);
}

/** The model calls `runs` runs would make: zero while the provider is the mock. */
export function countExternalCalls(wf: Workflow, runs: number, provider: AiProviderKind): number {
  if (provider !== 'openai-compatible' || runs <= 0) return 0;
  return reachableExternalAiNodes(wf).length * Math.floor(runs);
}

/** True when a batch must ask the user first. */
export function mustAskBeforeCalls(calls: number, maxCallsWithoutAsking: number): boolean {
  return calls > maxCallsWithoutAsking;
}
