import deadEnd from '../../../shared/analysis/rules/graph/dead-end';
import noEnd from '../../../shared/analysis/rules/graph/no-end';
import noIntake from '../../../shared/analysis/rules/graph/no-intake';
import unboundedLoop from '../../../shared/analysis/rules/graph/unbounded-loop';
import unreachable from '../../../shared/analysis/rules/graph/unreachable';
import { ai, approval, decision, doc, end, escalation, intake } from './fixtures';
import { ruleTester } from './rule-tester';

ruleTester(noIntake, {
  valid: [{ name: 'an intake', doc: doc({ nodes: [intake('in')] }) }],
  invalid: [
    { name: 'an empty workflow', doc: doc({}), findings: [{ severity: 'error' }] },
    { name: 'steps but no intake', doc: doc({ nodes: [ai('bot'), end('done')], edges: ['bot.ok -> done'] }), findings: [{}] },
  ],
});

ruleTester(noEnd, {
  valid: [{ name: 'an end step', doc: doc({ nodes: [intake('in'), end('done')], edges: ['in -> done'] }) }],
  invalid: [{ name: 'no end step', doc: doc({ nodes: [intake('in'), escalation('esc')], edges: ['in -> esc'] }), findings: [{ severity: 'warn' }] }],
});

ruleTester(unreachable, {
  valid: [
    { name: 'everything reached, across two intakes', doc: doc({ nodes: [intake('a'), intake('b'), ai('bot'), end('done')], edges: ['a -> bot', 'b -> done', 'bot.ok -> done'] }) },
    { name: 'no intake: graph/no-intake speaks instead', doc: doc({ nodes: [ai('bot'), end('done')] }) },
  ],
  invalid: [
    {
      name: 'an island, and a step only the island leads to',
      doc: doc({ nodes: [intake('in'), end('done'), ai('island'), end('after')], edges: ['in -> done', 'island.ok -> after'] }),
      findings: [{ nodeId: 'island', severity: 'warn' }, { nodeId: 'after' }],
    },
    {
      name: 'a loop nothing enters',
      doc: doc({ nodes: [intake('in'), end('done'), decision('x'), decision('y')], edges: ['in -> done', 'x.else -> y', 'y.else -> x'] }),
      findings: [{ nodeId: 'x' }, { nodeId: 'y' }],
    },
  ],
});

ruleTester(deadEnd, {
  valid: [
    { name: 'every step leads on; ends need nothing after them', doc: doc({ nodes: [intake('in'), escalation('esc'), end('done')], edges: ['in -> esc', 'esc -> done'] }) },
    { name: 'one wired output is enough (the fallback rules judge the others)', doc: doc({ nodes: [ai('bot'), end('done')], edges: ['bot.ok -> done'] }) },
  ],
  invalid: [
    {
      name: 'an intake, a decision and an escalation with nothing after them',
      doc: doc({ nodes: [intake('in'), decision('d'), escalation('esc'), end('done')] }),
      findings: [{ nodeId: 'in', severity: 'warn' }, { nodeId: 'd' }, { nodeId: 'esc' }],
    },
  ],
});

ruleTester(unboundedLoop, {
  valid: [
    { name: 'no loop', doc: doc({ nodes: [intake('in'), ai('bot'), end('done')], edges: ['in -> bot', 'bot.ok -> done'] }) },
    {
      name: 'a rework loop through an approval, with a way out',
      doc: doc({
        nodes: [intake('in'), ai('draft'), approval('gate'), end('done')],
        edges: ['in -> draft', 'draft.ok -> gate', 'gate.rejected -> draft', 'gate.approved -> done'],
      }),
    },
  ],
  invalid: [
    {
      name: 'an automatic retry loop with no person in it',
      doc: doc({
        nodes: [intake('in'), ai('bot'), decision('retry'), end('done')],
        edges: ['in -> bot', 'bot.ok -> done', 'bot.error -> retry', 'retry.else -> bot'],
      }),
      findings: [{ nodeId: 'bot', severity: 'warn', message: '"bot" and "retry" form a loop that no person stops' }],
    },
    {
      name: 'a loop through an approval with no way out',
      doc: doc({
        nodes: [intake('in'), ai('draft'), approval('gate')],
        edges: ['in -> draft', 'draft.ok -> gate', 'gate.rejected -> draft', 'gate.approved -> draft', 'gate.timeout -> draft'],
      }),
      findings: [{ nodeId: 'draft', message: 'no way out' }],
    },
    {
      name: 'two separate loops, one finding each',
      doc: doc({
        nodes: [intake('in'), decision('a', 'x'), decision('b'), decision('c'), decision('d'), end('done')],
        edges: ['in -> a', 'a.else -> b', 'b.else -> a', 'a.x -> c', 'c.else -> d', 'd.else -> c'],
      }),
      findings: [{ nodeId: 'a', message: 'no person' }, { nodeId: 'c', message: 'no way out' }],
    },
  ],
});
