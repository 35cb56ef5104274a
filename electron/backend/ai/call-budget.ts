// Batches ask before they spend: how many model calls N runs of a workflow would make, at most, and
// whether that is more than the user allows without being asked (Settings → AI). Retries are not
// counted; a step in a loop is counted once per run.
import type { Workflow } from '../../../shared/model/schema';
import type { AiProviderKind } from '../../../shared/api/ai-contract';
import { isLocalBaseUrl } from './local-url';
import { plural } from '../../../shared/text';

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

/** The AI settings a call estimate depends on. */
export interface BudgetSettings {
  provider: AiProviderKind;
  baseUrl: string;
  model: string;
  maxCallsWithoutAsking: number;
}

export interface CallEstimate {
  calls: number;
  maxCallsWithoutAsking: number;
  mustAsk: boolean;
  /** Null when every step of the batch uses the mock. */
  model: string | null;
  host: string | null;
  local: boolean;
  /** The external steps that would call the model. */
  steps: string[];
}

/** `https://api.openai.com/v1` → `api.openai.com`; the URL itself when it is not one. */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}

/** What `runs` items of `wf` would send to the model with these settings, and whether to ask first. */
export function estimateCalls(wf: Workflow, runs: number, settings: BudgetSettings): CallEstimate {
  const steps = settings.provider === 'openai-compatible' ? reachableExternalAiNodes(wf) : [];
  const calls = countExternalCalls(wf, runs, settings.provider);
  const usesModel = steps.length > 0;
  return {
    calls,
    maxCallsWithoutAsking: settings.maxCallsWithoutAsking,
    mustAsk: mustAskBeforeCalls(calls, settings.maxCallsWithoutAsking),
    model: usesModel ? settings.model : null,
    host: usesModel ? hostOf(settings.baseUrl) : null,
    local: usesModel && isLocalBaseUrl(settings.baseUrl),
    steps,
  };
}

/** "about 40 calls to gpt-4o-mini at api.openai.com" */
export function callsPhrase(e: Pick<CallEstimate, 'calls' | 'model' | 'host'>): string {
  return `about ${plural(e.calls, 'call')} to ${e.model || 'the model'} at ${e.host ?? 'its server'}`;
}
