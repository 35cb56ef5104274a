// The servers Settings → AI offers in one click, and what choosing one does to the model field: the
// model typed for another server is most likely not on this one (Ollama has no "gpt-4o-mini"), so it
// gives way to the preset's own (none for local servers, whose models the user pulled themselves).

export interface AiPreset {
  id: string;
  label: string;
  baseUrl: string;
  /** The model filled in on choosing this server; empty: the user names one (Test connection lists them). */
  model: string;
  /** What the empty model field suggests for this server. */
  placeholder: string;
}

export const AI_PRESETS: readonly AiPreset[] = [
  { id: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', placeholder: 'gpt-4o-mini' },
  { id: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', model: '', placeholder: 'A model you pulled, such as llama3.2 (Test connection lists them)' },
  { id: 'lmstudio', label: 'LM Studio', baseUrl: 'http://localhost:1234/v1', model: '', placeholder: 'The model loaded in LM Studio (Test connection lists them)' },
];

const ANY_MODEL = 'gpt-4o-mini, llama3.2…';

/** The base URL and model after choosing `preset`: the same server keeps its model, another takes the preset's. */
export function choosePreset(current: { baseUrl: string; model: string }, preset: AiPreset): { baseUrl: string; model: string } {
  if (current.baseUrl.trim() === preset.baseUrl) return { baseUrl: preset.baseUrl, model: current.model.trim() ? current.model : preset.model };
  return { baseUrl: preset.baseUrl, model: preset.model };
}

/** The model field's placeholder for a base URL: its preset's, or a general one. */
export function modelPlaceholder(baseUrl: string): string {
  return AI_PRESETS.find((p) => p.baseUrl === baseUrl.trim())?.placeholder ?? ANY_MODEL;
}
