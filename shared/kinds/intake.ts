import { fixed, NONE, type KindDefinition } from './types';
import { connectionLabel } from './describe';

const OUTPUTS = fixed({ id: 'out', label: 'out' });

export const intakeKind: KindDefinition<'intake'> = {
  kind: 'intake',
  label: 'Intake',
  description: 'What starts the process: a form, an email, a ticket, a webhook, a schedule or a person.',
  icon: 'inbox',
  colour: '#2f80ed',
  acceptsInput: false,
  defaultConfig: () => ({ source: 'manual', fields: [] }),
  outputs: () => OUTPUTS,
  summary: (c, wf) => {
    const from = c.connection ? ` via ${connectionLabel(wf, c.connection)}` : '';
    const fields = c.fields.length ? ` · ${c.fields.join(', ')}` : '';
    return `${c.source}${from}${fields}`;
  },
  requiredActions: (c) => (c.connection && c.action ? [{ connection: c.connection, action: c.action }] : NONE),
};
