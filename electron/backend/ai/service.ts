// The backend's AI provider: its settings, its key and its connection test (the `ai.*` API methods),
// and the provider each AI step of a run gets. The key is read once at start and kept in this process;
// it is sent only to the server it was saved for, and no method returns it.
import { ApiError, type Params, type Result } from '../../../shared/api/contract';
import type { NodeOfKind } from '../../../shared/model/schema';
import type { AiProvider } from '../../../shared/simulation/ai-provider';
import { testConnection, type ConnectionTestResult } from './connection-test';
import { isLocalBaseUrl, originOf } from './local-url';
import { OpenAiCompatibleProvider, type ExternalAiConfig } from './openai-provider';
import type { RetryPolicy } from './retry';
import { fileSecretStore, KEY_ENV, type SecretStore } from './secret-store';
import { loadAiSettings, saveAiSettings, type AiSettings } from './settings';
import { UsageLedger } from './usage';

export interface AiServiceOptions {
  dataDir: string;
  /** Desktop: safeStorage (from electron/main). Default: the 0600 file in the data folder. */
  secretStore?: SecretStore;
  /** Where FLOWGATE_AI_API_KEY is read; process.env by default, read at each use. */
  env?: () => Readonly<Record<string, string | undefined>>;
  /** Tests shorten the pauses between retries. */
  retry?: Partial<RetryPolicy>;
}

/** What one run passes to the providers of its steps: its cancel signal and its usage count. */
export interface RunAiContext {
  signal?: AbortSignal;
  ledger?: UsageLedger;
}

export type AiSettingsView = Result<'ai.getSettings'>;

export class AiService {
  readonly #options: AiServiceOptions;
  readonly #store: SecretStore;
  #settings: AiSettings;
  #storedKey: string | null;
  #writable: boolean;
  readonly #warnings: string[];
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(options: AiServiceOptions, store: SecretStore, settings: AiSettings, storedKey: string | null, writable: boolean, warnings: string[]) {
    this.#options = options;
    this.#store = store;
    this.#settings = settings;
    this.#storedKey = storedKey;
    this.#writable = writable;
    this.#warnings = warnings;
  }

  static async open(options: AiServiceOptions): Promise<AiService> {
    const store = options.secretStore ?? fileSecretStore(options.dataDir);
    const loaded = await loadAiSettings(options.dataDir);
    const warnings = [...loaded.warnings];
    let key: string | null = null;
    try {
      key = await store.read();
    } catch (e) {
      // The message names the file or the keychain, never the key.
      warnings.push(`The stored API key could not be read (${(e as Error).message}). Enter it again in Settings.`);
    }
    return new AiService(options, store, loaded.settings, key, loaded.writable, warnings);
  }

  get settings(): Readonly<AiSettings> {
    return this.#settings;
  }

  #envKey(): string | null {
    const value = (this.#options.env ?? (() => process.env))()[KEY_ENV]?.trim();
    return value ? value : null;
  }

  /** The key to send to `baseUrl`: the environment's, or the stored one when it was saved for that server. */
  #keyFor(baseUrl: string): string | null {
    const env = this.#envKey();
    if (env) return env;
    const origin = originOf(baseUrl);
    return this.#storedKey && origin !== null && this.#settings.keyServer === origin ? this.#storedKey : null;
  }

  view(): AiSettingsView {
    const s = this.#settings;
    return {
      provider: s.provider,
      baseUrl: s.baseUrl,
      model: s.model,
      timeoutSeconds: s.timeoutSeconds,
      maxCallsWithoutAsking: s.maxCallsWithoutAsking,
      hasKey: this.#keyFor(s.baseUrl) !== null,
      keyStorage: this.#envKey() ? 'env' : this.#store.kind(),
      keyServer: this.#storedKey ? s.keyServer : null,
      baseUrlIsLocal: isLocalBaseUrl(s.baseUrl),
      warnings: [...this.#warnings],
    };
  }

  /** Updates one at a time, so two quick saves cannot interleave their key and settings writes. */
  update(patch: Params<'ai.updateSettings'>): Promise<AiSettingsView> {
    const next = this.#queue.then(() => this.#update(patch));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #update(patch: Params<'ai.updateSettings'>): Promise<AiSettingsView> {
    if (!this.#writable) {
      throw new ApiError('io', 'The AI settings file could not be read when Flowgate started, so it is left untouched; fix or remove it, then restart Flowgate.');
    }
    const next: AiSettings = { ...this.#settings };
    if (patch.provider !== undefined) next.provider = patch.provider;
    if (patch.baseUrl !== undefined) next.baseUrl = patch.baseUrl.trim();
    if (patch.model !== undefined) next.model = patch.model.trim();
    if (patch.timeoutSeconds !== undefined) next.timeoutSeconds = patch.timeoutSeconds;
    if (patch.maxCallsWithoutAsking !== undefined) next.maxCallsWithoutAsking = patch.maxCallsWithoutAsking;
    // The key first: if it cannot be stored, nothing else changes either.
    if (patch.apiKey === null) {
      await this.#keyWrite(() => this.#store.remove(), 'remove');
      this.#storedKey = null;
      next.keyServer = null;
    } else if (patch.apiKey !== undefined) {
      const apiKey = patch.apiKey.trim();
      await this.#keyWrite(() => this.#store.write(apiKey), 'store');
      this.#storedKey = apiKey;
      next.keyServer = originOf(next.baseUrl);
    }
    try {
      await saveAiSettings(this.#options.dataDir, next);
    } catch (e) {
      // A new key whose server was not recorded could be sent to the server recorded for the old
      // key, so it is removed again: the user types it once more rather than risk that.
      if (patch.apiKey) {
        await this.#store.remove().catch(() => undefined);
        this.#storedKey = null;
      }
      throw new ApiError('io', `Could not save the AI settings in ${this.#options.dataDir}: ${(e as Error).message}`);
    }
    this.#settings = next;
    return this.view();
  }

  async #keyWrite(write: () => Promise<void>, doing: 'store' | 'remove'): Promise<void> {
    try {
      await write();
    } catch (e) {
      throw new ApiError('unavailable', `Could not ${doing} the API key: ${(e as Error).message}`);
    }
  }

  test(params: Params<'ai.testConnection'>): Promise<ConnectionTestResult> {
    const baseUrl = params.baseUrl?.trim() || this.#settings.baseUrl;
    const model = params.model ?? this.#settings.model;
    const apiKey = params.apiKey?.trim() || this.#keyFor(baseUrl);
    return testConnection({ baseUrl, model, apiKey, timeoutMs: this.#settings.timeoutSeconds * 1000 });
  }

  /** The model AI steps marked `external` run on, or null while Settings say "Mock". */
  externalConfig(): ExternalAiConfig | null {
    const s = this.#settings;
    if (s.provider !== 'openai-compatible') return null;
    return { baseUrl: s.baseUrl, model: s.model, apiKey: this.#keyFor(s.baseUrl), timeoutMs: s.timeoutSeconds * 1000 };
  }

  /** A usage count for one run's model calls. */
  newLedger(): UsageLedger {
    const s = this.#settings;
    return new UsageLedger(s.model, isLocalBaseUrl(s.baseUrl));
  }

  /**
   * The provider of one AI step: the configured model for a step marked `external` (while Settings
   * choose the OpenAI-compatible provider), else null, which means the mock. Throws, in words, when the
   * step should use the model but none is chosen.
   */
  providerFor(node: NodeOfKind<'ai'>, run: RunAiContext = {}): AiProvider | null {
    if (node.config.provider !== 'external') return null;
    const config = this.externalConfig();
    if (!config) return null;
    if (!config.model) throw new Error('no model is chosen in Settings → AI.');
    return new OpenAiCompatibleProvider({ ...config, signal: run.signal, ledger: run.ledger, retry: this.#options.retry });
  }

  handlers() {
    return {
      'ai.getSettings': async (): Promise<Result<'ai.getSettings'>> => this.view(),
      'ai.updateSettings': (patch: Params<'ai.updateSettings'>): Promise<Result<'ai.updateSettings'>> => this.update(patch),
      'ai.testConnection': (params: Params<'ai.testConnection'>): Promise<Result<'ai.testConnection'>> => this.test(params),
    };
  }
}
