import noFallback from '../../../shared/analysis/rules/ai/no-fallback';
import sensitiveData from '../../../shared/analysis/rules/ai/sensitive-data';
import unreviewedAction from '../../../shared/analysis/rules/ai/unreviewed-action';
import { HELPDESK, ai, approval, conn, doc, end, escalation, integration, intake } from './fixtures';
import { ruleTester } from './rule-tester';

const KB = conn('kb', 'knowledge', ['kb.search']);
const BILLING = conn('billing', 'billing', ['billing.customers.read']);
const tool = (action: string) => ({ connection: 'helpdesk', action });

ruleTester(unreviewedAction, {
  valid: [
    { name: 'act mode with read tools only', doc: doc({ connections: [HELPDESK], nodes: [ai('bot', { mode: 'act', tools: [tool('tickets.read')] })] }) },
    { name: 'suggest mode with a send tool', doc: doc({ connections: [HELPDESK], nodes: [ai('bot', { mode: 'suggest', tools: [tool('tickets.reply')] })] }) },
  ],
  invalid: [
    {
      name: 'act mode with a send tool, even behind an approval (the approval saw the input, not the action)',
      doc: doc({
        connections: [HELPDESK],
        nodes: [intake('in'), approval('gate'), ai('bot', { mode: 'act', tools: [tool('tickets.read'), tool('tickets.reply')] })],
        edges: ['in -> gate', 'gate.approved -> bot'],
      }),
      findings: [{ nodeId: 'bot', severity: 'warn', message: 'tickets.reply (send)' }],
    },
    {
      name: 'write, delete and trigger tools count as well',
      doc: doc({
        connections: [HELPDESK, conn('web', 'http', ['http.post'])],
        nodes: [ai('bot', { mode: 'act', tools: [tool('tickets.comment'), tool('tickets.delete'), { connection: 'web', action: 'http.post' }] })],
      }),
      findings: [{ nodeId: 'bot', message: 'tickets.comment (write), tickets.delete (delete) and http.post (trigger)' }],
    },
  ],
});

const withOutputs = (...edges: string[]) =>
  doc({ nodes: [intake('in'), ai('bot'), end('done'), escalation('human')], edges: ['in -> bot', 'bot.ok -> done', ...edges] });

ruleTester(noFallback, {
  valid: [{ name: 'both fallbacks lead to a person', doc: withOutputs('bot.low_confidence -> human', 'bot.error -> human') }],
  invalid: [
    { name: 'neither fallback is wired', doc: withOutputs(), findings: [{ nodeId: 'bot', severity: 'warn', message: '"low confidence" and "error" outputs lead' }] },
    { name: 'only the error output is missing', doc: withOutputs('bot.low_confidence -> human'), findings: [{ nodeId: 'bot', message: 'its "error" output leads nowhere' }] },
  ],
});

/** intake (reads tickets: personal data) → … → ai step with the given config. */
const external = (config: Record<string, unknown>, extraNodes: ReturnType<typeof intake>[] = [], edges = ['in -> bot']) =>
  doc({
    connections: [HELPDESK, KB, BILLING],
    nodes: [intake('in', 'helpdesk', 'tickets.read'), ...extraNodes, ai('bot', { provider: 'external', ...config })],
    edges,
  });

ruleTester(sensitiveData, {
  valid: [
    { name: 'the mock provider', doc: external({ provider: 'mock' }) },
    { name: 'an external provider configured as local', doc: external({}), options: { externalProviderIsLocal: true } },
    {
      name: 'only non-sensitive data reaches it',
      doc: doc({ connections: [KB], nodes: [intake('in'), ai('bot', { provider: 'external', sources: [{ connection: 'kb', action: 'kb.search' }] })], edges: ['in -> bot'] }),
    },
    { name: 'reads after the step do not flow into it', doc: external({}, [integration('later', 'billing', 'billing.customers.read')], ['bot.ok -> later']) },
  ],
  invalid: [
    { name: 'personal data read by the intake', doc: external({}), findings: [{ nodeId: 'bot', severity: 'info', message: 'personal data (from reads before it)' }] },
    {
      name: 'financial data from an integration two steps before, through a loop',
      doc: external({}, [integration('acct', 'billing', 'billing.customers.read'), approval('gate')], ['in -> gate', 'gate.approved -> acct', 'acct.ok -> bot', 'bot.ok -> gate']),
      findings: [{ nodeId: 'bot', message: 'personal and financial data' }],
    },
    {
      name: 'its own knowledge source',
      doc: doc({ connections: [BILLING], nodes: [ai('bot', { provider: 'external', sources: [{ connection: 'billing', action: 'billing.customers.read' }] })] }),
      findings: [{ nodeId: 'bot', message: 'from its own sources' }],
    },
  ],
});
