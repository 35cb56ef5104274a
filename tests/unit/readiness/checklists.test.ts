// The readiness checklists: each template's answers as a consultant would read them, and open items
// that point at the step, connection or field where the answer belongs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { loadWorkflow, loadWorkflowValue } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { checklists, readiness, type ChecklistItem } from '../../../shared/readiness/checklists';

const TEMPLATES = fileURLToPath(new URL('../../../resources/templates/', import.meta.url));

function template(name: string): Workflow {
  return loadWorkflow(readFileSync(`${TEMPLATES}${name}.flowgate.json`, 'utf8')).workflow;
}

function answers(wf: Workflow): Record<string, string | null> {
  return Object.fromEntries(checklists(wf).flatMap((l) => l.items.map((i) => [i.id, i.answer])));
}

function item(wf: Workflow, id: string): ChecklistItem {
  const found = checklists(wf)
    .flatMap((l) => l.items)
    .find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

describe('checklists of the templates', () => {
  it('support ticket triage answers every question from the document', () => {
    expect(answers(template('support-ticket-triage'))).toEqual({
      'integration.systems': 'Help desk (Help desk) and Help center articles (Knowledge base)',
      'integration.sources': 'Help center articles (kb.search and kb.read_article), used by "Find help articles"',
      'integration.ai-reads':
        "The item's fields and earlier results its prompts name: subject, body, category, customerName, articles; kb.search and kb.read_article on Help center articles (svc-ai-triage (read-only API key)). That includes personal data.",
      'integration.ai-writes':
        'AI can write nothing by itself: its steps only suggest; after a person approves, the workflow\'s own steps can: reply to the customer (tickets.reply) at "Send reply" and close a ticket (tickets.close) at "Close ticket".',
      'integration.identities': 'Help desk: svc-ai-triage; Help center articles: svc-ai-triage (read-only API key)',
      'integration.logging': "Every call on Help desk and Help center articles is kept in that system's audit log, with the identity that made it.",
      'integration.revocation':
        'Help desk: Deactivate the svc-ai-triage user in the help desk admin (Admin → Team members); Help center articles: Delete the svc-ai-triage API key in the knowledge base settings',
      'integration.maintainers': 'Help desk: IT admin; Help center articles: Support lead',
      'workflow.start': '"New ticket": a ticket arrives, read from Help desk (tickets.read), with ticketId, subject, body, customerEmail, customerName',
      'workflow.ai-steps':
        '"Classify ticket" sorts the item into billing, technical, account or other (below 70 % confidence it hands over); "Find help articles" looks up documents in Help center articles (below 60 % confidence it hands over); "Draft reply" drafts a text, kept in "draft" (below 70 % confidence it hands over)',
      'workflow.reviewers': 'Support supervisor at "Supervisor approves reply", shown ticketId, draft and category, within 4 h',
      'workflow.approvals': '"Send reply" (tickets.reply) and "Close ticket" (tickets.close) run only after approval at "Supervisor approves reply"',
      'workflow.exceptions':
        '"Human triage" (Support agents) takes over when "Classify ticket" is unsure or fails, "Find help articles" is unsure or fails, "Draft reply" is unsure or fails, "Send reply" fails or "Close ticket" fails; ' +
        'If "New ticket" cannot read an item, the item never enters the workflow: it stays in Help desk, and a batch counts it apart',
      'workflow.escalation':
        'To Billing team (high priority) when "Billing issue?" says Billing: Charges, refunds and invoices are answered by the billing team, who can see payment details; ' +
        'To Support agents (normal priority) when "Supervisor approves reply" rejects: The supervisor rejected the AI draft: an agent answers the customer; ' +
        'To Support supervisors (high priority) when "Supervisor approves reply" times out: Nobody reviewed the draft within 4 hours; ' +
        'To Support agents (normal priority) when "Classify ticket" is unsure or fails, "Find help articles" is unsure or fails, "Draft reply" is unsure or fails, "Send reply" fails or "Close ticket" fails: The AI was unsure or unavailable, or the help desk refused an action: a person handles the ticket',
      'workflow.corrections':
        'At "Supervisor approves reply" the reviewer can edit or reject; rejected items go to "Agent writes the reply" (Support agents), overdue ones to "Review overdue" (Support supervisors)',
      'workflow.owner': 'Support lead',
    });
  });

  it('gives many-part answers in their parts too, for layouts that list them', () => {
    const wf = template('support-ticket-triage');
    expect(item(wf, 'integration.identities').answerParts).toEqual(['Help desk: svc-ai-triage', 'Help center articles: svc-ai-triage (read-only API key)']);
    // A part's own full stop is dropped; the reason of an escalation keeps its inner semicolon.
    expect(item(template('invoice-approval'), 'workflow.escalation').answerParts.at(-1)).toBe(
      'To Finance manager (high priority) when "Owner approves" times out or "Bookkeeper approves" times out: Nobody approved the invoice in time; it may be paid late',
    );
    expect(item(wf, 'workflow.owner').answerParts).toEqual(['Support lead']);
    expect(item(template('risky-support-bot'), 'workflow.owner').answerParts).toEqual([]);
  });

  it('invoice approval', () => {
    const a = answers(template('invoice-approval'));
    expect(Object.values(a).every((v) => v !== null)).toBe(true);
    expect(a['integration.identities']).toBe('Accounting (bills): svc-ap-assistant; Finance channel: flowgate-ap-bot');
    expect(a['workflow.reviewers']).toBe(
      'Owner at "Owner approves", shown invoiceId, dueDate, supplier, amount and currency, within 48 h; Bookkeeper at "Bookkeeper approves", shown invoiceId, dueDate, supplier, amount and currency, within 24 h',
    );
    expect(a['workflow.approvals']).toBe(
      '"Approve in billing" (billing.invoices.approve), "Schedule payment" (billing.payments.schedule) and "Tell the finance channel" (chat.messages.post) run only after approval at "Owner approves" or "Bookkeeper approves"',
    );
    expect(a['workflow.exceptions']).toBe(
      '"Bookkeeper checks by hand" (Accounts payable) takes over when "Check for red flags" is unsure or fails, "Approve in billing" fails or "Schedule payment" fails; When "Tell the finance channel" fails, the item ends at "Scheduled for payment" (approved); ' +
        'If "Supplier invoice received" cannot read an item, the item never enters the workflow: it stays in Accounting (bills), and a batch counts it apart',
    );
    expect(a['integration.ai-reads']).toMatch(/That includes financial data\.$/);
    expect(a['workflow.owner']).toBe('Bookkeeper');
  });

  it('sales lead intake', () => {
    const a = answers(template('sales-lead-intake'));
    expect(Object.values(a).every((v) => v !== null)).toBe(true);
    expect(a['integration.sources']).toBe('Product sheets (docs.search), used by "Draft follow-up email"');
    expect(a['integration.identities']).toBe('CRM: svc-lead-intake; Sales mailbox (sales@): sales@ with the app password "flowgate"; Product sheets: svc-lead-intake (read-only)');
    expect(a['workflow.approvals']).toBe('"Send follow-up" (email.send) and "Mark lead as contacted" (crm.leads.update) run only after approval at "Sales rep approves email"');
    expect(a['workflow.ai-steps']).toContain('"Qualify lead" sorts the item into hot, nurture or spam (below 60 % confidence it hands over)');
    expect(a['workflow.owner']).toBe('Sales manager');
  });

  it('employee onboarding', () => {
    const a = answers(template('employee-onboarding'));
    expect(Object.values(a).every((v) => v !== null)).toBe(true);
    expect(a['integration.ai-reads']).toBe(
      "The item's fields and earlier results its prompts name: role, team, name, startDate, manager, accessProfile; docs.search and docs.read on HR documents (svc-onboarding). That includes personal and legal data.",
    );
    expect(a['workflow.corrections']).toBe(
      'At "Manager approves plan" the reviewer can edit or reject; rejected items go to "HR prepares by hand" (HR), overdue ones to "Approval overdue" (HR); At "IT lead approves access" the reviewer can edit or reject; rejected items go to "IT finishes setup" (IT), overdue ones to "Approval overdue" (HR)',
    );
    expect(a['workflow.owner']).toBe('HR manager');
  });

  it('the risky support bot leaves nine questions open, each pointing at every place to fix it', () => {
    const wf = template('risky-support-bot');
    const open = checklists(wf)
      .flatMap((l) => l.items)
      .filter((i) => i.answer === null)
      .map((i) => [i.id, i.targets, i.missing]);
    // Each target names the field to fill in, where one answers the question.
    const helpdesk = (field: string) => [{ kind: 'connection', connectionId: 'helpdesk', field }];
    const nodes = (...ids: string[]) => ids.map((nodeId) => ({ kind: 'node', nodeId }));
    expect(open).toEqual([
      ['integration.logging', helpdesk('logging'), 'Calls on Help desk are not logged: turn on its audit log.'],
      ['integration.revocation', helpdesk('revocation'), 'Help desk does not say how to take its access away.'],
      ['integration.maintainers', helpdesk('maintainer'), 'Nobody is named to maintain Help desk.'],
      ['workflow.reviewers', [{ kind: 'node', nodeId: 'n7', field: 'reviewer' }], '"Manager check" does not say who reviews.'],
      [
        'workflow.approvals',
        nodes('n2', 'n4', 'n6', 'n8'),
        '"Answer the customer" can reply to the customer (tickets.reply) without anyone approving it. ' +
          '"Refund automatically" can issue a refund (billing.refunds.issue) without anyone approving it. ' +
          '"Email a satisfaction survey" can send an email (email.send) without anyone approving it. ' +
          '"Delete the ticket" can delete a ticket (tickets.delete) without anyone approving it.',
      ],
      [
        'workflow.exceptions',
        nodes('n2', 'n6'),
        '"Answer the customer" has nowhere to go when the AI is unsure: connect its "low_confidence" output. ' +
          '"Answer the customer" has nowhere to go when the AI fails: connect its "error" output. ' +
          '"Email a satisfaction survey" has nowhere to go when its system call fails: connect its "error" output.',
      ],
      ['workflow.escalation', nodes('n2'), 'Nothing is ever handed to a person or team: add an escalation step.'],
      ['workflow.corrections', [{ kind: 'node', nodeId: 'n7', field: 'timeoutHours' }], '"Manager check" has no timeout: an item nobody reviews would wait forever.'],
      ['workflow.owner', [{ kind: 'workflow', field: 'owner' }], 'Nobody is named as the owner of the workflow.'],
    ]);
    // The first place is the item's `target`, for callers that link to one.
    for (const each of checklists(wf).flatMap((l) => l.items)) expect(each.target, each.id).toEqual(each.targets[0] ?? null);
    // The AI step acts: what it can do by itself is said in the words of the issue.
    expect(item(wf, 'integration.ai-writes').answer).toMatch(/^AI can send: tickets\.reply on Help desk \(owner@company\.example \(admin account\)\); without an approval/);
    for (const each of checklists(wf).flatMap((l) => l.items)) {
      if (each.answer === null) expect(each.targets.length, each.id).toBeGreaterThan(0);
      else expect(each.targets, each.id).toEqual([]);
    }
  });
});

describe('readiness summary', () => {
  it('counts answered items, open findings and ungated steps; the batch flag is the caller’s', () => {
    const risky = template('risky-support-bot');
    const analysis = analyze(risky);
    const r = readiness(risky, { analysis, batchSinceLastEdit: true });
    expect(r.summary).toEqual({
      answered: 7,
      total: 16,
      errors: analysis.counts.error,
      warnings: analysis.counts.warn,
      allSensitiveGated: false,
      ungatedNodeIds: ['n2', 'n4', 'n6', 'n8'],
      changedAfterApprovalNodeIds: [],
      batchSinceLastEdit: true,
    });
    expect(analysis.counts.error).toBeGreaterThan(0);
    const support = readiness(template('support-ticket-triage'));
    expect(support.summary).toMatchObject({ answered: 16, total: 16, errors: 0, allSensitiveGated: true, batchSinceLastEdit: false });
  });
});

describe('small workflows', () => {
  const base = (parts: Record<string, unknown>): Workflow =>
    loadWorkflowValue({ format: 'flowgate.workflow', schemaVersion: 1, id: 'w', name: 'W', owner: '', connections: [], nodes: [], edges: [], ...parts }).workflow;
  const at = { x: 0, y: 0 };

  it('an empty workflow points to where each missing piece goes', () => {
    const wf = base({});
    expect(item(wf, 'workflow.start').target).toEqual({ kind: 'workflow', field: 'nodes' });
    expect(item(wf, 'workflow.owner').target).toEqual({ kind: 'workflow', field: 'owner' });
    expect(item(wf, 'integration.systems').answer).toBe('None: no step uses a connected system.');
    expect(item(wf, 'integration.ai-reads').answer).toBe('Nothing: no step uses AI.');
  });

  it('a step that names a connection that does not exist leaves the systems question open at that step', () => {
    const wf = base({
      owner: 'Ops',
      nodes: [
        { id: 'i', kind: 'intake', label: 'Start', position: at, config: {} },
        { id: 'x', kind: 'integration', label: 'Update CRM', position: at, config: { connection: 'crm', action: 'crm.leads.update' } },
      ],
      edges: [{ id: 'e1', source: 'i', sourceHandle: 'out', target: 'x' }],
    });
    const systems = item(wf, 'integration.systems');
    expect(systems.answer).toBeNull();
    expect(systems.target).toEqual({ kind: 'node', nodeId: 'x' });
    expect(systems.missing).toBe('"Update CRM": There is no connection called "crm".');
    expect(item(wf, 'workflow.exceptions')).toMatchObject({ answer: null, target: { kind: 'node', nodeId: 'x' } });
  });

  it('a retrieve step without sources, and a connection without an identity', () => {
    const wf = base({
      owner: 'Ops',
      connections: [{ id: 'kb', connector: 'knowledge', label: 'KB', identity: '', grants: ['kb.search'], logging: true, maintainer: 'IT', revocation: 'Delete the key' }],
      nodes: [
        { id: 'i', kind: 'intake', label: 'Start', position: at, config: {} },
        { id: 'r', kind: 'ai', label: 'Look up', position: at, config: { task: 'retrieve', prompt: '{{body}}' } },
      ],
      edges: [{ id: 'e1', source: 'i', sourceHandle: 'out', target: 'r' }],
    });
    expect(item(wf, 'integration.sources')).toMatchObject({ answer: null, target: { kind: 'node', nodeId: 'r' }, missing: '"Look up" looks up documents but names no knowledge source to search.' });
    expect(item(wf, 'integration.identities')).toMatchObject({ answer: null, target: { kind: 'connection', connectionId: 'kb' } });
    expect(item(wf, 'integration.logging').answer).toBe("Every call on KB is kept in that system's audit log, with the identity that made it.");
  });

  it('an item open at several places lists every one, not only the first', () => {
    const conn = (id: string, label: string) => ({ id, connector: 'knowledge', label, identity: '', grants: ['kb.search'], logging: false, maintainer: 'IT', revocation: 'Delete the key' });
    const wf = base({
      owner: 'Ops',
      connections: [conn('kb', 'KB'), conn('wiki', 'Wiki')],
      nodes: [
        { id: 'i', kind: 'intake', label: 'Start', position: at, config: {} },
        { id: 'a', kind: 'ai', label: 'Sort', position: at, config: { task: 'classify', prompt: '' } },
        { id: 'b', kind: 'ai', label: 'Summarize', position: at, config: { task: 'summarize', prompt: '' } },
      ],
      edges: [
        { id: 'e1', source: 'i', sourceHandle: 'out', target: 'a' },
        { id: 'e2', source: 'a', sourceHandle: 'out', target: 'b' },
      ],
    });
    const connections = [
      { kind: 'connection', connectionId: 'kb' },
      { kind: 'connection', connectionId: 'wiki' },
    ];
    expect(item(wf, 'integration.identities')).toMatchObject({ targets: connections, target: connections[0], missing: 'KB and Wiki do not say which account, role or key they use.' });
    expect(item(wf, 'integration.logging')).toMatchObject({ targets: connections, missing: 'Calls on KB and Wiki are not logged: turn on their audit logs.' });
    expect(item(wf, 'workflow.ai-steps')).toMatchObject({
      targets: [
        { kind: 'node', nodeId: 'a' },
        { kind: 'node', nodeId: 'b' },
      ],
      missing: '"Sort" has no instructions: write its prompt. "Summarize" has no instructions: write its prompt.',
    });
  });

  it('an AI step in act mode with a write tool: what AI can write, in the words of the issue', () => {
    const wf = base({
      owner: 'Ops',
      connections: [{ id: 'hd', connector: 'helpdesk', label: 'Help desk', identity: 'svc-ai-triage', grants: ['tickets.update_fields'], logging: true }],
      nodes: [
        { id: 'i', kind: 'intake', label: 'Start', position: at, config: {} },
        { id: 't', kind: 'ai', label: 'Tag', position: at, config: { task: 'classify', prompt: '{{body}}', mode: 'act', tools: [{ connection: 'hd', action: 'tickets.update_fields' }] } },
      ],
      edges: [{ id: 'e1', source: 'i', sourceHandle: 'out', target: 't' }],
    });
    expect(item(wf, 'integration.ai-writes').answer).toMatch(/^AI can write: tickets\.update_fields on Help desk \(svc-ai-triage\)/);
    expect(item(wf, 'workflow.approvals')).toMatchObject({ answer: null, target: { kind: 'node', nodeId: 't' } });
  });

  it('a document broken half-way through an edit keeps the checklist whole', () => {
    const wf = base({ owner: 'Ops' });
    (wf as unknown as { nodes: unknown }).nodes = [{ id: 'n', kind: 'ai', label: 'x', position: at, config: null }];
    const lists = checklists(wf);
    expect(lists.flatMap((l) => l.items)).toHaveLength(16);
  });
});
