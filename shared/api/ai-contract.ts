// The AI-provider part of the API contract: the settings of the optional real model (OpenAI, or a
// local Ollama or LM Studio server) and a connection test. The API key goes in through
// `ai.updateSettings` and never comes out: results say only whether a key is set and how it is kept.
// Spread into `contract` (contract.ts), so both transports validate these calls like every other.
import { z } from 'zod';

export const AI_PROVIDER_KINDS = ['mock', 'openai-compatible'] as const;
export type AiProviderKind = (typeof AI_PROVIDER_KINDS)[number];

/** `env`: FLOWGATE_AI_API_KEY provides the key; `plaintext-fallback`: Linux without a keyring, where safeStorage cannot really encrypt. */
export const AI_KEY_STORAGES = ['safeStorage', 'plaintext-fallback', 'file', 'env'] as const;
export type AiKeyStorage = (typeof AI_KEY_STORAGES)[number];

export const AI_TEST_PROBLEMS = ['unreachable', 'unauthorized', 'model-not-found', 'timeout', 'other'] as const;

/** A web address without credentials in it; `file:` and `javascript:` addresses are refused where they are typed. */
export const aiBaseUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must be a web address starting with http:// or https:// (without a user name or password in it)');

/** Printable characters without spaces: what API keys are made of, and nothing that could break a header. */
const aiApiKey = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(4096, 'is too long for an API key')
  .regex(/^[\x21-\x7e]+$/, 'may only hold printable characters without spaces');

const aiModel = z.string().trim().max(200);

const aiSettingsView = z.object({
  provider: z.enum(AI_PROVIDER_KINDS),
  baseUrl: z.string(),
  model: z.string(),
  /** Per request; a request that takes longer fails with a timeout (and may be retried). */
  timeoutSeconds: z.number(),
  /** A batch that would make more model calls than this asks first. */
  maxCallsWithoutAsking: z.number(),
  /** Whether a key will be sent to the current base URL. */
  hasKey: z.boolean(),
  keyStorage: z.enum(AI_KEY_STORAGES),
  /** The server (origin) a stored key belongs to; it is sent there and nowhere else. Null: no key stored. */
  keyServer: z.string().nullable(),
  /** The base URL is on this computer (localhost, 127.x, ::1): nothing leaves it, and the analysis does not flag it. */
  baseUrlIsLocal: z.boolean(),
  /** Problems with the stored settings or key, in words. */
  warnings: z.array(z.string()),
});

export const aiContract = {
  'ai.getSettings': { params: z.object({}).strict(), result: aiSettingsView },
  /** Changes what is given. `apiKey`: a string stores it (for the base URL's server), null removes it. */
  'ai.updateSettings': {
    params: z
      .object({
        provider: z.enum(AI_PROVIDER_KINDS).optional(),
        baseUrl: aiBaseUrl.optional(),
        model: aiModel.optional(),
        timeoutSeconds: z.number().int().min(1).max(600).optional(),
        maxCallsWithoutAsking: z.number().int().min(0).max(1_000_000).optional(),
        apiKey: aiApiKey.nullable().optional(),
      })
      .strict(),
    result: aiSettingsView,
  },
  /**
   * Asks the server for its models. Values given here (not yet saved) win over the stored ones; without
   * `apiKey` the stored key is used, and only when it belongs to that server.
   */
  'ai.testConnection': {
    params: z.object({ baseUrl: aiBaseUrl.optional(), model: aiModel.optional(), apiKey: aiApiKey.optional() }).strict(),
    result: z.object({
      ok: z.boolean(),
      models: z.array(z.string()).optional(),
      problem: z.enum(AI_TEST_PROBLEMS).optional(),
      message: z.string(),
    }),
  },
} as const;
