import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { fixesFor } from '../../../shared/analysis/fixes';
import { insertApprovalGate } from '../../../shared/model/edits/approval-gate';
import type { Finding } from '../../../shared/analysis/types';
import { removeElements } from '../../../shared/model/edits/graph';
import { loadWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { approval, conn, decision, doc, end, integration, intake } from './fixtures';

const template = (id: string) => loadWorkflow(readFileSync(join(import.meta.dirname, '../../../resources/templates', `${id}.flowgate.json`), 'utf8')).workflow;

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
    expect(edges).toContain(`${gate.id}.timeout -> no`); // an unanswered request is not an approval
    expect(analyze(fixed).findings.some((f) => f.ruleId === 'gate/missing-approval')).toBe(false);
    expect(new Set(fixed.edges.map((e) => e.id)).size).toBe(fixed.edges.length); // fresh edge ids
  });

  it('leaves "rejected" and "timeout" for the user when no single end has the outcome "rejected"', () => {
    const wf = doc({ connections: [helpdesk], nodes: [intake('in', 'helpdesk', 'tickets.read'), integration('send', 'helpdesk', 'tickets.reply')], edges: ['in -> send'] });
    const fixed = insertApprovalGate(wf, 'send');
    expect(fixed.edges.map((e) => e.sourceHandle)).toEqual(['out', 'approved']);
    const two = doc({
      connections: [helpdesk],
      nodes: [intake('in', 'helpdesk', 'tickets.read'), integration('send', 'helpdesk', 'tickets.reply'), end('no1', 'rejected'), end('no2', 'rejected')],
      edges: ['in -> send'],
    });
    expect(insertApprovalGate(two, 'send').edges.map((e) => e.sourceHandle)).toEqual(['out', 'approved']);
  });

  it('places the gate between the step and what leads into it', () => {
    const wf = doc({ connections: [helpdesk], nodes: [intake('in', 'helpdesk', 'tickets.read'), integration('send', 'helpdesk', 'tickets.reply')], edges: ['in -> send'] });
    const moved = { ...wf, nodes: [{ ...wf.nodes[0], position: { x: 0, y: 0 } }, { ...wf.nodes[1], position: { x: 800, y: 0 } }] } as Workflow;
    expect(insertApprovalGate(moved, 'send').nodes[2].position).toEqual({ x: 400, y: 0 });
  });

  it('moves the step and everything to its right one column right when there is no room, so nothing overlaps', () => {
    const wf = doc({
      connections: [helpdesk],
      nodes: [intake('in', 'helpdesk', 'tickets.read'), integration('send', 'helpdesk', 'tickets.reply'), end('done'), end('side')],
      edges: ['in -> send', 'send.ok -> done', 'in -> side'],
    });
    const at = (positions: Record<string, [number, number]>) =>
      ({ ...wf, nodes: wf.nodes.map((n) => ({ ...n, position: { x: positions[n.id][0], y: positions[n.id][1] } })) }) as Workflow;
    // As the templates lay steps out: columns 300 apart, rows 160 apart.
    const tight = at({ in: [0, 0], send: [300, 0], done: [600, 0], side: [300, 160] });
    const fixed = insertApprovalGate(tight, 'send');
    const pos = Object.fromEntries(fixed.nodes.map((n) => [n.id, [n.position.x, n.position.y]]));
    const gate = fixed.nodes.find((n) => n.kind === 'approval')!;
    expect(pos[gate.id]).toEqual([300, 0]); // the step's old place, left of the step
    expect(pos).toMatchObject({ in: [0, 0], send: [600, 0], done: [900, 0], side: [600, 160] });
    // No two steps (240 × 140 on the canvas) overlap.
    const boxes = fixed.nodes.map((n) => n.position);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        expect(Math.abs(boxes[i].x - boxes[j].x) >= 240 || Math.abs(boxes[i].y - boxes[j].y) >= 140, `${fixed.nodes[i].id} / ${fixed.nodes[j].id}`).toBe(true);
      }
    }
  });

  it('does not place the gate on a step that sits between the step and what leads into it', () => {
    const wf = doc({
      connections: [helpdesk],
      nodes: [intake('in', 'helpdesk', 'tickets.read'), integration('send', 'helpdesk', 'tickets.reply'), end('other')],
      edges: ['in -> send'],
    });
    const moved = { ...wf, nodes: wf.nodes.map((n, i) => ({ ...n, position: [{ x: 0, y: 0 }, { x: 800, y: 0 }, { x: 400, y: 20 }][i] })) } as Workflow;
    const fixed = insertApprovalGate(moved, 'send');
    const gate = fixed.nodes.find((n) => n.kind === 'approval')!;
    expect(gate.position).toEqual({ x: 800, y: 0 });
    expect(fixed.nodes.find((n) => n.id === 'send')!.position).toEqual({ x: 1100, y: 0 });
    expect(fixed.nodes.find((n) => n.id === 'other')!.position).toEqual({ x: 400, y: 20 });
  });

  it('on the support template without its supervisor approval, leaves only the reviewer to set', () => {
    const wf = template('support-ticket-triage');
    const removed = removeElements(wf, ['n8']);
    const gateless = { ...removed, edges: [...removed.edges, { id: 'e99', source: 'n7', sourceHandle: 'ok', target: 'n9' }] };
    const [fix] = fixesFor(gateless, only(gateless, 'gate/missing-approval', 'n9'));
    const fixed = fix.apply(gateless);
    const gate = fixed.nodes.find((n) => !gateless.nodes.some((m) => m.id === n.id))!;
    // Where the supervisor approval stood, between "Draft reply" and "Send reply"; nothing else moved.
    expect(gate.position).toEqual(wf.nodes.find((n) => n.id === 'n8')!.position);
    expect(fixed.nodes.filter((n) => n !== gate)).toEqual(gateless.nodes);
    const edges = fixed.edges.filter((e) => e.source === gate.id).map((e) => `${e.sourceHandle} -> ${e.target}`);
    expect(edges).toEqual(['approved -> n9', 'rejected -> n13', 'timeout -> n13']);
    // The deletion left the old gate's rejected and timeout steps unreachable (n12, n13 and n14); the fix
    // guards n9 and n10 and reaches n13 again, and adds one finding only: the reviewer to name.
    const keys = (w: Workflow) => analyze(w).findings.map((f) => `${f.ruleId}@${f.nodeId}`);
    expect(keys(gateless)).toEqual(['gate/missing-approval@n9', 'gate/missing-approval@n10', 'graph/unreachable@n12', 'graph/unreachable@n13', 'graph/unreachable@n14']);
    expect(keys(fixed)).toEqual([`gate/no-reviewer@${gate.id}`, 'graph/unreachable@n12', 'graph/unreachable@n14']);
    expect((gate.config as { reviewer: string }).reviewer).toBe('');
  });

  it('offers no gate before an intake, and returns a stale document unchanged', () => {
    const wf = doc({ connections: [conn('helpdesk', 'helpdesk', ['tickets.delete'])], nodes: [intake('in', 'helpdesk', 'tickets.delete')] });
    expect(fixesFor(wf, only(wf, 'gate/missing-approval'))).toEqual([]);
    expect(insertApprovalGate(wf, 'nope')).toBe(wf);
  });
});
