import type { KindDefinition } from './types';

export const endKind: KindDefinition<'end'> = {
  kind: 'end',
  label: 'End',
  description: 'The item is done, with an outcome: resolved, rejected, escalated, stopped…',
  icon: 'flag',
  colour: '#6b7280',
  acceptsInput: true,
  defaultConfig: () => ({ outcome: 'resolved' }),
  outputs: () => [],
  summary: (c) => `outcome: ${c.outcome}`,
  requiredActions: () => [],
};
