// The command line's AI provider: the same settings as the app (`<data-dir>/ai-settings.json`), with
// --ai-base-url and --ai-model winning over them and the key taken from FLOWGATE_AI_API_KEY (or the
// browser-mode key file of the data folder, when it was saved for that server). AI steps marked
// `external` then call that model; every other step stays on the offline mock.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { aiBaseUrl } from '../../../shared/api/ai-contract';
import type { Workflow } from '../../../shared/model/schema';
import type { AiProvider } from '../../../shared/simulation/ai-provider';
import type { Trace } from '../../../shared/simulation/trace';
import { routeAi } from '../simulation/ai-router';
import { isLocalBaseUrl, originOf } from './local-url';
import { OpenAiCompatibleProvider, type ExternalAiConfig } from './openai-provider';
import { formatCost } from './pricing';
import { reachableExternalAiNodes } from './call-budget';
import { fileSecretStore, KEY_ENV } from './secret-store';
import { loadAiSettings } from './settings';
import type { AiUsage } from './usage';
import { plural, thousands } from '../../../shared/text';

export function defaultDataDir(): string {
  return join(homedir(), '.flowgate');
}

export interface CliAiOptions {
  dataDir: string;
  baseUrl?: string;
  model?: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** The base URL external AI steps would use: the flag, else the settings' when they choose a real provider. */
export async function configuredBaseUrl(options: Omit<CliAiOptions, 'model' | 'env'>): Promise<{ baseUrl: string | null; warnings: string[] }> {
  if (options.baseUrl !== undefined) return { baseUrl: options.baseUrl, warnings: [] };
  const { settings, warnings } = await loadAiSettings(options.dataDir, { setAside: false });
  return { baseUrl: settings.provider === 'openai-compatible' ? settings.baseUrl : null, warnings };
}

/** For `flowgate lint`: whether AI steps marked `external` would run on this computer. */
export async function externalProviderIsLocal(options: Omit<CliAiOptions, 'model' | 'env'>): Promise<boolean> {
  const { baseUrl } = await configuredBaseUrl(options);
  return baseUrl !== null && isLocalBaseUrl(baseUrl);
}

export function checkBaseUrl(url: string): string | null {
  const parsed = aiBaseUrl.safeParse(url);
  return parsed.success ? null : `--ai-base-url ${parsed.error.issues[0].message}, not "${url}".`;
}

export type CliAi =
  | { ok: true; provider: null; warnings: string[] }
  | {
      ok: true;
      provider: AiProvider;
      model: string;
      baseUrl: string;
      nodes: string[];
      usage: () => AiUsage;
      /** The app's "ask before a batch makes more calls than" setting. */
      maxCallsWithoutAsking: number;
      warnings: string[];
    }
  | { ok: false; message: string };

/** The provider a `flowgate simulate` run uses, or null when every AI step stays on the mock. */
export async function cliAi(workflow: Workflow, options: CliAiOptions): Promise<CliAi> {
  const nodes = reachableExternalAiNodes(workflow);
  if (!nodes.length) return { ok: true, provider: null, warnings: [] };
  const { settings, warnings } = await loadAiSettings(options.dataDir, { setAside: false });
  const baseUrl = options.baseUrl ?? (settings.provider === 'openai-compatible' ? settings.baseUrl : null);
  if (baseUrl === null) return { ok: true, provider: null, warnings };
  const model = (options.model ?? settings.model).trim();
  if (!model) return { ok: false, message: `AI steps ${nodes.join(', ')} are marked external: give the model to use with --ai-model NAME.` };
  const key = options.env[KEY_ENV]?.trim() || (await storedKeyFor(options.dataDir, baseUrl, settings.keyServer));
  const provider = new OpenAiCompatibleProvider({ baseUrl, model, apiKey: key || null, timeoutMs: settings.timeoutSeconds * 1000 });
  const external = new Set(nodes);
  return {
    ok: true,
    provider: routeAi(workflow, (node) => (external.has(node.id) ? provider : null)),
    model,
    baseUrl,
    nodes,
    usage: () => provider.ledger.summary(),
    maxCallsWithoutAsking: settings.maxCallsWithoutAsking,
    warnings,
  };
}

export type CliModel = { ok: true; config: ExternalAiConfig; warnings: string[] } | { ok: false; message: string; warnings: string[] };

/**
 * The model a command talks to directly (`flowgate draft`): the flags, else the app's settings when
 * they choose an OpenAI-compatible server; the key as for `simulate`. Says in words what is missing.
 */
export async function cliModelConfig(options: CliAiOptions): Promise<CliModel> {
  const { settings, warnings } = await loadAiSettings(options.dataDir, { setAside: false });
  const baseUrl = options.baseUrl ?? (settings.provider === 'openai-compatible' ? settings.baseUrl : null);
  if (baseUrl === null) {
    return {
      ok: false,
      message: `No model is set up: give --ai-base-url URL and --ai-model NAME, or choose an OpenAI-compatible server and a model in the app's Settings → AI (read from ${options.dataDir}).`,
      warnings,
    };
  }
  const model = (options.model ?? settings.model).trim();
  if (!model) return { ok: false, message: `No model is named for ${baseUrl}: give it with --ai-model NAME.`, warnings };
  const key = options.env[KEY_ENV]?.trim() || (await storedKeyFor(options.dataDir, baseUrl, settings.keyServer));
  return { ok: true, config: { baseUrl, model, apiKey: key || null, timeoutMs: settings.timeoutSeconds * 1000 }, warnings };
}

async function storedKeyFor(dataDir: string, baseUrl: string, keyServer: string | null): Promise<string | null> {
  if (!keyServer || keyServer !== originOf(baseUrl)) return null;
  return fileSecretStore(dataDir)
    .read()
    .catch(() => null);
}

/** "AI: 3 calls to gpt-4o-mini, 1,234 tokens, estimated cost $0.0004." */
export function usageLine(usage: AiUsage): string {
  const tokens = usage.usageReported ? `${thousands(usage.totalTokens)} tokens` : 'tokens not reported';
  const failed = usage.failed ? ` (${usage.failed} failed)` : '';
  return `AI: ${plural(usage.calls, 'call')} to ${usage.model}${failed}, ${tokens}, estimated cost ${formatCost(usage.estimatedCostUsd)}.`;
}

/** The trace with the run's model usage added at the end (only when a model was called). */
export function traceWithUsage(trace: Trace, usage: AiUsage): Trace & { aiUsage: AiUsage } {
  return { ...trace, aiUsage: usage };
}
