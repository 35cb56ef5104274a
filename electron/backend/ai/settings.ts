// The AI provider settings (everything but the key), kept in `<dataDir>/ai-settings.json`. Mock is the
// default: a fresh install, a missing file or an unreadable one runs offline with no key. An
// unreadable file is set aside (its bytes kept), never silently overwritten.
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AI_PROVIDER_KINDS } from '../../../shared/api/ai-contract';
import { atomicWriteFile } from '../atomic-write';
import { fileTimestamp } from '../corrupt-files';
import { isNotFound } from '../errors';

export const AI_SETTINGS_FILE = 'ai-settings.json';
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_MAX_CALLS_WITHOUT_ASKING = 20;

export const aiSettingsSchema = z.looseObject({
  provider: z.enum(AI_PROVIDER_KINDS).default('mock'),
  baseUrl: z.string().default('https://api.openai.com/v1'),
  model: z.string().default(''),
  timeoutSeconds: z.number().int().min(1).max(600).default(DEFAULT_TIMEOUT_SECONDS),
  maxCallsWithoutAsking: z.number().int().min(0).max(1_000_000).default(DEFAULT_MAX_CALLS_WITHOUT_ASKING),
  /** The server (origin) the stored key was saved for: it is sent there and nowhere else. */
  keyServer: z.string().nullable().default(null),
});
export type AiSettings = z.output<typeof aiSettingsSchema>;

export function defaultAiSettings(): AiSettings {
  return aiSettingsSchema.parse({});
}

export interface LoadedAiSettings {
  settings: AiSettings;
  warnings: string[];
  /** False when the file exists but could not be read or moved aside: it is then never written over. */
  writable: boolean;
}

/** `setAside: false` (the command line) only reads: a damaged file is reported and left where it is. */
export async function loadAiSettings(dataDir: string, { setAside = true }: { setAside?: boolean } = {}): Promise<LoadedAiSettings> {
  const file = join(dataDir, AI_SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (isNotFound(e)) return { settings: defaultAiSettings(), warnings: [], writable: true };
    return {
      settings: defaultAiSettings(),
      warnings: [`The AI settings in ${file} could not be read (${(e as Error).message}); Flowgate uses the mock AI and leaves the file untouched.`],
      writable: false,
    };
  }
  let problem: string;
  try {
    const parsed = aiSettingsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { settings: parsed.data, warnings: [], writable: true };
    problem = parsed.error.issues[0]?.message ?? 'not valid';
  } catch (e) {
    problem = (e as Error).message;
  }
  if (!setAside) {
    return { settings: defaultAiSettings(), warnings: [`The AI settings in ${file} are damaged (${problem}); the mock AI is used.`], writable: false };
  }
  const aside = join(dataDir, `ai-settings.corrupt-${fileTimestamp()}.json`);
  try {
    await rename(file, aside);
  } catch {
    return {
      settings: defaultAiSettings(),
      warnings: [`The AI settings in ${file} are damaged (${problem}); Flowgate uses the mock AI and leaves the file untouched.`],
      writable: false,
    };
  }
  return {
    settings: defaultAiSettings(),
    warnings: [`The AI settings were damaged (${problem}), so Flowgate went back to the mock AI. The old file was kept as ${aside}.`],
    writable: true,
  };
}

export async function saveAiSettings(dataDir: string, settings: AiSettings): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await atomicWriteFile(join(dataDir, AI_SETTINGS_FILE), `${JSON.stringify(settings, null, 2)}\n`);
}
