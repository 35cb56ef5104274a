// The drafting methods of the API: draft.start drafts a workflow from a description on the model of
// Settings → AI, in the background; draft.progress says which round is on its way and, once finished,
// gives the draft or the reason there is none; draft.cancel aborts the request on its way. Nothing is
// written to disk: the description and the draft live in this process until the app takes them.
import { randomBytes, randomUUID } from 'node:crypto';
import { ApiError, type Params, type Result } from '../../../shared/api/contract';
import { draftWorkflow } from '../../../shared/drafting/repair-loop';
import type { DraftOutcome, DraftProgress } from '../../../shared/drafting/result';
import { hostOf } from './call-budget';
import { DraftingClient } from './drafting-client';
import { isLocalBaseUrl } from './local-url';
import type { ExternalAiConfig } from './openai-provider';
import type { RetryPolicy } from './retry';

/** What the service needs of the AI settings: the configured model with its key, or null while on the mock. */
export interface DraftingAi {
  externalConfig(): ExternalAiConfig | null;
}

export interface DraftingDeps {
  ai: DraftingAi;
  /** Tests shorten the pauses between retries. */
  retry?: Partial<RetryPolicy>;
}

export const NOT_SET_UP =
  'Drafting needs a model. In Settings → AI, choose "OpenAI-compatible" (OpenAI, or Ollama or LM Studio on this computer) and a model, then try again.';

/** Finished drafts stay answerable for a while (the app fetches the result once). */
const KEEP_FINISHED = 10;

interface LiveDraft {
  id: string;
  client: DraftingClient;
  controller: AbortController;
  progress: DraftProgress | null;
  outcome: DraftOutcome | null;
  finished: Promise<void>;
}

type DraftMethod = 'draft.start' | 'draft.progress' | 'draft.cancel';
type Handlers = { [M in DraftMethod]: (params: Params<M>) => Promise<Result<M>> };

function newDraftId(): string {
  return `draft-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function draftingService({ ai, retry }: DraftingDeps) {
  const live = new Map<string, LiveDraft>();

  function forget(): void {
    const finished = [...live.values()].filter((d) => d.outcome !== null);
    for (const d of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) live.delete(d.id);
  }

  function lookup(id: string): LiveDraft {
    const draft = live.get(id);
    if (!draft) throw new ApiError('not-found', 'There is no such draft: it finished long ago or the app was restarted. Draft it again.');
    return draft;
  }

  const handlers: Handlers = {
    async 'draft.start'({ description }) {
      const config = ai.externalConfig();
      if (!config || !config.model.trim()) throw new ApiError('unavailable', NOT_SET_UP);
      const draft: LiveDraft = {
        id: newDraftId(),
        client: new DraftingClient({ ...config, retry }),
        controller: new AbortController(),
        progress: null,
        outcome: null,
        finished: Promise.resolve(),
      };
      live.set(draft.id, draft);
      draft.finished = draftWorkflow(description, draft.client, {
        id: randomUUID(),
        signal: draft.controller.signal,
        onProgress: (p) => (draft.progress = p),
      }).then(
        (outcome) => {
          draft.outcome = outcome;
          forget();
        },
        (e: unknown) => {
          draft.outcome = { ok: false, reason: 'failed', message: `Drafting failed: ${(e as Error).message}`, rounds: draft.progress?.round ?? 0, problems: [] };
          forget();
        },
      );
      return { draftId: draft.id, model: config.model, host: hostOf(config.baseUrl), local: isLocalBaseUrl(config.baseUrl) };
    },

    async 'draft.progress'({ draftId }) {
      const d = lookup(draftId);
      const o = d.outcome;
      const state = !o ? 'running' : o.ok ? 'done' : o.reason === 'cancelled' ? 'cancelled' : 'failed';
      const base = { draftId: d.id, state, finished: o !== null, progress: d.progress, aiUsage: d.client.ledger.summary() } as const;
      if (!o) return base;
      if (o.ok) {
        const { ok: _ok, ...result } = o;
        return { ...base, result };
      }
      const { ok: _ok, ...failure } = o;
      return { ...base, failure };
    },

    async 'draft.cancel'({ draftId }) {
      lookup(draftId).controller.abort();
      return {};
    },
  };

  /** Cancels the drafts on their way and waits for them to end. */
  async function close(): Promise<void> {
    const running = [...live.values()].filter((d) => d.outcome === null);
    for (const d of running) d.controller.abort();
    await Promise.all(running.map((d) => d.finished));
  }

  return { handlers, close };
}
