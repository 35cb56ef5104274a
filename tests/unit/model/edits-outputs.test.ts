// Where a step's outputs lead: the next step added already linked, and an output pointed elsewhere.
import { describe, expect, it } from 'vitest';
import { loadWorkflowValue } from '../../../shared/model/load';
import { addNextStep, freeOutputs, outputLeads, setOutputTarget } from '../../../shared/model/edits/outputs';
import { supportWorkflow } from '../panels/fixture';

const wf = supportWorkflow();
const linksFrom = (doc: typeof wf, source: string, handle: string) => doc.edges.filter((e) => e.source === source && e.sourceHandle === handle).map((e) => e.target);

describe('where outputs lead', () => {
  it('lists each output with the step it leads to, or none', () => {
    expect(outputLeads(wf, 'n2').map((l) => [l.handle.id, l.target])).toEqual([
      ['ok', 'n3'],
      ['low_confidence', null],
      ['error', null],
    ]);
    expect(freeOutputs(wf, 'n2').map((h) => h.id)).toEqual(['low_confidence', 'error']);
    expect(outputLeads(wf, 'n7')).toEqual([]);
    expect(outputLeads(wf, 'nope')).toEqual([]);
  });
});

describe('adding the next step', () => {
  it('adds a step of the kind, at the place given, linked from the output: one valid document', () => {
    const result = addNextStep(wf, 'n2', 'low_confidence', 'escalation', { x: 500, y: 200 });
    if (!result.ok) throw new Error(result.reason);
    const added = result.workflow.nodes.find((n) => n.id === result.id)!;
    expect(added).toMatchObject({ kind: 'escalation', position: { x: 500, y: 200 } });
    expect(linksFrom(result.workflow, 'n2', 'low_confidence')).toEqual([result.id]);
    expect(loadWorkflowValue(result.workflow).workflow.nodes).toHaveLength(wf.nodes.length + 1);
  });

  it('takes the place of what a used output led to', () => {
    const result = addNextStep(wf, 'n2', 'ok', 'approval', { x: 0, y: 0 });
    if (!result.ok) throw new Error(result.reason);
    expect(linksFrom(result.workflow, 'n2', 'ok')).toEqual([result.id]);
  });

  it('refuses what cannot follow, and changes nothing', () => {
    const intake = addNextStep(wf, 'n2', 'error', 'intake', { x: 0, y: 0 });
    expect(intake).toEqual({ ok: false, reason: 'An intake starts the workflow: nothing can lead into it.' });
    expect(addNextStep(wf, 'n7', 'out', 'end', { x: 0, y: 0 }).ok).toBe(false);
    expect(addNextStep(wf, 'n2', 'nope', 'end', { x: 0, y: 0 }).ok).toBe(false);
  });
});

describe('pointing an output elsewhere', () => {
  it('replaces the link of that output, and only that one', () => {
    const result = setOutputTarget(wf, 'n3', 'r1', 'n7');
    if (!result.ok) throw new Error(result.reason);
    expect(linksFrom(result.workflow, 'n3', 'r1')).toEqual(['n7']);
    expect(linksFrom(result.workflow, 'n3', 'r2')).toEqual(['n5']);
    expect(result.workflow.edges).toHaveLength(wf.edges.length);
  });

  it('links a free output, and unlinks one (null)', () => {
    const linked = setOutputTarget(wf, 'n2', 'error', 'n6');
    if (!linked.ok) throw new Error(linked.reason);
    expect(linksFrom(linked.workflow, 'n2', 'error')).toEqual(['n6']);
    const unlinked = setOutputTarget(linked.workflow, 'n2', 'error', null);
    if (!unlinked.ok) throw new Error(unlinked.reason);
    expect(linksFrom(unlinked.workflow, 'n2', 'error')).toEqual([]);
  });

  it('gives the same document when it already leads there, or nowhere is asked of a free output', () => {
    expect(setOutputTarget(wf, 'n3', 'r1', 'n6')).toEqual({ ok: true, workflow: wf });
    expect((setOutputTarget(wf, 'n2', 'error', null) as { workflow: unknown }).workflow).toBe(wf);
  });

  it('refuses a link the canvas refuses, with its reason', () => {
    expect(setOutputTarget(wf, 'n3', 'r1', 'n1')).toEqual({ ok: false, reason: 'An intake starts the workflow: nothing can lead into it.' });
    expect(setOutputTarget(wf, 'n3', 'r1', 'n3')).toEqual({ ok: false, reason: 'A step cannot connect to itself.' });
  });
});
