// An end step's outcome follows its name where the name makes it obvious, and is asked for otherwise,
// instead of every new end being "resolved".
import { describe, expect, it } from 'vitest';
import { NO_OUTCOME, outcomeAfterRename, outcomeFromLabel } from '../../../shared/kinds/end-outcome';
import { addNode } from '../../../shared/model/edits/graph';
import { patchConfig, setLabel } from '../../../shared/model/edits/node-config';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import { compileWorkflow } from '../../../shared/simulation/compile';
import { simulate } from '../../../shared/simulation/simulate';
import { connect } from '../../../shared/model/edits/graph';
import type { Workflow } from '../../../shared/model/schema';

const outcomeOf = (wf: Workflow, id: string) => (wf.nodes.find((n) => n.id === id)!.config as { outcome: string }).outcome;

describe('the outcome a name makes obvious', () => {
  it('reads the common outcomes from the words people use', () => {
    expect(outcomeFromLabel('Refund rejected')).toBe('rejected');
    expect(outcomeFromLabel('Draft rejected')).toBe('rejected');
    expect(outcomeFromLabel('Request declined')).toBe('rejected');
    expect(outcomeFromLabel('Escalated to billing')).toBe('escalated');
    expect(outcomeFromLabel('Handled by a person')).toBe('escalated');
    expect(outcomeFromLabel('Resolved')).toBe('resolved');
    expect(outcomeFromLabel('Ticket closed')).toBe('resolved');
    expect(outcomeFromLabel('Order cancelled')).toBe('cancelled');
    expect(outcomeFromLabel('Review timed out')).toBe('stopped');
    // "Done, but rejected": the refusal says more than "done".
    expect(outcomeFromLabel('Done: refund rejected')).toBe('rejected');
  });

  it('gives none for a name that says nothing clear, or two different things', () => {
    expect(outcomeFromLabel('End')).toBeNull();
    expect(outcomeFromLabel('Invoice')).toBeNull();
    expect(outcomeFromLabel('Rejected and escalated')).toBeNull();
    // Parts of words are not words: "sentiment" is not "sent", "stopwatch" not "stop".
    expect(outcomeFromLabel('Sentiment noted')).toBeNull();
    expect(outcomeFromLabel('Stopwatch')).toBeNull();
  });
});

describe('an end step on creation and when renamed', () => {
  it('starts without an outcome when added as "End", and with the obvious one when added with a name', () => {
    const plain = addNode(blankWorkflow('w'), 'end', { x: 0, y: 0 });
    expect(outcomeOf(plain.workflow, plain.id)).toBe('');
    const named = addNode(blankWorkflow('w'), 'end', { x: 0, y: 0 }, 'Refund rejected');
    expect(outcomeOf(named.workflow, named.id)).toBe('rejected');
  });

  it('follows the name while the outcome is unset or what the old name implied, and keeps a chosen one', () => {
    const { workflow, id } = addNode(blankWorkflow('w'), 'end', { x: 0, y: 0 });
    const rejected = setLabel(workflow, id, 'Refund rejected');
    expect(outcomeOf(rejected, id)).toBe('rejected');
    // Still what the name implies: a new name that implies another outcome takes it along.
    expect(outcomeOf(setLabel(rejected, id, 'Refund escalated'), id)).toBe('escalated');
    // A name that implies nothing keeps the outcome.
    expect(outcomeOf(setLabel(rejected, id, 'Refund'), id)).toBe('rejected');
    // Chosen by the user (not what the name says): renaming leaves it alone.
    const chosen = patchConfig(rejected, id, 'end', { outcome: 'refunded' });
    expect(outcomeOf(setLabel(chosen, id, 'Refund escalated'), id)).toBe('refunded');
    expect(outcomeAfterRename('resolved', 'Refund rejected', 'Refund escalated')).toBe('resolved');
  });

  it('renames other kinds of step without touching their config', () => {
    const { workflow, id } = addNode(blankWorkflow('w'), 'escalation', { x: 0, y: 0 });
    const renamed = setLabel(workflow, id, 'Rejected claims');
    expect(renamed.nodes[0].config).toBe(workflow.nodes[0].config);
  });

  it('ends a run at an end without an outcome as “no outcome chosen”, not as a stop', () => {
    const intake = addNode(blankWorkflow('w'), 'intake', { x: 0, y: 0 });
    const end = addNode(intake.workflow, 'end', { x: 300, y: 0 });
    const linked = connect(end.workflow, { source: intake.id, sourceHandle: 'out', target: end.id });
    if (!linked.ok) throw new Error(linked.reason);
    const trace = simulate(compileWorkflow(linked.workflow, new Map()), {});
    expect(trace.outcome).toBe(NO_OUTCOME);
    expect(trace.stopped).toBeNull();
  });
});
