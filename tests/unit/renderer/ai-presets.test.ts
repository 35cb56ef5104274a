// Settings → AI's server presets: choosing another server replaces the model typed for the last one
// (Ollama and LM Studio have no "gpt-4o-mini"), choosing the same server keeps it, and the empty model
// field suggests what fits the server.
import { describe, expect, it } from 'vitest';
import { AI_PRESETS, choosePreset, modelPlaceholder } from '../../../renderer/src/dialogs/ai-presets';

const preset = (id: string) => AI_PRESETS.find((p) => p.id === id)!;

describe('the AI server presets', () => {
  it('clears OpenAI’s model when a local server is chosen, and fills it in when OpenAI is', () => {
    const openai = { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' };
    expect(choosePreset(openai, preset('ollama'))).toEqual({ baseUrl: 'http://localhost:11434/v1', model: '' });
    expect(choosePreset(openai, preset('lmstudio'))).toEqual({ baseUrl: 'http://localhost:1234/v1', model: '' });
    expect(choosePreset({ baseUrl: 'http://localhost:11434/v1', model: 'llama3.2' }, preset('openai'))).toEqual({ baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' });
    expect(choosePreset({ baseUrl: 'http://localhost:11434/v1', model: 'llama3.2' }, preset('lmstudio')).model).toBe('');
  });

  it('keeps the model when the server stays the same', () => {
    expect(choosePreset({ baseUrl: 'https://api.openai.com/v1', model: 'gpt-4.1' }, preset('openai'))).toEqual({ baseUrl: 'https://api.openai.com/v1', model: 'gpt-4.1' });
    expect(choosePreset({ baseUrl: 'http://localhost:11434/v1', model: 'qwen2.5' }, preset('ollama')).model).toBe('qwen2.5');
    expect(choosePreset({ baseUrl: 'https://api.openai.com/v1', model: '' }, preset('openai')).model).toBe('gpt-4o-mini');
  });

  it('suggests a model that fits the server', () => {
    expect(modelPlaceholder('https://api.openai.com/v1')).toBe('gpt-4o-mini');
    expect(modelPlaceholder('http://localhost:11434/v1')).toContain('llama3.2');
    expect(modelPlaceholder('http://localhost:1234/v1')).toContain('LM Studio');
    expect(modelPlaceholder('https://example.com/v1')).toBe('gpt-4o-mini, llama3.2…');
  });
});
