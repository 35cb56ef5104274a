import { fixed, type KindDefinition } from './types';

const OUTPUTS = fixed({ id: 'ok', label: 'ok' }, { id: 'low_confidence', label: 'low confidence' }, { id: 'error', label: 'error' });

export const aiKind: KindDefinition<'ai'> = {
  kind: 'ai',
  label: 'AI step',
  description: 'AI classifies, summarizes, drafts, extracts, retrieves or routes.',
  icon: 'sparkles',
  colour: '#9b51e0',
  acceptsInput: true,
  defaultConfig: () => ({
    task: 'classify',
    prompt: '',
    output: 'result',
    labels: [],
    confidenceThreshold: 0.7,
    sources: [],
    tools: [],
    mode: 'suggest',
    provider: 'mock',
  }),
  outputs: () => OUTPUTS,
  summary: (c) => {
    const labels = (c.task === 'classify' || c.task === 'route') && c.labels.length ? `: ${c.labels.map((l) => l.name).join(' / ')}` : '';
    const mode = c.mode === 'act' ? ' · acts' : '';
    return `${c.task}${labels} → ${c.output}${mode}`;
  },
  requiredActions: (c) => [...c.sources, ...c.tools].map(({ connection, action }) => ({ connection, action })),
};
