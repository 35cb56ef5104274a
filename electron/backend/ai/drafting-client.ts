// The model call behind drafting from a description: one chat completion per round on the configured
// OpenAI-compatible server, with the draft's strict JSON schema as `response_format`. Same key
// handling, failure messages (redacted), retries and cancel as the AI provider of simulated steps;
// a longer timeout, since a whole workflow is a long answer. The repair loop itself is pure
// (shared/drafting/repair-loop.ts) and sees only `ask`.
import type OpenAI from 'openai';
import { draftResponseFormat } from '../../../shared/drafting/json-schema';
import type { ChatMessage } from '../../../shared/drafting/prompt';
import type { DraftModel, ModelAnswer } from '../../../shared/drafting/repair-loop';
import { describeFailure } from './failures';
import { isLocalBaseUrl } from './local-url';
import { createClient, DEFAULT_TIMEOUT_MS, linkedSignal, type ExternalAiConfig } from './openai-provider';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry';
import { UsageLedger } from './usage';

/** A request for a draft may take this long at least, whatever the (per-step) timeout in Settings says. */
export const DRAFT_MIN_TIMEOUT_MS = 180_000;

export interface DraftingClientOptions extends ExternalAiConfig {
  retry?: Partial<RetryPolicy>;
  ledger?: UsageLedger;
}

/** The timeout of one drafting request: the Settings value when it is longer than the minimum. */
export function draftTimeoutMs(configured: number | undefined): number {
  return Math.max(configured ?? DEFAULT_TIMEOUT_MS, DRAFT_MIN_TIMEOUT_MS);
}

export class DraftingClient implements DraftModel {
  readonly name: string;
  readonly ledger: UsageLedger;
  readonly #client: OpenAI;
  readonly #options: DraftingClientOptions;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;

  constructor(options: DraftingClientOptions) {
    this.#options = options;
    this.name = options.model;
    this.#timeoutMs = draftTimeoutMs(options.timeoutMs);
    this.#client = createClient({ ...options, timeoutMs: this.#timeoutMs });
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.ledger = options.ledger ?? new UsageLedger(options.model, isLocalBaseUrl(options.baseUrl));
  }

  async ask(messages: ChatMessage[], signal?: AbortSignal): Promise<ModelAnswer> {
    const cancelled: ModelAnswer = { ok: false, reason: 'cancelled', message: 'Drafting was cancelled.' };
    if (signal?.aborted) return cancelled;
    const { baseUrl, model, apiKey } = this.#options;
    const context = { baseUrl, model, timeoutMs: this.#timeoutMs, key: apiKey, signal };
    const body = { model, messages, response_format: draftResponseFormat() };
    const { outcome, retries } = await withRetries(
      async () => {
        const request = linkedSignal(signal);
        try {
          const completion = await this.#client.chat.completions.create(body, { signal: request.signal, maxRetries: 0 });
          const usage = completion.usage;
          this.ledger.request(usage ? { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens } : null, true);
          return { ok: true as const, value: completion };
        } catch (e) {
          this.ledger.request(null, false);
          return { ok: false as const, failure: describeFailure(e, context) };
        } finally {
          request.release();
        }
      },
      this.#retry,
      signal,
    );
    if (signal?.aborted) return cancelled;
    const after = retries ? ` (after ${retries === 1 ? '1 retry' : `${retries} retries`})` : '';
    if (!outcome.ok) {
      this.ledger.failure();
      return { ok: false, reason: 'failed', message: `${outcome.failure.message}${after}` };
    }
    const choice = outcome.value.choices?.[0];
    const message = choice?.message as { content?: string | null; refusal?: string | null } | undefined;
    if (!choice || !message) {
      this.ledger.failure();
      return { ok: false, reason: 'failed', message: `${model} sent a reply with no answer in it.` };
    }
    if (message.refusal) {
      this.ledger.failure();
      return { ok: false, reason: 'refused', message: `${model} declined to draft this: ${message.refusal.replace(/\s+/g, ' ').slice(0, 300)}` };
    }
    if (choice.finish_reason === 'content_filter') {
      this.ledger.failure();
      return { ok: false, reason: 'refused', message: "The provider's content filter held back the draft." };
    }
    return { ok: true, content: message.content ?? '', truncated: choice.finish_reason === 'length' };
  }
}
