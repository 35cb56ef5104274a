import noEscalation from '../../../shared/analysis/rules/workflow/no-escalation';
import noOwner from '../../../shared/analysis/rules/workflow/no-owner';
import { doc, escalation, intake } from './fixtures';
import { ruleTester } from './rule-tester';

ruleTester(noEscalation, {
  valid: [
    { name: 'an intake leads to an escalation', doc: doc({ nodes: [intake('in'), escalation('esc')], edges: ['in -> esc'] }) },
    { name: 'without intakes, any escalation step will do', doc: doc({ nodes: [escalation('esc')] }) },
  ],
  invalid: [
    { name: 'no escalation step', doc: doc({ nodes: [intake('in')] }), findings: [{ severity: 'warn', message: 'has no escalation step' }] },
    { name: 'an escalation no intake leads to', doc: doc({ nodes: [intake('in'), escalation('esc')] }), findings: [{ message: 'No intake leads to an escalation' }] },
  ],
});

ruleTester(noOwner, {
  valid: [{ name: 'an owner is named', doc: doc({ owner: 'Office manager' }) }],
  invalid: [
    { name: 'empty owner', doc: doc({ owner: '' }), findings: [{ severity: 'warn' }] },
    { name: 'blank owner', doc: doc({ owner: ' \t' }), findings: [{}] },
  ],
});
