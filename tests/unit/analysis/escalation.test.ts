import noTarget from '../../../shared/analysis/rules/escalation/no-target';
import { doc, escalation } from './fixtures';
import { ruleTester } from './rule-tester';

ruleTester(noTarget, {
  valid: [{ name: 'a team is named', doc: doc({ nodes: [escalation('esc', { team: 'Billing team' })] }) }],
  invalid: [
    {
      name: 'no team, or only spaces',
      doc: doc({ nodes: [escalation('a', {}), escalation('b', { team: '   ' })] }),
      findings: [{ nodeId: 'a', severity: 'warn' }, { nodeId: 'b' }],
    },
  ],
});
