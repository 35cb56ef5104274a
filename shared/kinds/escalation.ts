import { fixed, NONE, type KindDefinition } from './types';

const OUTPUTS = fixed({ id: 'out', label: 'out' });

export const escalationKind: KindDefinition<'escalation'> = {
  kind: 'escalation',
  label: 'Escalation',
  description: 'Hands the item to a team or queue, with a reason and a priority.',
  icon: 'arrow-up',
  colour: '#d4a017',
  acceptsInput: true,
  defaultConfig: () => ({ team: '', reason: '', priority: 'normal' }),
  outputs: () => OUTPUTS,
  summary: (c) => `${c.team ? `to ${c.team}` : 'no team'} · ${c.priority}`,
  requiredActions: (c) => (c.connection && c.action ? [{ connection: c.connection, action: c.action }] : NONE),
};
