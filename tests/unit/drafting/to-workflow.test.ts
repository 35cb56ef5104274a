// Reading a model's reply as a draft and turning it into a workflow: what Flowgate fills in (ids,
// positions, grants, the mock provider, suggest mode, the description), and what it refuses, each at
// its path in the draft with a message the model can act on.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import type { Draft } from '../../../shared/drafting/draft-schema';
import { readDraft } from '../../../shared/drafting/read-draft';
import { draftToWorkflow, type Conversion } from '../../../shared/drafting/to-workflow';
import { loadWorkflow, serializeWorkflow } from '../../../shared/model/load';
import { REFUND_DESCRIPTION, validRefundDraft } from '../../fixtures/drafting/refund-drafts';

function convert(draft: Draft): Extract<Conversion, { ok: true }> {
  const c = draftToWorkflow(draft, { id: 'wf-draft', description: REFUND_DESCRIPTION });
  if (!c.ok) throw new Error(c.problems.map((p) => p.message).join('; '));
  return c;
}

const step = (draft: Draft, label: string) => draft.steps.find((s) => s.label === label)!;

describe('reading a reply', () => {
  it('reads the JSON of a draft, also inside a Markdown fence', () => {
    const text = JSON.stringify(validRefundDraft());
    expect(readDraft(text)).toEqual({ ok: true, draft: validRefundDraft() });
    expect(readDraft(`\`\`\`json\n${text}\n\`\`\``)).toEqual({ ok: true, draft: validRefundDraft() });
  });

  it('says what is wrong with a reply that is not a draft, at its path', () => {
    expect(readDraft('')).toEqual({ ok: false, problems: [expect.objectContaining({ path: '$', message: expect.stringContaining('the reply is empty') })] });
    expect(readDraft('Sure! Here is your workflow:')).toMatchObject({ ok: false, problems: [{ path: '$', message: expect.stringContaining('not valid JSON') }] });
    const draft = validRefundDraft() as unknown as { owner: unknown; steps: Record<string, unknown>[] };
    draft.owner = 3;
    draft.steps[0].kind = 'trigger';
    draft.steps[1].extra = true;
    delete draft.steps[2].inputs;
    const reading = readDraft(JSON.stringify(draft));
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.problems.map((p) => [p.path, p.message])).toEqual([
      ['$.owner', 'must be text, not a number'],
      ['$.steps[0].kind', expect.stringContaining('is not a step kind Flowgate knows ("trigger"')],
      ['$.steps[1]', 'has a field the schema does not allow: "extra"'],
      ['$.steps[2].inputs', 'is missing: it must be a list'],
    ]);
    expect(!reading.ok && reading.problems.every((p) => p.severity === 'error' && p.ruleId === null)).toBe(true);
  });
});

describe('a draft becomes a workflow', () => {
  it('gets ids, positions, its description, and steps that pass the analysis', () => {
    const { workflow, problems } = convert(validRefundDraft());
    expect(problems).toEqual([]);
    expect(workflow).toMatchObject({ format: 'flowgate.workflow', schemaVersion: 1, id: 'wf-draft', name: 'Refund requests', owner: 'Owner', description: REFUND_DESCRIPTION });
    expect(workflow.nodes.map((n) => n.id)).toEqual(workflow.nodes.map((_, i) => `n${i + 1}`));
    expect(new Set(workflow.edges.map((e) => e.id)).size).toBe(workflow.edges.length);
    // Laid out: no two steps in the same place.
    expect(new Set(workflow.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(workflow.nodes.length);
    expect(loadWorkflow(serializeWorkflow(workflow)).workflow).toEqual(workflow);
    expect(analyze(workflow).findings).toEqual([]);
  });

  it('gives each system used one connection that grants exactly the scopes its steps use', () => {
    const draft = validRefundDraft();
    draft.connections.push({ connector: 'crm', label: 'CRM', identity: '', maintainer: '', revocation: '', logging: true });
    const { workflow, notes } = convert(draft);
    expect(workflow.connections.map((c) => [c.id, c.connector, c.grants])).toEqual([
      ['email', 'email', ['email.read_inbox', 'email.send']],
      ['billing', 'billing', ['billing.invoices.read', 'billing.refunds.issue']],
    ]);
    expect(workflow.connections[0]).toMatchObject({ label: 'Shop mailbox', identity: 'refunds@shop.example', logging: true, maintainer: 'Owner' });
    expect(notes).toEqual(['Left out the CRM connection the draft described: no step uses it.']);
    const refund = workflow.nodes.find((n) => n.label === 'Refund the customer')!;
    expect(refund.config).toMatchObject({ connection: 'billing', action: 'billing.refunds.issue', inputs: { invoiceId: '{{orderId}}', amount: '{{amount}}' } });
  });

  it('puts every AI step on the offline mock, in suggest mode', () => {
    const draft = validRefundDraft();
    const ai = step(draft, 'Read the request');
    if (ai.kind !== 'ai') throw new Error('fixture');
    ai.tools = ['email.send'];
    const { workflow } = convert(draft);
    const node = workflow.nodes.find((n) => n.kind === 'ai')!;
    expect(node.config).toMatchObject({ provider: 'mock', mode: 'suggest', task: 'extract', fields: ['orderId', 'amount'], tools: [{ connection: 'email', action: 'email.send' }] });
  });

  it('turns decision rules, links by output and scenarios into the file’s own shapes', () => {
    const { workflow } = convert(validRefundDraft());
    const decision = workflow.nodes.find((n) => n.kind === 'decision')!;
    expect(decision.config).toEqual({ rules: [{ id: 'large', label: 'Over 50 euros', when: { all: [{ var: 'amount', op: 'gt', value: 50 }] } }] });
    const out = workflow.edges.filter((e) => e.source === decision.id).map((e) => [e.sourceHandle, workflow.nodes.find((n) => n.id === e.target)!.label]);
    expect(out).toEqual([
      ['large', 'Owner approves'],
      ['else', 'Agent approves'],
    ]);
    const owner = workflow.nodes.find((n) => n.label === 'Owner approves')!;
    expect(workflow.simulation).toEqual({
      scenarios: [
        {
          id: 'large-refund',
          name: 'Large refund',
          input: { orderId: 'INV-2024-0412', amount: 80, email: 'ana@example.com', message: 'Please refund order INV-2024-0412, 80 euros.' },
          decisions: { [owner.id]: 'approved' },
        },
      ],
    });
  });
});

describe('what a draft names but cannot be applied', () => {
  it('a link to a step that does not exist: left out, with the labels there are', () => {
    const draft = validRefundDraft();
    (step(draft, 'Check the order') as { next: { output: string; to: string }[] }).next[0].to = 'Over 50 euro?';
    const { workflow, problems, origin } = convert(draft);
    expect(problems).toEqual([
      {
        path: '$.steps[2].next[0].to',
        severity: 'error',
        ruleId: null,
        message: 'no step is labelled "Over 50 euro?"',
        hint: expect.stringMatching(/^Use one of the labels: "Refund request email", "Read the request", "Check the order", "Over 50 euros\?"/),
      },
    ]);
    const check = workflow.nodes.find((n) => n.label === 'Check the order')!;
    expect(workflow.edges.filter((e) => e.source === check.id).map((e) => e.sourceHandle)).toEqual(['error']);
    // The edges that were made still point back at their place in the draft.
    const error = workflow.edges.find((e) => e.source === check.id)!;
    expect(origin.edges.get(error.id)).toEqual([2, 1]);
  });

  it('an output the step does not have, a second link from one output, a link into an intake, a link to itself', () => {
    const draft = validRefundDraft();
    const check = step(draft, 'Check the order') as { next: { output: string; to: string }[] };
    check.next.push({ output: 'maybe', to: 'Refunded' }, { output: 'ok', to: 'Refunded' }, { output: 'error', to: 'Refund request email' });
    const team = step(draft, 'Refund team') as { next: { output: string; to: string }[] };
    team.next = [{ output: 'out', to: 'Refund team' }];
    const { problems } = convert(draft);
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['$.steps[2].next[2]', '"Check the order" has no output called "maybe". The outputs of this integration are: "ok", "error".'],
      ['$.steps[2].next[3]', 'The "ok" output of "Check the order" already leads somewhere: an item can take only one path. Delete that edge first.'],
      ['$.steps[2].next[4]', 'An intake starts the workflow: nothing can lead into it.'],
      ['$.steps[8].next[0]', 'A step cannot connect to itself.'],
    ]);
  });

  it('labels that repeat or are empty, rules without a usable output, a classify step without labels', () => {
    const draft = validRefundDraft();
    draft.steps[9].label = 'refund team';
    draft.steps[10].label = ' ';
    const decision = step(draft, 'Over 50 euros?');
    if (decision.kind !== 'decision') throw new Error('fixture');
    decision.rules.push({ ...decision.rules[0], output: 'else' }, { ...decision.rules[0], output: 'large' });
    const ai = step(draft, 'Read the request');
    if (ai.kind !== 'ai') throw new Error('fixture');
    ai.task = 'classify';
    const c = convert(draft);
    // Links to the two relabelled steps are refused as well (they are tested above).
    expect(c.problems.filter((p) => !p.path.endsWith('.to')).map((p) => [p.path, p.message])).toEqual([
      ['$.steps[9].label', 'another step (steps[8]) has the label "refund team": links name steps by their labels, so each must be unique'],
      ['$.steps[10].label', 'must not be empty: links name steps by their labels'],
      ['$.steps[1].labels', 'a classify step needs the labels it chooses from'],
      ['$.steps[3].rules[1].output', 'cannot be "else": that is the output for items no rule takes'],
      ['$.steps[3].rules[2].output', 'another rule of this step already has the output "large"'],
    ]);
    // Still a valid file: the bad rules got stand-in ids.
    const rules = (c.workflow.nodes.find((n) => n.kind === 'decision')!.config as { rules: { id: string }[] }).rules;
    expect(rules.map((r) => r.id)).toEqual(['large', 'rule-2', 'rule-3']);
  });

  it('a scenario deciding an approval that does not exist', () => {
    const draft = validRefundDraft();
    draft.scenarios[0].approvals.push({ step: 'Manager approves', decision: 'rejected' });
    expect(convert(draft).problems).toEqual([{ path: '$.scenarios[0].approvals[1].step', severity: 'warn', ruleId: null, message: 'no approval step is labelled "Manager approves"' }]);
  });
});
