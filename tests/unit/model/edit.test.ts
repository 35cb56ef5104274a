import { describe, expect, it } from 'vitest';
import { addConnection, removeConnection, updateConnection } from '../../../shared/model/edits/connections';
import { addNode, connect, moveNodes, removeElements, updateNode } from '../../../shared/model/edits/graph';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import { extractFragment, pasteFragment } from '../../../shared/model/edits/fragments';
import { loadWorkflowValue } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { sampleWorkflow } from './fixtures';

// Every edit must leave its input untouched (undo/redo keeps the old documents).
function frozen(wf: Workflow): Workflow {
  const copy = structuredClone(wf);
  const freeze = (v: unknown): void => {
    if (v && typeof v === 'object') {
      Object.freeze(v);
      Object.values(v).forEach(freeze);
    }
  };
  freeze(copy);
  return copy;
}

const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe('addNode', () => {
  it('adds a node of the kind with its default config, a fresh id and a rounded position', () => {
    const before = frozen(sampleWorkflow());
    const { workflow, id } = addNode(before, 'approval', { x: 10.4, y: 20.6 });
    expect(id).toBe('n7');
    const node = workflow.nodes.at(-1)!;
    expect(node).toEqual({ id: 'n7', kind: 'approval', label: 'Approval', position: { x: 10, y: 21 }, config: { reviewer: '', instructions: '', timeoutHours: 24 } });
    expect(before.nodes).toHaveLength(6);
  });

  it('uses the given label and never reuses an id', () => {
    const first = addNode(blankWorkflow('w'), 'intake', { x: 0, y: 0 }, 'Form sent');
    const second = addNode(first.workflow, 'end', { x: 300, y: 0 });
    expect(first.workflow.nodes[0].label).toBe('Form sent');
    expect([first.id, second.id]).toEqual(['n1', 'n2']);
  });

  it('gives every kind a config its schema accepts', () => {
    let wf = blankWorkflow('w');
    for (const kind of ['intake', 'ai', 'integration', 'decision', 'approval', 'escalation', 'end'] as const) {
      wf = addNode(wf, kind, { x: 0, y: 0 }).workflow;
    }
    // The loader adds only what depends on the graph: what the approval shows (nothing it covers yet).
    const withShows = { ...wf, nodes: wf.nodes.map((n) => (n.kind === 'approval' ? { ...n, config: { ...n.config, shows: [] } } : n)) };
    expect(loadWorkflowValue(wf).workflow).toEqual(withShows);
  });
});

describe('updateNode', () => {
  it('replaces the label and config of one node', () => {
    const before = frozen(sampleWorkflow());
    const after = updateNode(before, 'n5', { label: 'Done', config: { outcome: 'closed' } });
    expect(after.nodes[4]).toMatchObject({ label: 'Done', config: { outcome: 'closed' } });
    expect(after.edges).toBe(before.edges);
    expect(before.nodes[4].label).toBe('Technical');
  });

  it('drops the edges of decision rules that were removed, keeping the others and else', () => {
    const before = frozen(sampleWorkflow());
    const decision = before.nodes[2];
    if (decision.kind !== 'decision') throw new Error('fixture changed');
    const after = updateNode(before, 'n3', { config: { ...decision.config, rules: [decision.config.rules[1]] } });
    expect(ids(after.edges)).toEqual(['e1', 'e2', 'e4', 'e5']);
    expect(before.edges).toHaveLength(5);
  });

  it('keeps edges of a renamed rule only if the handle id is unchanged', () => {
    const wf = sampleWorkflow();
    const decision = wf.nodes[2];
    if (decision.kind !== 'decision') throw new Error('fixture changed');
    const relabelled = updateNode(wf, 'n3', { config: { rules: decision.config.rules.map((r) => ({ ...r, label: `${r.label}!` })) } });
    expect(relabelled.edges).toHaveLength(5);
    const renamed = updateNode(wf, 'n3', { config: { rules: decision.config.rules.map((r) => ({ ...r, id: `${r.id}-2` })) } });
    expect(ids(renamed.edges)).toEqual(['e1', 'e2', 'e5']);
  });

  it('returns the same document for an unknown node', () => {
    const wf = sampleWorkflow();
    expect(updateNode(wf, 'n99', { label: 'x' })).toBe(wf);
  });
});

describe('moveNodes', () => {
  it('moves only the named nodes and keeps unknown position fields', () => {
    const wf = sampleWorkflow();
    (wf.nodes[0].position as Record<string, unknown>).pinned = true;
    const before = frozen(wf);
    const after = moveNodes(before, { n1: { x: 5, y: 6 }, n99: { x: 1, y: 1 } });
    expect(after.nodes[0].position).toEqual({ x: 5, y: 6, pinned: true });
    expect(after.nodes[1]).toBe(before.nodes[1]);
  });

  it('returns the same document when nothing moves', () => {
    const wf = sampleWorkflow();
    expect(moveNodes(wf, { n1: { x: 0, y: 0 } })).toBe(wf);
    expect(moveNodes(wf, {})).toBe(wf);
  });
});

describe('removeElements', () => {
  it('removes nodes with every edge that touches them', () => {
    const before = frozen(sampleWorkflow());
    const after = removeElements(before, ['n3']);
    expect(ids(after.nodes)).toEqual(['n1', 'n2', 'n4', 'n5', 'n6']);
    expect(ids(after.edges)).toEqual(['e1']);
  });

  it('removes edges alone', () => {
    const after = removeElements(sampleWorkflow(), [], ['e2', 'e4']);
    expect(after.nodes).toHaveLength(6);
    expect(ids(after.edges)).toEqual(['e1', 'e3', 'e5']);
  });

  it('returns the same document when nothing is selected', () => {
    const wf = sampleWorkflow();
    expect(removeElements(wf, [], [])).toBe(wf);
  });
});

describe('connect', () => {
  it('adds an edge with a fresh id, defaulting to the first output', () => {
    const wf = removeElements(sampleWorkflow(), [], ['e1']);
    const result = connect(wf, { source: 'n1', sourceHandle: null, target: 'n2' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.id).toBe('e6');
    expect(result.workflow.edges.at(-1)).toEqual({ id: 'e6', source: 'n1', sourceHandle: 'out', target: 'n2' });
  });

  it('refuses what connectionRefusal refuses, with the reason', () => {
    const result = connect(sampleWorkflow(), { source: 'n2', sourceHandle: 'ok', target: 'n5' });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/already leads somewhere/) });
  });
});

describe('connections', () => {
  it('adds connections with readable, unique ids and safe defaults', () => {
    const first = addConnection(blankWorkflow('w'), 'helpdesk', 'Help desk');
    const second = addConnection(first.workflow, 'helpdesk', 'Second help desk');
    expect([first.id, second.id]).toEqual(['helpdesk', 'helpdesk-1']);
    expect(second.workflow.connections[1]).toEqual({
      id: 'helpdesk-1', connector: 'helpdesk', label: 'Second help desk', identity: '', grants: [], logging: false, maintainer: '', revocation: '',
    });
  });

  it('updates one connection and removes one without touching the steps that name it', () => {
    const before = frozen(sampleWorkflow());
    const updated = updateConnection(before, 'helpdesk', { grants: ['tickets.read', 'tickets.reply'], logging: true });
    expect(updated.connections[0]).toMatchObject({ id: 'helpdesk', grants: ['tickets.read', 'tickets.reply'], logging: true, label: 'Help desk' });
    const removed = removeConnection(updated, 'helpdesk');
    expect(removed.connections).toEqual([]);
    expect(removed.nodes[0].config).toMatchObject({ connection: 'helpdesk' });
  });
});

describe('copy and paste', () => {
  it('copies the selected nodes with the edges between them only', () => {
    const fragment = extractFragment(sampleWorkflow(), ['n2', 'n3', 'n4']);
    expect(ids(fragment.nodes)).toEqual(['n2', 'n3', 'n4']);
    expect(ids(fragment.edges)).toEqual(['e2', 'e3']);
  });

  it('pastes with fresh ids, shifted positions and remapped edges', () => {
    const wf = frozen(sampleWorkflow());
    const fragment = extractFragment(wf, ['n2', 'n3', 'n4']);
    const { workflow, nodeIds } = pasteFragment(wf, fragment, { x: 40, y: 40 });
    expect(nodeIds).toEqual(['n7', 'n8', 'n9']);
    expect(workflow.nodes.slice(6).map((n) => n.position)).toEqual([
      { x: 340, y: 40 },
      { x: 640, y: 40 },
      { x: 940, y: -120 },
    ]);
    expect(workflow.edges.slice(5)).toEqual([
      { id: 'e6', source: 'n7', sourceHandle: 'ok', target: 'n8' },
      { id: 'e7', source: 'n8', sourceHandle: 'billing', target: 'n9' },
    ]);
    expect(loadWorkflowValue(workflow).workflow.nodes).toHaveLength(9);
  });

  it('names a pasted step whose name is taken "… (copy)", and keeps a name that is free', () => {
    const wf = sampleWorkflow();
    const fragment = extractFragment(wf, ['n2', 'n3']);
    const once = pasteFragment(wf, fragment, { x: 0, y: 200 });
    expect(once.workflow.nodes.slice(6).map((n) => n.label)).toEqual(['Classify (copy)', 'Route (copy)']);
    const twice = pasteFragment(once.workflow, fragment, { x: 0, y: 400 });
    expect(twice.workflow.nodes.slice(8).map((n) => n.label)).toEqual(['Classify (copy 2)', 'Route (copy 2)']);
    // Cut and pasted back: the name is free again.
    const cut = { ...wf, nodes: wf.nodes.filter((n) => n.id !== 'n2'), edges: wf.edges.filter((e) => e.source !== 'n2' && e.target !== 'n2') };
    expect(pasteFragment(cut, extractFragment(wf, ['n2']), { x: 0, y: 0 }).workflow.nodes.at(-1)!.label).toBe('Classify');
  });

  it('drops edges whose ends are not in the fragment and shares no objects with the original', () => {
    const wf = sampleWorkflow();
    const fragment = { nodes: [wf.nodes[2]], edges: [wf.edges[2]] };
    const { workflow } = pasteFragment(wf, fragment, { x: 0, y: 0 });
    expect(workflow.edges).toHaveLength(5);
    const pasted = workflow.nodes[6];
    expect(pasted.config).not.toBe(wf.nodes[2].config);
    (pasted.config as { rules: unknown[] }).rules.pop();
    expect((wf.nodes[2].config as { rules: unknown[] }).rules).toHaveLength(2);
  });
});
