import { NONE, type KindDefinition } from './types';

export const endKind: KindDefinition<'end'> = {
  kind: 'end',
  label: 'End',
  description: 'The item is done, with an outcome: resolved, rejected, escalated, stopped…',
  icon: 'flag',
  colour: '#6b7280',
  acceptsInput: true,
  // No outcome until the step's name makes one obvious or the user chooses it (end-outcome.ts); a file
  // that leaves it out still reads as resolved (the schema's default).
  defaultConfig: () => ({ outcome: '' }),
  outputs: () => NONE,
  summary: (c) => (c.outcome.trim() ? `outcome: ${c.outcome}` : 'outcome: not chosen yet'),
  requiredActions: () => NONE,
};
