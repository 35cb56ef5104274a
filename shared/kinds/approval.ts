import { fixed, NONE, type KindDefinition } from './types';

const OUTPUTS = fixed({ id: 'approved', label: 'approved' }, { id: 'rejected', label: 'rejected' }, { id: 'timeout', label: 'timeout' });

export const approvalKind: KindDefinition<'approval'> = {
  kind: 'approval',
  label: 'Approval',
  description: 'A person reviews before the workflow goes on: approve, reject, or it times out.',
  icon: 'check-shield',
  colour: '#eb5757',
  acceptsInput: true,
  defaultConfig: () => ({ reviewer: '', instructions: '', timeoutHours: 24 }),
  outputs: () => OUTPUTS,
  summary: (c) => {
    const who = c.reviewer ? `by ${c.reviewer}` : 'no reviewer';
    return c.timeoutHours ? `${who} · ${c.timeoutHours} h timeout` : who;
  },
  requiredActions: () => NONE,
};
