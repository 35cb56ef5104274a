// n8n workflows → Flowgate workflows: realistic n8n files (checked against n8n's node descriptions)
// and the findings each must produce, the mapping details, hostile files, and the round trip
// Flowgate → n8n → Flowgate for every template.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import type { Finding } from '../../../shared/analysis/types';
import { exportToN8n } from '../../../shared/interchange/n8n/export-workflow';
import { importN8nText } from '../../../shared/interchange/n8n/import-text';
import { POSITION_SCALE } from '../../../shared/interchange/n8n/positions';
import { MAX_N8N_NODES, N8nImportError, isN8nText } from '../../../shared/interchange/n8n/read-n8n';
import type { DecisionRule, Workflow } from '../../../shared/model/schema';
import { explainLoadError, readImportText } from '../../../shared/interchange/read-import';
import { WorkflowLoadError, loadWorkflow } from '../../../shared/model/load';
import { SECRET_PATTERNS, n8nProblems } from './n8n-node-types';
import { templates } from './templates';

const DIR = new URL('../../fixtures/n8n/', import.meta.url);
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'node-types.json');
const read = (file: string) => readFileSync(new URL(file, DIR), 'utf8');
const importOne = (file: string) => {
  const list = importN8nText(read(file));
  expect(list).toHaveLength(1);
  return list[0];
};

/** The findings that answer "which node can act without a person approving", by node name. */
function keyFindings(wf: Workflow, findings: Finding[] = analyze(wf).findings): string[] {
  const label = (id?: string) => wf.nodes.find((n) => n.id === id)?.label;
  return findings
    .filter((f) => /^(gate|ai)\/|^integration\/unknown-effect$|^graph\//.test(f.ruleId))
    .map((f) => `${f.severity} ${f.ruleId} ${label(f.nodeId)}`)
    .sort();
}

// In n8n a node that fails stops the execution unless its error output is wired; the simulator does the
// same, so an unwired error output is graph/dead-end's.
const EXPECTED: Record<string, string[]> = {
  'support-inbox-ungated.json': ['error gate/missing-approval Send reply', 'info ai/sensitive-data Draft reply', 'warn ai/no-fallback Draft reply', 'warn graph/dead-end Send reply'],
  // The approval gates the send; the Slack note after a rejection still posts without one (a warning, not customer-facing).
  'support-inbox-approved.json': [
    'info ai/sensitive-data Draft reply',
    'warn ai/no-fallback Draft reply',
    'warn gate/missing-approval Tell the team',
    'warn graph/dead-end Send reply',
    'warn graph/dead-end Tell the team',
  ],
  'agent-with-tools.json': ['error gate/missing-approval AI Agent', 'warn ai/no-fallback AI Agent', 'warn ai/unreviewed-action AI Agent'],
  'webhook-stripe-refund.json': ['error gate/missing-approval Refund in Stripe', 'warn graph/dead-end Refund in Stripe'],
  'slack-digest.json': ['info ai/sensitive-data Write digest', 'warn ai/no-fallback Write digest', 'warn gate/missing-approval Post digest', 'warn graph/dead-end Post digest', 'warn graph/dead-end Read orders'],
  'unknown-community-node.json': ['info integration/unknown-effect Acme CRM', 'warn gate/missing-approval Acme CRM', 'warn graph/dead-end Acme CRM'],
};

describe('n8n fixtures', () => {
  it('cover the cases the import must handle', () => {
    expect(FIXTURES.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(FIXTURES)('%s matches n8n’s own node descriptions (types, type versions, parameters)', (file) => {
    const wf = JSON.parse(read(file));
    expect(n8nProblems(wf, { communityNodes: file === 'unknown-community-node.json' })).toEqual([]);
    expect(isN8nText(read(file))).toBe(true);
  });

  it.each(Object.entries(EXPECTED))('%s gives the expected findings', (file, expected) => {
    const { workflow } = importOne(file);
    expect(keyFindings(workflow)).toEqual(expected);
  });
});

describe('n8n import', () => {
  it('keeps node ids, names and positions, and folds sub-nodes into their AI step', () => {
    const n8n = JSON.parse(read('support-inbox-ungated.json'));
    const { workflow } = importOne('support-inbox-ungated.json');
    for (const name of ['New support email', 'Draft reply', 'Send reply']) {
      const source = n8n.nodes.find((n: { name: string }) => n.name === name);
      const step = workflow.nodes.find((n) => n.label === name)!;
      expect(step.id).toBe(source.id);
      expect(step.position).toEqual({ x: source.position[0] * POSITION_SCALE.x, y: source.position[1] * POSITION_SCALE.y });
    }
    expect(workflow.nodes.some((n) => n.label === 'OpenAI Chat Model')).toBe(false);
    const draft = workflow.nodes.find((n) => n.label === 'Draft reply')!;
    expect(draft.kind).toBe('ai');
    expect(draft.config).toMatchObject({ task: 'draft', provider: 'external', model: 'gpt-4o-mini', mode: 'suggest' });
    // The branch ends after the send: an end step is added there.
    const send = workflow.nodes.find((n) => n.label === 'Send reply')!;
    const after = workflow.edges.filter((e) => e.source === send.id).map((e) => workflow.nodes.find((n) => n.id === e.target)!.kind);
    expect(after).toEqual(['end']);
  });

  it('turns credentials into connections that grant exactly what their steps use, and says it assumed so', () => {
    const { workflow, notes } = importOne('support-inbox-approved.json');
    const gmail = workflow.connections.find((c) => c.id === 'Xk2LmP9qRt5vWy1Z')!;
    expect(gmail).toMatchObject({ label: 'support@shop.example', identity: 'support@shop.example', connector: 'n8n-gmail', grantsAssumed: true });
    expect(gmail.grants).toEqual(['gmail.message.read', 'gmail.message.reply']);
    expect(workflow.connections.map((c) => c.id).sort()).toEqual(['Qr78St90Uv12Wx34', 'Xk2LmP9qRt5vWy1Z']);
    expect(notes.join(' ')).toContain('assumed');
    const all = analyze(workflow).findings.map((f) => f.ruleId);
    expect(all).not.toContain('permission/exceeds-grant');
    expect(all).not.toContain('permission/unused-grant');
    for (const p of SECRET_PATTERNS) expect(JSON.stringify(workflow)).not.toMatch(p);
  });

  it('makes a send-and-wait followed by an IF on the answer an approval with its outputs and wait limit', () => {
    const { workflow } = importOne('support-inbox-approved.json');
    const approval = workflow.nodes.find((n) => n.label === 'Ask the support lead')!;
    expect(approval.kind).toBe('approval');
    expect(approval.config).toMatchObject({ reviewer: 'lead@shop.example', timeoutHours: 8 });
    expect(workflow.nodes.some((n) => n.label === 'Approved?')).toBe(false);
    const out = (handle: string) => workflow.edges.filter((e) => e.source === approval.id && e.sourceHandle === handle).map((e) => workflow.nodes.find((n) => n.id === e.target)!.label);
    expect(out('approved')).toEqual(['Send reply']);
    expect(out('rejected')).toEqual(['Tell the team']);
    // n8n resumes an unanswered request without an answer: the IF sends it down its false branch.
    expect(out('timeout')).toEqual(['Tell the team']);
  });

  it('gives an AI Agent its connected tools, in "act" mode when a tool changes something', () => {
    const { workflow } = importOne('agent-with-tools.json');
    const agent = workflow.nodes.find((n) => n.label === 'AI Agent')!;
    expect(agent.kind === 'ai' && agent.config.mode).toBe('act');
    expect(agent.kind === 'ai' && agent.config.tools.map((t) => t.action).sort()).toEqual(['gmail.message.send', 'http.get']);
    expect(agent.config).toMatchObject({ attached: ['Simple Memory'] });
    expect(workflow.nodes.map((n) => n.label)).not.toContain('Send email');
  });

  it('keeps an unknown community node as a sensitive step and names its type', () => {
    const { workflow, notes } = importOne('unknown-community-node.json');
    const step = workflow.nodes.find((n) => n.label === 'Acme CRM')!;
    expect(step.kind).toBe('integration');
    const finding = analyze(workflow).findings.find((f) => f.ruleId === 'integration/unknown-effect')!;
    expect(finding.nodeId).toBe(step.id);
    expect(finding.message).toContain('n8n-nodes-acme-crm.acmeCrm');
    expect(notes.join(' ')).toContain('n8n-nodes-acme-crm.acmeCrm');
    // The No Operation node at the end of the branch is its end.
    expect(workflow.nodes.find((n) => n.label === 'Done')!.kind).toBe('end');
  });

  it('recognises money moved through Stripe’s API with an HTTP Request', () => {
    const { workflow } = importOne('webhook-stripe-refund.json');
    const refund = workflow.nodes.find((n) => n.label === 'Refund in Stripe')!;
    expect(refund.config).toMatchObject({ connection: 'Gh34Ij56Kl78Mn90', action: 'stripe.refunds.create' });
    const connector = workflow.connectors!.find((c) => c.id === 'n8n-stripe')!;
    expect(connector.actions[0]).toMatchObject({ effect: 'trigger', data: ['financial', 'personal'] });
  });

  it('reads a list of workflows (n8n export:workflow --all)', () => {
    const list = importN8nText(`[${read('slack-digest.json')},${read('webhook-stripe-refund.json')}]`);
    expect(list.map((w) => w.workflow.name)).toEqual(['Daily sales digest', 'Refund requests']);
  });
});

describe('hostile n8n files', () => {
  const base = () => JSON.parse(read('support-inbox-ungated.json'));
  const refuse = (value: unknown, message: RegExp) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    expect(() => importN8nText(text)).toThrow(N8nImportError);
    expect(() => importN8nText(text)).toThrow(message);
  };

  it('refuses two nodes with the same name', () => {
    const wf = base();
    wf.nodes[3].name = 'Draft reply';
    refuse(wf, /two nodes called "Draft reply"/);
  });

  it('refuses a file without connections, and links to nodes that do not exist', () => {
    const wf = base();
    delete wf.connections;
    refuse(wf, /has no "connections"/);
    const broken = base();
    broken.connections['Draft reply'].main[0][0].node = 'Gone';
    refuse(broken, /links "Draft reply" to "Gone", but no node has that name/);
  });

  it('refuses huge and deep files', () => {
    const huge = base();
    huge.nodes = Array.from({ length: MAX_N8N_NODES + 1 }, (_, i) => ({ ...huge.nodes[3], id: `n${i}`, name: `Send ${i}` }));
    huge.connections = {};
    refuse(huge, new RegExp(`has ${MAX_N8N_NODES + 1} nodes`));
    const deep = base();
    let inner: Record<string, unknown> = {};
    deep.nodes[3].parameters.options = inner;
    for (let i = 0; i < 100; i++) inner = inner.x = {} as Record<string, unknown>;
    refuse(deep, /nested more than 64 levels/);
  });

  it('refuses what is not an n8n workflow, in plain words', () => {
    refuse('{"nodes": "x"', /not valid JSON/);
    refuse('[]', /empty list/);
    refuse({ nodes: [{ type: 'n8n-nodes-base.noOp' }], connections: {} }, /node 1 has no name or no type/);
    expect(isN8nText(read('../../../resources/templates/support-ticket-triage.flowgate.json'))).toBe(false);
  });

  it('removes prototype keys on the way in', () => {
    const text = read('support-inbox-ungated.json').replace('"parameters": {', '"parameters": {"__proto__": {"polluted": true},');
    const [w] = importN8nText(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(w.workflow.nodes).toHaveLength(4);
  });
});

// ---- round trip: every template, exported to n8n and imported back ----

/** Edges by step labels, a decision's rule handles by their position (n8n keeps the order, not the ids). */
function edgeSet(wf: Workflow): string[] {
  const byId = new Map(wf.nodes.map((n) => [n.id, n]));
  return wf.edges
    .map((e) => {
      const source = byId.get(e.source)!;
      let handle = e.sourceHandle;
      if (source.kind === 'decision' && handle !== 'else') handle = `rule ${(source.config.rules as DecisionRule[]).findIndex((r) => r.id === handle) + 1}`;
      return `${source.label} -${handle}-> ${byId.get(e.target)!.label}`;
    })
    .sort();
}

/**
 * Node findings of the workflow layer. Two differences are expected and left out: connection-level
 * findings (n8n records no grants, maintainers or logs, so imported connections grant what is used)
 * and ai/sensitive-data (the export gives every AI step OpenAI, an external provider).
 */
function roundTripFindings(wf: Workflow): string[] {
  const label = (id?: string) => wf.nodes.find((n) => n.id === id)?.label;
  return analyze(wf)
    .findings.filter((f) => f.nodeId && !f.ruleId.startsWith('permission/') && f.ruleId !== 'ai/sensitive-data')
    .map((f) => `${f.severity} ${f.ruleId} ${label(f.nodeId)}`)
    .sort();
}

describe('round trip Flowgate → n8n → Flowgate', () => {
  it.each(templates().map((t) => [t.file, t.workflow] as const))('%s keeps its kinds, edges and findings', (_file, original) => {
    const [back] = importN8nText(JSON.stringify(exportToN8n(original).workflow));
    const kinds = (wf: Workflow) => wf.nodes.map((n) => `${n.label}: ${n.kind}`).sort();
    expect(kinds(back.workflow)).toEqual(kinds(original));
    expect(edgeSet(back.workflow)).toEqual(edgeSet(original));
    expect(roundTripFindings(back.workflow)).toEqual(roundTripFindings(original));
    // Positions come back where they were (to the pixel, after n8n's whole-number coordinates).
    for (const n of original.nodes) {
      const again = back.workflow.nodes.find((b) => b.label === n.label)!.position;
      expect(Math.abs(again.x - n.position.x) + Math.abs(again.y - n.position.y)).toBeLessThanOrEqual(2);
    }
  });
});

describe('File → Import and drop in the app', () => {
  it('read a Flowgate file as it is and convert an n8n file, telling what was assumed', () => {
    const flowgate = readImportText(read('../../../resources/templates/support-ticket-triage.flowgate.json'));
    expect(flowgate.source).toBe('flowgate');
    const n8n = readImportText(read('support-inbox-approved.json'));
    expect(n8n.source).toBe('n8n');
    expect(n8n.workflow.nodes.find((n) => n.label === 'Ask the support lead')!.kind).toBe('approval');
    expect(n8n.warnings.join(' ')).toContain('assumed');
  });

  it('open the first workflow of a list and say that there are more', () => {
    const read2 = readImportText(`[${read('slack-digest.json')},${read('webhook-stripe-refund.json')}]`);
    expect(read2.workflow.name).toBe('Daily sales digest');
    expect(read2.warnings[0]).toContain('holds 2 n8n workflows');
  });

  it('say in plain words that a broken n8n file is an n8n workflow, and what is wrong', () => {
    const wf = JSON.parse(read('slack-digest.json'));
    wf.nodes[1].name = 'Every morning';
    expect(() => readImportText(JSON.stringify(wf))).toThrow(/This is an n8n workflow, but it cannot be imported: .*two nodes called "Every morning"/);
  });

  it('explain an n8n file opened as a Flowgate file, and leave other load errors alone', () => {
    const text = read('slack-digest.json');
    let error: unknown;
    try {
      loadWorkflow(text);
    } catch (e) {
      error = e;
    }
    const explained = explainLoadError(text, error) as WorkflowLoadError;
    expect(explained.message).toBe('This is an n8n workflow, not a Flowgate one. Use Import to convert it into a new Flowgate workflow.');
    const other = new WorkflowLoadError('invalid', '$.nodes[0].kind', 'must be one of …');
    expect(explainLoadError('{}', other)).toBe(other);
  });
});

describe('branches, classifiers, waits and pass-through nodes', () => {
  // Webhook → Edit Fields → Text Classifier (refund / question / other) → Wait for a person (refunds),
  // an IF on what they answered → a Stripe charge or Stop and Error; questions → Gmail; other → No Operation.
  const at = (x: number): [number, number] => [x, 0];
  const node = (name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, x: number, extra: Record<string, unknown> = {}) => ({ parameters, id: `id-${name.toLowerCase().replace(/\W+/g, '-')}`, name, type, typeVersion, position: at(x), ...extra });
  const main = (...targets: string[][]) => ({ main: targets.map((t) => t.map((n) => ({ node: n, type: 'main', index: 0 }))) });
  const wf = {
    name: 'Inbox router',
    nodes: [
      node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: 'inbox', options: {} }, 0),
      node('Keep the text', 'n8n-nodes-base.set', 3.4, { mode: 'manual', fields: { values: [{ name: 'text', stringValue: '={{ $json.body.text }}' }] }, options: {} }, 200),
      node('Sort the message', '@n8n/n8n-nodes-langchain.textClassifier', 1.1, { inputText: '={{ $json.text }}', categories: { categories: [{ category: 'refund' }, { category: 'question' }] }, options: { fallback: 'other' } }, 400),
      node('Local model', '@n8n/n8n-nodes-langchain.lmChatOllama', 1, { model: 'llama3.2:latest', options: {} }, 400, { credentials: { ollamaApi: { id: 'o1', name: 'Ollama' } } }),
      node('Wait for the owner', 'n8n-nodes-base.wait', 1.1, { resume: 'webhook', httpMethod: 'POST', limitWaitTime: true, limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'days', options: {} }, 600, { webhookId: 'w1' }),
      node('Owner said yes?', 'n8n-nodes-base.if', 2.2, { conditions: { options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 }, conditions: [{ id: 'c1', leftValue: '={{ $json.body.decision }}', rightValue: 'yes', operator: { type: 'string', operation: 'equals' } }], combinator: 'and' }, options: {} }, 800),
      node('Charge', 'n8n-nodes-base.stripe', 1, { resource: 'charge', operation: 'create', customerId: '={{ $json.body.customer }}', amount: 10, currency: 'eur', additionalFields: {} }, 1000, { credentials: { stripeApi: { id: 's1', name: 'Stripe' } }, onError: 'continueErrorOutput' }),
      node('Refused', 'n8n-nodes-base.stopAndError', 1, { errorMessage: 'Refund refused' }, 1000),
      node('Answer', 'n8n-nodes-base.gmail', 2.1, { sendTo: '={{ $json.body.from }}', subject: 'Re: your question', emailType: 'text', message: 'Thanks!', options: {} }, 600, { credentials: { gmailOAuth2: { id: 'g1', name: 'Inbox' } } }),
      node('Ignore', 'n8n-nodes-base.noOp', 1, {}, 600),
      node('Note', 'n8n-nodes-base.stickyNote', 1, { content: 'Routes the inbox' }, 0),
    ],
    connections: {
      Webhook: main(['Keep the text']),
      'Keep the text': main(['Sort the message']),
      'Local model': { ai_languageModel: [[{ node: 'Sort the message', type: 'ai_languageModel', index: 0 }]] },
      'Sort the message': main(['Wait for the owner'], ['Answer'], ['Ignore']),
      'Wait for the owner': main(['Owner said yes?']),
      'Owner said yes?': main(['Charge'], ['Refused']),
      Charge: main([], ['Refused']),
    },
    settings: { executionOrder: 'v1' },
  };

  it('is a workflow n8n knows', () => {
    expect(n8nProblems(wf)).toEqual([]);
  });

  it('converts each construct', () => {
    const [{ workflow }] = importN8nText(JSON.stringify(wf));
    const byLabel = new Map(workflow.nodes.map((n) => [n.label, n]));
    const out = (label: string, handle: string) => workflow.edges.filter((e) => e.source === byLabel.get(label)!.id && e.sourceHandle === handle).map((e) => workflow.nodes.find((n) => n.id === e.target)!.label);
    // Pass-through and sticky notes are gone; the webhook leads straight to the classifier.
    expect(byLabel.has('Keep the text')).toBe(false);
    expect(byLabel.has('Note')).toBe(false);
    expect(out('Webhook', 'out')).toEqual(['Sort the message']);
    // The classifier is an AI step (local model: not external) and a decision on its category.
    expect(byLabel.get('Sort the message')!.config).toMatchObject({ task: 'classify', provider: 'mock', model: 'llama3.2:latest', labels: [{ name: 'refund' }, { name: 'question' }] });
    expect(out('Sort the message', 'ok')).toEqual(['Sort the message: which category']);
    const route = byLabel.get('Sort the message: which category')!;
    expect(route.kind).toBe('decision');
    expect(out(route.label, 'refund-1')).toEqual(['Wait for the owner']);
    expect(out(route.label, 'question-2')).toEqual(['Answer']);
    expect(out(route.label, 'else')).toEqual(['Ignore']);
    // A Wait resumed by a webhook is an approval; the IF after it, testing what the person sent, gives
    // approved and rejected (and, past the wait limit, the false branch).
    expect(byLabel.get('Wait for the owner')!.config).toMatchObject({ timeoutHours: 48 });
    expect(byLabel.has('Owner said yes?')).toBe(false);
    expect(out('Wait for the owner', 'approved')).toEqual(['Charge']);
    expect(out('Wait for the owner', 'rejected')).toEqual(['Refused']);
    expect(out('Wait for the owner', 'timeout')).toEqual(['Refused']);
    // The charge's error output, Stop and Error as an end, No Operation at a branch end as an end.
    expect(out('Charge', 'error')).toEqual(['Refused']);
    expect(out('Charge', 'ok')).toEqual(['End after Charge']);
    expect(byLabel.get('Refused')!.config).toEqual({ outcome: 'stopped' });
    expect(byLabel.get('Ignore')!.kind).toBe('end');
    // The charge needs no approval finding: it is only reached through the Wait's approved output.
    expect(keyFindings(workflow)).toContain('error gate/missing-approval Answer');
    expect(keyFindings(workflow).filter((f) => f.endsWith(' Charge'))).toEqual([]);
  });
});

describe('round trip n8n → Flowgate → n8n', () => {
  it.each(FIXTURES)('%s exports back to nodes n8n knows, which import to the same findings', (file) => {
    const first = importOne(file);
    const { workflow: n8n } = exportToN8n(first.workflow);
    expect(n8nProblems(n8n, { communityNodes: true })).toEqual([]);
    for (const p of SECRET_PATTERNS) expect(JSON.stringify(n8n)).not.toMatch(p);
    const [again] = importN8nText(JSON.stringify(n8n));
    expect(keyFindings(again.workflow)).toEqual(keyFindings(first.workflow));
  });
});
