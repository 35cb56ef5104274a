// "Test connection" in Settings: asks the server for its model list, once, with a short timeout, and
// says exactly what went wrong — unreachable, the key refused, no such model, or no answer in time.
import { NotFoundError } from 'openai';
import { createClient, type ExternalAiConfig } from './openai-provider';
import { describeFailure } from './failures';

export const TEST_TIMEOUT_MS = 10_000;
const MAX_MODELS = 200;

export type TestProblem = 'unreachable' | 'unauthorized' | 'model-not-found' | 'timeout' | 'other';

export interface ConnectionTestResult {
  ok: boolean;
  models?: string[];
  problem?: TestProblem;
  message: string;
}

export async function testConnection(config: ExternalAiConfig, signal?: AbortSignal): Promise<ConnectionTestResult> {
  const timeoutMs = Math.min(config.timeoutMs ?? TEST_TIMEOUT_MS, TEST_TIMEOUT_MS);
  const client = createClient({ ...config, timeoutMs });
  let models: string[];
  try {
    const page = await client.models.list({ signal, maxRetries: 0 });
    models = page.data
      .map((m) => m.id)
      .filter((id): id is string => typeof id === 'string')
      .slice(0, MAX_MODELS);
  } catch (e) {
    if (e instanceof NotFoundError) {
      return {
        ok: false,
        problem: 'other',
        message: `The server at ${config.baseUrl} has no model list there (404). Check the base URL: OpenAI-compatible servers usually end in /v1.`,
      };
    }
    const failure = describeFailure(e, { baseUrl: config.baseUrl, model: config.model, timeoutMs, key: config.apiKey, signal });
    const problem: TestProblem = failure.problem === 'unreachable' || failure.problem === 'unauthorized' || failure.problem === 'timeout' ? failure.problem : 'other';
    return { ok: false, problem, message: failure.message };
  }
  const model = config.model.trim();
  const shown = models.slice(0, 20).join(', ');
  const list = models.length === 0 ? 'none' : models.length > 20 ? `${shown} and ${models.length - 20} more` : shown;
  if (!model) return { ok: true, models, message: `Connected to ${config.baseUrl}. Choose a model: ${list}.` };
  if (!models.includes(model)) {
    return { ok: false, problem: 'model-not-found', models, message: `Connected to ${config.baseUrl}, but it has no model "${model}". Its models: ${list}.` };
  }
  return { ok: true, models, message: `Connected to ${config.baseUrl}: the model "${model}" is ready.` };
}
