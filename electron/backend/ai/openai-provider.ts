// The OpenAI-compatible AI provider: runs an AI step on a real model through the `openai` package —
// OpenAI itself, or a local server (Ollama, LM Studio) through its base URL. Classify, route, extract
// and retrieve ask for structured output (a JSON schema) and check the reply; summarize and draft take
// text. Every request has a timeout, failures worth it are retried with backoff, and the run's
// AbortSignal cancels at once. Failures become an error answer (the step's `error` output), never a throw.
import OpenAI from 'openai';
import type { AiProvider, AiRequest, AiResponse } from '../../../shared/simulation/ai-provider';
import { describeFailure, type FailureContext } from './failures';
import { isLocalBaseUrl } from './local-url';
import { articleIds, fieldNames, labelNames, messagesFor, responseFormatFor } from './prompts';
import { readReply } from './replies';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry';
import { UsageLedger, type TokenCounts } from './usage';
import { plural } from '../../../shared/text';

/** Sent when no key is set: local servers ignore it, and the `openai` package insists on one. */
export const PLACEHOLDER_KEY = 'no-key-set';
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ExternalAiConfig {
  baseUrl: string;
  model: string;
  /** Null for servers that need none (Ollama, LM Studio). */
  apiKey: string | null;
  timeoutMs?: number;
}

export interface ProviderOptions extends ExternalAiConfig {
  retry?: Partial<RetryPolicy>;
  /** Cancels every pending and later request of this provider (the run was cancelled). */
  signal?: AbortSignal;
  /** Where calls and tokens are counted; a new one when absent. */
  ledger?: UsageLedger;
}

export function createClient(config: ExternalAiConfig): OpenAI {
  return new OpenAI({
    baseURL: config.baseUrl,
    apiKey: config.apiKey ?? PLACEHOLDER_KEY,
    timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // Retries are ours (withRetries): counted, cancellable, and limited to failures worth it.
    maxRetries: 0,
    // The package must never print requests or headers, whatever OPENAI_LOG says.
    logLevel: 'off',
  });
}

function tokensOf(usage: OpenAI.CompletionUsage | undefined | null): TokenCounts | null {
  if (!usage || typeof usage.prompt_tokens !== 'number' || typeof usage.completion_tokens !== 'number') return null;
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens };
}

export class OpenAiCompatibleProvider implements AiProvider {
  readonly name: string;
  readonly ledger: UsageLedger;
  readonly #client: OpenAI;
  readonly #options: ProviderOptions;
  readonly #retry: RetryPolicy;
  readonly #failure: FailureContext;

  constructor(options: ProviderOptions) {
    this.#options = options;
    this.name = options.model;
    this.ledger = options.ledger ?? new UsageLedger(options.model, isLocalBaseUrl(options.baseUrl));
    this.#client = createClient(options);
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#failure = {
      baseUrl: options.baseUrl,
      model: options.model,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      key: options.apiKey,
      signal: options.signal,
    };
  }

  async run(req: AiRequest): Promise<AiResponse> {
    const started = Date.now();
    const signal = this.#options.signal;
    if (signal?.aborted) return { ok: false, error: 'Cancelled before the model was asked.' };
    const answered = answerWithoutModel(req);
    if (answered) return answered;

    const format = responseFormatFor(req);
    const body = { model: this.#options.model, messages: messagesFor(req), ...(format ? { response_format: format } : {}) };
    const { outcome, retries } = await withRetries(
      async () => {
        const request = linkedSignal(signal);
        try {
          const completion = await this.#client.chat.completions.create(body, { signal: request.signal, maxRetries: 0 });
          this.ledger.request(tokensOf(completion.usage), true);
          return { ok: true as const, value: completion };
        } catch (e) {
          this.ledger.request(null, false);
          return { ok: false as const, failure: describeFailure(e, this.#failure) };
        } finally {
          request.release();
        }
      },
      this.#retry,
      signal,
    );
    const durationMs = Date.now() - started;
    const after = retries ? ` (after ${retries === 1 ? '1 retry' : `${retries} retries`})` : '';
    if (!outcome.ok) {
      this.ledger.failure();
      const message = signal?.aborted ? 'Cancelled before the model answered.' : outcome.failure.message;
      return { ok: false, error: `${message}${after}`, durationMs };
    }
    const completion = outcome.value;
    const choice = completion.choices?.[0];
    const tokens = tokensOf(completion.usage);
    const used = tokens ? `${plural(tokens.promptTokens + tokens.completionTokens, 'token')}` : 'tokens not reported';
    const fail = (error: string): AiResponse => {
      this.ledger.failure();
      return { ok: false, error: `${error} [${this.name}, ${used}${after}]`, durationMs };
    };
    if (!choice) return fail("The model's reply has no answer in it.");
    const message = choice.message as { content?: string | null; refusal?: string | null };
    if (message.refusal) return fail(`The model declined: ${message.refusal.slice(0, 200)}`);
    if (choice.finish_reason === 'length') return fail("The model's reply was cut off before it was complete.");
    if (choice.finish_reason === 'content_filter') return fail("The provider's content filter held back the reply.");
    const reading = readReply(req, message.content ?? '');
    if (!reading.ok) return fail(reading.reason);
    const note = [reading.note, `${this.name}, ${used}${after}`].filter(Boolean).join(' · ');
    return { ok: true, output: reading.output, confidence: reading.confidence, note, durationMs };
  }
}

/**
 * A signal of one request that aborts with the run's (or batch's). The `openai` package adds an abort
 * listener to the signal of each request and never removes it: on the run's own signal those would pile
 * up over a batch's thousands of requests, on this one they go with the request.
 */
export function linkedSignal(parent: AbortSignal | undefined): { signal: AbortSignal | undefined; release(): void } {
  if (!parent) return { signal: undefined, release: () => undefined };
  const controller = new AbortController();
  const abort = () => controller.abort(parent.reason);
  if (parent.aborted) abort();
  else parent.addEventListener('abort', abort, { once: true });
  return { signal: controller.signal, release: () => parent.removeEventListener('abort', abort) };
}

/** Requests a model cannot help with: answered here, without spending a call. */
function answerWithoutModel(req: AiRequest): AiResponse | null {
  switch (req.task) {
    case 'classify':
    case 'route':
      return labelNames(req).length ? null : { ok: false, error: 'The step has no labels to choose from, so the model was not asked.' };
    case 'extract':
      return fieldNames(req).length ? null : { ok: true, output: {}, confidence: 0.9, note: 'no fields to extract; the model was not asked' };
    case 'retrieve':
      return articleIds(req).length ? null : { ok: true, output: [], confidence: 0.2, note: 'no article matched the search; the model was not asked' };
    default:
      return null;
  }
}
