// Which AI answers each AI step of a run. The backend asks `aiProviderFor(node)` once per step when a
// run starts (a real, OpenAI-compatible provider can be plugged in there); a step it gives nothing
// for uses the deterministic mock. Without the hook every step uses the mock.
import type { NodeOfKind, Workflow } from '../../../shared/model/schema';
import type { AiProvider } from '../../../shared/simulation/ai-provider';
import { mockAi } from '../../../shared/simulation/mock-ai';
import type { UsageLedger } from '../ai/usage';

/**
 * What a run (or a batch) hands the providers of its steps: a signal that aborts their requests when it
 * is cancelled, and the ledger their calls and tokens are counted in.
 */
export interface AiRunContext {
  signal?: AbortSignal;
  ledger?: UsageLedger;
}

/** Gives the provider of one AI step, or null/undefined for the mock. May throw to say it is not set up. */
export type AiProviderFor = (node: NodeOfKind<'ai'>, workflow: Workflow, run: AiRunContext) => AiProvider | null | undefined;

/** A provider that cannot run: every request gets the error (the step leaves by `error`). */
function failing(name: string, error: string): AiProvider {
  return { name, run: () => ({ ok: false, error }) };
}

/**
 * One provider for the run that hands each request to its step's provider. The trace names the
 * provider of each answer: the engine reads `name` right after the step's answer, so it tells the last one used.
 */
export function routeAi(workflow: Workflow, providerFor?: AiProviderFor, run: AiRunContext = {}): AiProvider {
  if (!providerFor) return mockAi;
  const byNode = new Map<string, AiProvider>();
  for (const node of workflow.nodes) {
    if (node.kind !== 'ai') continue;
    let provider: AiProvider;
    try {
      provider = providerFor(node, workflow, run) ?? mockAi;
    } catch (e) {
      provider = failing('unavailable', `The AI provider of "${node.label}" cannot be used: ${(e as Error).message}`);
    }
    byNode.set(node.id, provider);
  }
  if ([...byNode.values()].every((p) => p === mockAi)) return mockAi;
  let last: AiProvider = mockAi;
  return {
    get name() {
      return last.name;
    },
    run(request) {
      last = byNode.get(request.nodeId) ?? mockAi;
      return last.run(request);
    },
  };
}
