import { fixed, NONE, type KindDefinition } from './types';
import { connectionLabel } from './describe';

const OUTPUTS = fixed({ id: 'ok', label: 'ok' }, { id: 'error', label: 'error' });

export const integrationKind: KindDefinition<'integration'> = {
  kind: 'integration',
  label: 'Integration',
  description: 'One action on a connected system: read, update, send, trigger.',
  icon: 'plug',
  colour: '#27ae60',
  acceptsInput: true,
  defaultConfig: () => ({ connection: '', action: '', inputs: {} }),
  outputs: () => OUTPUTS,
  summary: (c, wf) => (c.connection ? `${c.action || '(no action)'} on ${connectionLabel(wf, c.connection)}` : 'no connection chosen'),
  requiredActions: (c) => (c.connection && c.action ? [{ connection: c.connection, action: c.action }] : NONE),
};
