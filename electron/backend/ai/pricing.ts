// Estimated cost of model calls, from a small table of list prices (US dollars per million tokens,
// input / output, as published by OpenAI in 2025). An estimate only: the provider's bill is what
// counts. Models not in the table cost "unknown"; a server on this machine costs nothing.

export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** Longest prefix wins, so `gpt-4o-mini-2024-07-18` is priced as `gpt-4o-mini`, not `gpt-4o`. */
export const PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
  'gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  'o3': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-3.5-turbo': { inputPerMillion: 0.5, outputPerMillion: 1.5 },
};

export const FREE: ModelPrice = { inputPerMillion: 0, outputPerMillion: 0 };

/** The price of a model, `FREE` on a local server, or null when the table does not know it. */
export function priceOf(model: string, local: boolean): ModelPrice | null {
  if (local) return FREE;
  const name = model.trim().toLowerCase().replace(/^openai\//, '');
  let best: string | null = null;
  for (const key of Object.keys(PRICES)) {
    if ((name === key || name.startsWith(`${key}-`)) && (best === null || key.length > best.length)) best = key;
  }
  return best === null ? null : PRICES[best];
}

export function costOf(price: ModelPrice, promptTokens: number, completionTokens: number): number {
  return (promptTokens * price.inputPerMillion + completionTokens * price.outputPerMillion) / 1_000_000;
}

/** "$0.0012", "less than $0.0001", or "unknown". */
export function formatCost(usd: number | null): string {
  if (usd === null) return 'unknown';
  if (usd === 0) return '$0 (runs on this computer)';
  if (usd < 0.0001) return 'less than $0.0001';
  return `$${usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`;
}
