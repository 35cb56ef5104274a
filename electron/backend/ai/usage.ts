// What a run's external AI calls used: the number of requests (retries included), the tokens the
// server reported and an estimated cost. Kept per run, shown in the trace's summary.
import type { AiUsage } from '../../../shared/simulation/ai-usage';
import { costOf, priceOf, type ModelPrice } from './pricing';

export type { AiUsage } from '../../../shared/simulation/ai-usage';

export interface TokenCounts {
  promptTokens: number;
  completionTokens: number;
}

export class UsageLedger {
  #calls = 0;
  #failed = 0;
  #prompt = 0;
  #completion = 0;
  #unreported = 0;
  readonly #price: ModelPrice | null;

  constructor(
    readonly model: string,
    local: boolean,
  ) {
    this.#price = priceOf(model, local);
  }

  /** One request sent; `tokens` null when the server answered without counting them (or did not answer). */
  request(tokens: TokenCounts | null, answered: boolean): void {
    this.#calls++;
    if (tokens) {
      this.#prompt += tokens.promptTokens;
      this.#completion += tokens.completionTokens;
    } else if (answered) {
      this.#unreported++;
    }
  }

  failure(): void {
    this.#failed++;
  }

  get calls(): number {
    return this.#calls;
  }

  summary(): AiUsage {
    const reported = this.#unreported === 0;
    return {
      model: this.model,
      calls: this.#calls,
      failed: this.#failed,
      promptTokens: this.#prompt,
      completionTokens: this.#completion,
      totalTokens: this.#prompt + this.#completion,
      usageReported: reported,
      estimatedCostUsd: this.#price && reported ? round6(costOf(this.#price, this.#prompt, this.#completion)) : null,
    };
  }
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
