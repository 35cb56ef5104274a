import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { fixesFor, insertApprovalGate } from '../../../shared/analysis/fixes';
import type { Finding } from '../../../shared/analysis/types';
import type { Workflow } from '../../../shared/model/schema';
import { approval, conn, decision, doc, end, integration, intake } from './fixtures';

function only(wf: Workflow, ruleId: string, nodeOrConnection?: string): Finding {
  const found = analyze(wf).findings.filter((f) => f.ruleId === ruleId && (!nodeOrConnection || f.nodeId === nodeOrConnection || f.connectionId === nodeOrConnection));
  expect(found).toHaveLength(1);
  return found[0];
}

const grantsOf = (wf: Workflow, id: string) => wf.connections.find((c) => c.id === id)?.grants;

describe('quick fixes for grants', () => {
  const wf = doc({
    connections: [conn('helpdesk', 'helpdesk', ['tickets.read', 'tickets.delete']), conn('kb', 'knowledge', ['kb.*'])],
    nodes: [intake('in', 'helpdesk', 'tickets.read'), integration('send', 'helpdesk', 'tickets.reply'), integration('look', 'kb', 'kb.search'), integration('art', 'kb', 'kb.read_article')],
    edges: ['in -> send', 'send.ok -> look', 'look.ok -> art'],
  });

  it('grants the missing scope, and the finding goes away', () => {
    const [fix] = fixesFor(wf, only(wf, 'permission/exceeds-grant'));
    expect(fix.title).toBe('Grant "tickets.reply" on "helpdesk"');
    const fixed = fix.apply(wf);
    expect(grantsOf(fixed, 'helpdesk')).toEqual(['tickets.read', 'tickets.delete', 'tickets.reply']);
    expect(analyze(fixed).findings.some((f) => f.ruleId === 'permission/exceeds-grant')).toBe(false);
    expect(grantsOf(wf, 'helpdesk')).toEqual(['tickets.read', 'tickets.delete']); // the input is untouched
    expect(fix.apply(fixed)).toBe(fixed); // applying twice changes nothing
  });

  it('removes an unused grant', () => {
    const [fix] = fixesFor(wf, only(wf, 'permission/unused-grant'));
    expect(grantsOf(fix.apply(wf), 'helpdesk')).toEqual(['tickets.read']);
  });

  it('replaces a wildcard by the scopes the steps use through it', () => {
    const [fix] = fixesFor(wf, only(wf, 'permission/broad-grant'));
    expect(fix.title).toBe('Replace "kb.*" on "kb" with kb.search, kb.read_article');
    const fixed = fix.apply(wf);
    expect(grantsOf(fixed, 'kb')).toEqual(['kb.search', 'kb.read_article']);
    expect(analyze(fixed).findings.filter((f) => f.connectionId === 'kb' && f.ruleId.startsWith('permission/'))).toEqual([]);
  });

  it('removes a wildcard nothing uses', () => {
    const unused = { ...wf, connections: [...wf.connections, conn('mail', 'email', ['*'])] } as Workflow;
    const [fix] = fixesFor(unused, only(unused, 'permission/broad-grant', 'mail'));
    expect(fix.title).toBe('Remove "*" from "mail"');
    expect(grantsOf(fix.apply(unused), 'mail')).toEqual([]);
  });

  it('offers nothing for findings without an unambiguous fix', () => {
    expect(fixesFor(wf, { ruleId: 'workflow/no-owner', severity: 'warn', message: 'x' })).toEqual([]);
    expect(fixesFor(wf, { ruleId: 'permission/exceeds-grant', severity: 'error', message: 'x', connectionId: 'gone', scope: 'a' })).toEqual([]);
  });
});

describe('inserting an approval gate', () => {
  const helpdesk = conn('helpdesk', 'helpdesk', ['tickets.read', 'tickets.reply']);

  it('rewires the unapproved incoming edges into the gate and leads "approved" to the step', () => {
    const wf = doc({
      connections: [helpdesk],
      nodes: [intake('in', 'helpdesk', 'tickets.read'), decision('d', 'vip'), approval('vipGate'), integration('send', 'helpdesk', 'tickets.reply'), end('done'), end('no', 'rejected')],
      edges: ['in -> d', 'd.vip -> vipGate', 'vipGate.approved -> send', 'd.else -> send', 'send.ok -> done', 'vipGate.rejected -> no'],
    });
    const [fix] = fixesFor(wf, only(wf, 'gate/missing-approval'));
    expect(fix.title).toBe('Insert an approval before "send"');
    const fixed = fix.apply(wf);
    const gate = fixed.nodes.find((n) => !wf.nodes.some((o) => o.id === n.id))!;
    expect(gate).toMatchObject({ kind: 'approval', label: 'Approve: send' });
    const edges = fixed.edges.map((e) => `${e.source}.${e.sourceHandle} -> ${e.target}`);
    expect(edges).toContain(`d.else -> ${gate.id}`);
    expect(edges).toContain(`${gate.id}.approved -> send`);
    expect(edges).toContain('vipGate.approved -> send'); // already approved: not reviewed twice
    expect(edges).toContain(`${gate.id}.rejected -> no`); // the only "rejected" end
    expect(edges.some((e) => e.startsWith(`${gate.id}.timeout`))).toBe(false); // left to the user
    expect(analyze(fixed).findings.some((f) => f.ruleId === 'gate/missing-approval')).toBe(false);
    expect(new Set(fixed.edges.map((e) => e.id)).size).toBe(fixed.edges.length); // fresh edge ids
  });

  it('leaves "rejected" for the user when no single end has the outcome "rejected"', () => {
    const wf = doc({ connections: [helpdesk], nodes: [intake('in', 'helpdesk', 'tickets.read'), integration('send', 'helpdesk', 'tickets.reply')], edges: ['in -> send'] });
    const fixed = insertApprovalGate(wf, 'send');
    expect(fixed.edges.map((e) => e.sourceHandle)).toEqual(['out', 'approved']);
  });

  it('places the gate between the step and what leads into it', () => {
    const wf = doc({ connections: [helpdesk], nodes: [intake('in', 'helpdesk', 'tickets.read'), integration('send', 'helpdesk', 'tickets.reply')], edges: ['in -> send'] });
    const moved = { ...wf, nodes: [{ ...wf.nodes[0], position: { x: 0, y: 0 } }, { ...wf.nodes[1], position: { x: 800, y: 0 } }] } as Workflow;
    expect(insertApprovalGate(moved, 'send').nodes[2].position).toEqual({ x: 400, y: 0 });
  });

  it('offers no gate before an intake, and returns a stale document unchanged', () => {
    const wf = doc({ connections: [conn('helpdesk', 'helpdesk', ['tickets.delete'])], nodes: [intake('in', 'helpdesk', 'tickets.delete')] });
    expect(fixesFor(wf, only(wf, 'gate/missing-approval'))).toEqual([]);
    expect(insertApprovalGate(wf, 'nope')).toBe(wf);
  });
});
